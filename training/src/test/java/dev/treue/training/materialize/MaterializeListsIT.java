package dev.treue.training.materialize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.store.RedisTestServers;
import dev.treue.training.cli.CliRun;
import dev.treue.training.files.CsvFields;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code materialize --lists} writes the member lists from the rows it loads into Redis, without a
 * second replay: the same three files, line for line, as {@code score} writes from its own replay
 * with the same model, as-of day, risk bands and language (only the scoring time differs), each
 * with its Parquet copy.
 */
class MaterializeListsIT {
  private static final Path SAMPLE = Path.of("..", "data", "sample");
  private static final String[] LISTS = {
    "atrisk.csv", "atrisk-winback.csv", "atrisk-not-activated.csv"
  };

  @Test
  void theLoadWritesTheListsScoreWrites(@TempDir Path tmp) throws IOException {
    String registry = tmp.resolve("models").toString();
    String work = tmp.resolve("work").toString();
    succeeds(
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
            "20"));
    List<String> common =
        List.of(
            "--data",
            SAMPLE.toString(),
            "--registry",
            registry,
            "--work",
            work,
            "--language",
            "de",
            "--risk-bands",
            "low,medium,high",
            "--reasons-from",
            "0");
    List<String> score =
        new ArrayList<>(List.of("score", "--out", tmp.resolve("score/atrisk.csv").toString()));
    score.addAll(common);
    succeeds(score);
    try (RedisTestServers.Single redis = RedisTestServers.single()) {
      List<String> load =
          new ArrayList<>(
              List.of(
                  "materialize",
                  "--redis",
                  redis.url(),
                  "--tenant",
                  "lists-it",
                  "--no-kpis",
                  "--lists",
                  tmp.resolve("load/atrisk.csv").toString()));
      load.addAll(common);
      String printed = succeeds(load);
      assertTrue(printed.contains("Member lists written from the loaded rows"), printed);
    }
    for (String list : LISTS) {
      List<String> fromScore = Files.readAllLines(tmp.resolve("score").resolve(list));
      List<String> fromLoad = Files.readAllLines(tmp.resolve("load").resolve(list));
      assertTrue(fromScore.size() > 1, list + " has rows");
      assertEquals(fromScore.size(), fromLoad.size(), list);
      int scoredAt = CsvFields.of(fromScore.get(0), ';').indexOf("Bewertet am");
      assertTrue(scoredAt >= 0, "German header: " + fromScore.get(0));
      for (int i = 0; i < fromScore.size(); i++) {
        List<String> a = CsvFields.of(fromScore.get(i), ';');
        List<String> b = CsvFields.of(fromLoad.get(i), ';');
        if (i > 0) {
          // The two jobs ran at different times: everything else is the same.
          assertNotEquals("", a.get(scoredAt));
          a.remove(scoredAt);
          b.remove(scoredAt);
        }
        assertEquals(a, b, list + " line " + (i + 1));
      }
      String parquet = list.replace(".csv", ".parquet");
      assertTrue(Files.isDirectory(tmp.resolve("load").resolve(parquet)), parquet);
    }
  }

  @Test
  void listsNeedScores(@TempDir Path tmp) {
    try (RedisTestServers.Single redis = RedisTestServers.single()) {
      CliRun refused =
          CliRun.of(
              List.of(
                  "materialize",
                  "--data",
                  SAMPLE.toString(),
                  "--redis",
                  redis.url(),
                  "--tenant",
                  "lists-it-refused",
                  "--states-only",
                  "--lists",
                  tmp.resolve("a.csv").toString(),
                  "--work",
                  tmp.resolve("work").toString()));
      assertNotEquals(0, refused.status());
      assertTrue(refused.err().contains("--lists"), refused.err());
      assertFalse(Files.exists(tmp.resolve("a.csv")));

      CliRun noModel =
          CliRun.of(
              List.of(
                  "materialize",
                  "--data",
                  SAMPLE.toString(),
                  "--redis",
                  redis.url(),
                  "--tenant",
                  "lists-it-refused",
                  "--registry",
                  tmp.resolve("empty-registry").toString(),
                  "--lists",
                  tmp.resolve("b.csv").toString(),
                  "--work",
                  tmp.resolve("work").toString()));
      assertNotEquals(0, noModel.status());
      assertTrue(noModel.err().contains("no current churn model"), noModel.err());
      assertFalse(Files.exists(tmp.resolve("b.csv")));
    }
  }

  /** Runs a command that must succeed, returning what it printed. */
  private static String succeeds(List<String> args) {
    CliRun run = CliRun.of(args);
    System.out.print(run.out());
    assertEquals(0, run.status(), run.out() + run.err());
    return run.out();
  }
}
