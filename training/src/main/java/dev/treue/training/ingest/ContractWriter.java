package dev.treue.training.ingest;

import static dev.treue.core.time.Days.DAY_MILLIS;

import dev.treue.core.event.LoyaltyEvent;
import dev.treue.core.ingest.Csv;
import dev.treue.core.ingest.EventRowParser;
import dev.treue.core.ingest.MemberRowParser;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The output side of an importer: writes contract {@code events.csv}, derives {@code customers.csv}
 * (signup = the day of the member's first event, UTC), lists rejects, and only puts the tables in
 * place when the reject share is within the threshold, so a failed import leaves nothing half done.
 */
final class ContractWriter implements Closeable {
  private final Path outDir;
  private final Path eventsTmp;
  private final Path rejectsFile;
  private final Path rejectsTmp;
  private final BufferedWriter events;
  private final BufferedWriter rejects;
  private final Map<String, Long> firstSeen = new HashMap<>();
  private final Set<String> eventIds = new HashSet<>();
  private final boolean checkDuplicates;
  private long eventCount;
  private long rejectCount;
  private long duplicateCount;
  private boolean done;

  /** @param checkDuplicates false when ids are made from line numbers and cannot repeat */
  ContractWriter(Path outDir, boolean checkDuplicates) throws IOException {
    this.outDir = outDir;
    this.checkDuplicates = checkDuplicates;
    Files.createDirectories(outDir);
    eventsTmp = outDir.resolve("events.csv.tmp");
    rejectsFile = outDir.resolve("import.rejects.csv");
    rejectsTmp = outDir.resolve("import.rejects.csv.tmp");
    events = Files.newBufferedWriter(eventsTmp, StandardCharsets.UTF_8);
    rejects = Files.newBufferedWriter(rejectsTmp, StandardCharsets.UTF_8);
    events.write(String.join(",", EventRowParser.COLUMNS));
    events.write('\n');
    rejects.write("line,reason,raw\n");
  }

  /**
   * Writes a validated event.
   *
   * @param values the contract values in {@link EventRowParser#COLUMNS} order, as they go to the file
   * @param event the same row as validated by the core parser
   */
  void event(String[] values, LoyaltyEvent event) throws IOException {
    if (checkDuplicates && !eventIds.add(event.eventId())) {
      duplicateCount++;
      return;
    }
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        events.write(',');
      }
      events.write(Csv.quote(values[i], ','));
    }
    events.write('\n');
    eventCount++;
    firstSeen.merge(event.customerId(), event.tsMillis(), Math::min);
  }

  void reject(long line, String reason, String raw) throws IOException {
    rejects.write(Csv.line(Long.toString(line), reason, raw));
    rejects.write('\n');
    rejectCount++;
  }

  long rejected() {
    return rejectCount;
  }

  /**
   * Checks the threshold, writes customers.csv and moves the tables into place.
   *
   * @throws RejectThresholdException when too many lines were rejected; the rejects file stays
   */
  ImportSummary finish(Path input, String layout, long lines, double maxRejectShare)
      throws IOException {
    events.close();
    rejects.close();
    done = true;
    Files.move(
        rejectsTmp,
        rejectsFile,
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
    TableSummary check =
        new TableSummary(
            layout + " import", input.toString(), lines, rejectCount, duplicateCount, rejectsFile);
    if (check.rejectShare() > maxRejectShare) {
      Files.deleteIfExists(eventsTmp);
      throw new RejectThresholdException(check, maxRejectShare);
    }
    Path customersTmp = outDir.resolve("customers.csv.tmp");
    List<String> ids = new ArrayList<>(firstSeen.keySet());
    ids.sort(null);
    try (BufferedWriter w = Files.newBufferedWriter(customersTmp, StandardCharsets.UTF_8)) {
      w.write(String.join(",", MemberRowParser.COLUMNS));
      w.write('\n');
      for (String id : ids) {
        LocalDate signup = LocalDate.ofEpochDay(Math.floorDiv(firstSeen.get(id), DAY_MILLIS));
        // the contract's defaults spelled out: basic tier, unknown birth date, consent given
        w.write(Csv.line(id, signup.toString(), "basic", "", "", "", "true"));
        w.write('\n');
      }
    }
    Files.move(
        eventsTmp,
        outDir.resolve("events.csv"),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
    Files.move(
        customersTmp,
        outDir.resolve("customers.csv"),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
    return new ImportSummary(
        input,
        layout,
        lines,
        eventCount,
        ids.size(),
        rejectCount,
        duplicateCount,
        outDir,
        rejectsFile);
  }

  /** Removes temporary files when the import stopped early. */
  @Override
  public void close() throws IOException {
    if (!done) {
      events.close();
      rejects.close();
      Files.deleteIfExists(eventsTmp);
      Files.deleteIfExists(rejectsTmp);
    }
  }
}
