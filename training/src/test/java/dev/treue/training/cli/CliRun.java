package dev.treue.training.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One run of the real CLI entry point: exit status and what the command printed. Commands print to
 * System.out, so it is captured for the run.
 */
public record CliRun(int status, String out, String err) {
  /** Runs {@code ./treue ARGS} in this JVM. */
  public static CliRun of(List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream original = System.out;
    PrintStream capture = new PrintStream(out, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    int status;
    try {
      status = TreueCli.run(args, capture, new PrintStream(err, true, StandardCharsets.UTF_8));
    } finally {
      System.setOut(original);
    }
    return new CliRun(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
