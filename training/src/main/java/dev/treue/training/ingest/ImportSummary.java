package dev.treue.training.ingest;

import java.nio.file.Path;
import java.util.Locale;

/**
 * What an importer wrote.
 *
 * @param input the file read
 * @param layout the input layout recognised (e.g. {@code cdnow master})
 * @param lines data lines read (header and blank lines not counted)
 * @param events events written to {@code events.csv}
 * @param customers members written to {@code customers.csv}
 * @param rejected lines listed in the rejects file
 * @param duplicates lines whose event id had been seen before; counted once
 * @param outDir the folder holding {@code events.csv} and {@code customers.csv}
 * @param rejectsFile the rejects file ({@code line,reason,raw})
 */
public record ImportSummary(
    Path input,
    String layout,
    long lines,
    long events,
    long customers,
    long rejected,
    long duplicates,
    Path outDir,
    Path rejectsFile) {

  /** Lines of the command output. */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "imported %s (%s)%n  lines:      %,d%n  events:     %,d%n  customers:  %,d%n  rejected:   %,d (%s)%n"
            + "  duplicates: %,d%n  written to: %s",
        input,
        layout,
        lines,
        events,
        customers,
        rejected,
        rejectsFile,
        duplicates,
        outDir);
  }
}
