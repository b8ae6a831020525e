package dev.treue.training.materialize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.store.RedisTestServers;
import dev.treue.training.cli.TreueCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
    run(
        "train",
        "churn",
        "--data",
        SAMPLE.toString(),
        "--registry",
        registry,
        "--work",
        work,
        "--trees",
        "20");
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
    run(score.toArray(String[]::new));
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
      String printed = run(load.toArray(String[]::new));
      assertTrue(printed.contains("Member lists written from the loaded rows"), printed);
    }
    for (String list : LISTS) {
      List<String> fromScore = Files.readAllLines(tmp.resolve("score").resolve(list));
      List<String> fromLoad = Files.readAllLines(tmp.resolve("load").resolve(list));
      assertTrue(fromScore.size() > 1, list + " has rows");
      assertEquals(fromScore.size(), fromLoad.size(), list);
      int scoredAt = cells(fromScore.get(0)).indexOf("Bewertet am");
      assertTrue(scoredAt >= 0, "German header: " + fromScore.get(0));
      for (int i = 0; i < fromScore.size(); i++) {
        List<String> a = cells(fromScore.get(i));
        List<String> b = cells(fromLoad.get(i));
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
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int status =
          TreueCli.run(
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
                  tmp.resolve("work").toString()),
              System.out,
              new PrintStream(err, true, StandardCharsets.UTF_8));
      assertNotEquals(0, status);
      assertTrue(err.toString(StandardCharsets.UTF_8).contains("--lists"), err.toString());
      assertFalse(Files.exists(tmp.resolve("a.csv")));
    }
  }

  /** A CSV line's cells in the German form (';' between cells, quoted cells with quotes doubled). */
  private static List<String> cells(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    String text = line.startsWith("\uFEFF") ? line.substring(1) : line;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted && c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
        cell.append('"');
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ';' && !quoted) {
        out.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    out.add(cell.toString());
    return out;
  }

  /** Runs a command, returning what it printed. */
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
