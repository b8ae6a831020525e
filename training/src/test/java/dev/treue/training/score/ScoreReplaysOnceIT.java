package dev.treue.training.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.training.cli.TreueCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code score} replays each member's history once (issue 17) through every file it writes: the
 * count of replays the scoring pass makes (a Spark accumulator, so a task run twice counts twice)
 * equals the members listed. Sorting the scored rows before keeping them replayed every member
 * twice, once for the sort's sample of its input and once for the shuffle.
 */
class ScoreReplaysOnceIT {
  private static final Path SAMPLE = Path.of("..", "data", "sample");
  private static final Pattern REPLAYED =
      Pattern.compile("Member histories replayed: ([0-9,]+) for ([0-9,]+) listed members");

  @Test
  void everyListedMemberIsReplayedOnce(@TempDir Path tmp) {
    String registry = tmp.resolve("models").toString();
    String work = tmp.resolve("work").toString();
    assertEquals(
        0,
        TreueCli.run(
            List.of(
                "train",
                "churn",
                "--data",
                SAMPLE.toString(),
                "--registry",
                registry,
                "--work",
                work,
                "--trees",
                "20"),
            System.out,
            System.err));
    String printed =
        run(
            "score",
            "--data",
            SAMPLE.toString(),
            "--registry",
            registry,
            "--work",
            work,
            "--out",
            tmp.resolve("atrisk.csv").toString());
    Matcher m = REPLAYED.matcher(printed);
    assertTrue(m.find(), "score prints its replay count:\n" + printed);
    long replays = Long.parseLong(m.group(1).replace(",", ""));
    long listed = Long.parseLong(m.group(2).replace(",", ""));
    assertTrue(listed > 0, "members listed");
    assertEquals(listed, replays, "each listed member replayed once");
  }

  /** Runs a command, returning what it printed (commands print to System.out). */
  private static String run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int status;
    try (PrintStream capture = new PrintStream(out, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      try {
        status = TreueCli.run(List.of(args), capture, System.err);
      } finally {
        System.setOut(original);
      }
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    System.out.print(printed);
    assertEquals(0, status, printed);
    return printed;
  }
}
