package dev.treue.training.uplift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.treue.training.cli.TreueCli;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./treue uplift} on generated programmes with a control group, against the generator's truth: the
 * same members (same seed) generated once with everybody contacted as targeted and once with everybody held
 * out give each member's outcome with and without contacts; their mean difference is the true effect of
 * assigning members to the treated group, which each interval must cover, for two seeds.
 */
class UpliftGeneratedIT {
  private static final String FROM = "2025-07-01";
  private static final String TO = "2025-08-31";
  private static final int HORIZON = 60;
  private static final String SALT = "gen-it";

  /** A member's outcome in the window: purchases and spend. */
  private record Outcome(long purchases, double spend) {}

  private static void generate(Path out, long seed, String share) {
    assertEquals(
        0,
        TreueCli.run(
            List.of(
                "generate",
                "--customers",
                "3000",
                "--months",
                "12",
                "--end",
                "2025-12-31",
                "--warmup-days",
                "0",
                "--seed",
                String.valueOf(seed),
                "--holdout-share",
                share,
                "--holdout-salt",
                SALT,
                "--out",
                out.toString()),
            System.out,
            System.err));
  }

  /** Each member signed up by TO, with their outcome in the window, from the written files. */
  private static Map<String, Outcome> outcomes(Path data) throws Exception {
    Map<String, Outcome> out = new HashMap<>();
    int lastSignup = (int) LocalDate.parse(TO).toEpochDay();
    try (BufferedReader r = Files.newBufferedReader(data.resolve("customers.csv"))) {
      r.readLine();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.split(",", -1);
        if (LocalDate.parse(f[1]).toEpochDay() <= lastSignup) {
          out.put(f[0], new Outcome(0, 0));
        }
      }
    }
    long from = LocalDate.parse(FROM).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    long end =
        LocalDate.parse(TO)
            .plusDays(1 + HORIZON)
            .atStartOfDay()
            .toInstant(ZoneOffset.UTC)
            .toEpochMilli();
    try (BufferedReader r =
        Files.newBufferedReader(data.resolve("events.csv"), StandardCharsets.UTF_8)) {
      r.readLine();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.split(",", -1);
        if (!f[3].equals("purchase") || !out.containsKey(f[1])) {
          continue;
        }
        long ts = OffsetDateTime.parse(f[2]).toInstant().toEpochMilli();
        if (ts >= from && ts < end) {
          Outcome o = out.get(f[1]);
          out.put(f[1], new Outcome(o.purchases() + 1, o.spend() + Double.parseDouble(f[4])));
        }
      }
    }
    return out;
  }

  private static void covers(JsonNode metric, double truth) {
    double low = metric.get("low").asDouble();
    double high = metric.get("high").asDouble();
    System.out.printf(
        "uplift generated: %s difference %.4f [%.4f, %.4f], truth %.4f%n",
        metric.get("metric").asText(), metric.get("difference").asDouble(), low, high, truth);
    assertTrue(low <= truth && truth <= high, metric + " misses the truth " + truth);
  }

  @Test
  void theIntervalsCoverTheTrueEffectWithTwoSeeds(@TempDir Path tmp) throws Exception {
    for (long seed : new long[] {1, 2}) {
      Path held = tmp.resolve("held-" + seed);
      Path all = tmp.resolve("all-" + seed);
      Path none = tmp.resolve("none-" + seed);
      generate(held, seed, "0.2");
      generate(all, seed, "0");
      generate(none, seed, "0.999999");
      Map<String, Outcome> treated = outcomes(all);
      Map<String, Outcome> untreated = outcomes(none);
      assertEquals(treated.keySet(), untreated.keySet(), "the same members in both worlds");
      double retained = 0;
      double purchases = 0;
      double spend = 0;
      for (Map.Entry<String, Outcome> e : treated.entrySet()) {
        Outcome t = e.getValue();
        Outcome u = untreated.get(e.getKey());
        retained += (t.purchases() > 0 ? 1 : 0) - (u.purchases() > 0 ? 1 : 0);
        purchases += t.purchases() - u.purchases();
        spend += t.spend() - u.spend();
      }
      int n = treated.size();
      assertEquals(
          0,
          TreueCli.run(
              List.of(
                  "uplift",
                  "--data",
                  held.toString(),
                  "--from",
                  FROM,
                  "--to",
                  TO,
                  "--horizon",
                  String.valueOf(HORIZON),
                  "--holdout-share",
                  "0.2",
                  "--salt",
                  SALT,
                  "--work",
                  tmp.resolve("work").toString(),
                  "--out",
                  held.resolve("uplift").toString()),
              System.out,
              System.err));
      JsonNode r =
          new ObjectMapper().readTree(held.resolve("uplift").resolve("uplift.json").toFile());
      assertEquals(
          n, r.get("treated").get("members").asLong() + r.get("held_out").get("members").asLong());
      assertEquals(
          0,
          r.get("held_out").get("contacted").asLong(),
          "the generator sent the held out nothing");
      assertTrue(r.get("treated").get("contacted").asLong() > 0);
      JsonNode metrics = r.get("metrics");
      covers(metrics.get(0), retained / n);
      covers(metrics.get(1), purchases / n);
      covers(metrics.get(2), spend / n);
    }
  }
}
