package dev.treue.training.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.training.cli.CliRun;
import dev.treue.training.cli.TreueCli;
import dev.treue.training.files.CsvFields;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
  void everyListedMemberIsReplayedOnce(@TempDir Path tmp) throws IOException {
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
    CliRun score =
        CliRun.of(
            List.of(
                "score",
                "--data",
                SAMPLE.toString(),
                "--registry",
                registry,
                "--work",
                work,
                "--out",
                tmp.resolve("atrisk.csv").toString()));
    assertEquals(0, score.status(), score.err());
    Matcher m = REPLAYED.matcher(score.out());
    assertTrue(m.find(), "score prints its replay count:\n" + score.out());
    long replays = Long.parseLong(m.group(1).replace(",", ""));
    long listed = Long.parseLong(m.group(2).replace(",", ""));
    assertTrue(listed > 0, "members listed");
    assertEquals(listed, replays, "each listed member replayed once");

    // Each list is sorted once and both its files read the kept rows: the CSV's lines stay in the
    // list's order across the parts they were written in.
    assertOrdered(tmp.resolve("atrisk.csv"), "value_at_risk", true);
    assertOrdered(tmp.resolve("atrisk-winback.csv"), "win_back_value", true);
    assertOrdered(tmp.resolve("atrisk-not-activated.csv"), "customer_id", false);
  }

  /** The file's rows are ordered by {@code column}: numbers from highest, text from lowest. */
  private static void assertOrdered(Path csv, String column, boolean numberDescending)
      throws IOException {
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    int at = CsvFields.of(lines.get(0), ',').indexOf(column);
    assertTrue(at >= 0, column + " in " + lines.get(0));
    assertTrue(lines.size() > 2, "rows in " + csv);
    String before = null;
    for (String line : lines.subList(1, lines.size())) {
      String cell = CsvFields.of(line, ',').get(at);
      if (before != null) {
        boolean inOrder =
            numberDescending
                ? Double.parseDouble(before) >= Double.parseDouble(cell)
                : before.compareTo(cell) < 0;
        assertTrue(inOrder, csv.getFileName() + ": " + before + " then " + cell);
      }
      before = cell;
    }
  }
}
