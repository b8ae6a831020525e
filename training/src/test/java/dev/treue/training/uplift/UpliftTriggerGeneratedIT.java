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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./treue uplift --trigger} on generated programmes against the generator's truth. The members whose
 * membership anniversary fell in the period are the same whatever the control group (signup days are drawn
 * before the assignment), so the same members (same seed) generated once with everybody treated and once with
 * everybody held out give each firer's outcome in the 60 days after the anniversary with and without
 * contacts; their mean difference is the true effect the interval must cover, for three seeds.
 */
class UpliftTriggerGeneratedIT {
  private static final LocalDate FROM = LocalDate.parse("2025-04-01");
  private static final LocalDate TO = LocalDate.parse("2025-10-31");
  private static final int HORIZON = 60;
  private static final String SALT = "trigger-it";
  private static final long DAY = 86_400_000L;

  /** A member's outcome after their firing: purchases and spend. */
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

  /**
   * The anniversary day in the period of each member with profiling consent who has one, counted here from the
   * signup dates (the period avoids the end of February, where a 29 February signup's anniversary moves).
   */
  private static Map<String, LocalDate> anniversaries(Path data) throws Exception {
    Map<String, LocalDate> out = new HashMap<>();
    try (BufferedReader r = Files.newBufferedReader(data.resolve("customers.csv"))) {
      int consent = List.of(r.readLine().split(",")).indexOf("profiling_consent");
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.split(",", -1);
        if (f[consent].equals("false")) {
          continue; // the service stores and fires nothing for a member without consent
        }
        LocalDate signup = LocalDate.parse(f[1]);
        for (int years = 1; years < 20; years++) {
          LocalDate day = signup.plusYears(years);
          if (!day.isBefore(FROM) && !day.isAfter(TO)) {
            out.put(f[0], day);
          }
        }
      }
    }
    return out;
  }

  /** Each firer's purchases and spend in the {@code HORIZON} days from their anniversary on. */
  private static Map<String, Outcome> outcomes(Path data, Map<String, LocalDate> fired)
      throws Exception {
    Map<String, Outcome> out = new HashMap<>();
    fired.keySet().forEach(id -> out.put(id, new Outcome(0, 0)));
    try (BufferedReader r =
        Files.newBufferedReader(data.resolve("events.csv"), StandardCharsets.UTF_8)) {
      r.readLine();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.split(",", -1);
        LocalDate day = fired.get(f[1]);
        if (!f[3].equals("purchase") || day == null) {
          continue;
        }
        long ts = OffsetDateTime.parse(f[2]).toInstant().toEpochMilli();
        long start = day.toEpochDay() * DAY;
        if (ts >= start && ts < start + HORIZON * DAY) {
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
        "uplift trigger generated: %s difference %.4f [%.4f, %.4f], truth %.4f%n",
        metric.get("metric").asText(), metric.get("difference").asDouble(), low, high, truth);
    assertTrue(low <= truth && truth <= high, metric + " misses the truth " + truth);
  }

  @Test
  void theAnniversaryFirersIntervalsCoverTheTrueEffectWithThreeSeeds(@TempDir Path tmp)
      throws Exception {
    for (long seed : new long[] {1, 2, 3}) {
      Path held = tmp.resolve("held-" + seed);
      Path all = tmp.resolve("all-" + seed);
      Path none = tmp.resolve("none-" + seed);
      generate(held, seed, "0.3");
      generate(all, seed, "0");
      generate(none, seed, "0.999999");
      Map<String, LocalDate> fired = anniversaries(held);
      assertEquals(fired, anniversaries(all), "the same firers in every world");
      Map<String, Outcome> treated = outcomes(all, fired);
      Map<String, Outcome> untreated = outcomes(none, fired);
      double retained = 0;
      double purchases = 0;
      double spend = 0;
      for (String id : fired.keySet()) {
        Outcome t = treated.get(id);
        Outcome u = untreated.get(id);
        retained += (t.purchases() > 0 ? 1 : 0) - (u.purchases() > 0 ? 1 : 0);
        purchases += t.purchases() - u.purchases();
        spend += t.spend() - u.spend();
      }
      int n = fired.size();
      assertEquals(
          0,
          TreueCli.run(
              List.of(
                  "uplift",
                  "--data",
                  held.toString(),
                  "--from",
                  FROM.toString(),
                  "--to",
                  TO.toString(),
                  "--horizon",
                  String.valueOf(HORIZON),
                  "--holdout-share",
                  "0.3",
                  "--salt",
                  SALT,
                  "--trigger",
                  "membership_anniversary",
                  "--trigger",
                  "first_purchase",
                  "--work",
                  tmp.resolve("work").toString(),
                  "--out",
                  held.resolve("uplift").toString()),
              System.out,
              System.err));
      JsonNode r =
          new ObjectMapper().readTree(held.resolve("uplift").resolve("uplift.json").toFile());
      JsonNode triggers = r.get("triggers");
      assertEquals(2, triggers.size());
      JsonNode anniversary = triggers.get(0);
      assertEquals("first_purchase", triggers.get(0).get("trigger").asText());
      anniversary = triggers.get(1);
      assertEquals("membership_anniversary", anniversary.get("trigger").asText());
      assertTrue(triggers.get(0).get("treated").get("members").asLong() > 0);
      assertEquals(
          n,
          anniversary.get("treated").get("members").asLong()
              + anniversary.get("held_out").get("members").asLong(),
          "the job's firers are the members whose anniversary fell in the period");
      assertTrue(anniversary.get("held_out").get("members").asLong() >= 30);
      assertEquals(0, anniversary.get("held_out").get("contacted").asLong());
      JsonNode metrics = anniversary.get("metrics");
      covers(metrics.get(0), retained / n);
      covers(metrics.get(1), purchases / n);
      covers(metrics.get(2), spend / n);
    }
  }
}
