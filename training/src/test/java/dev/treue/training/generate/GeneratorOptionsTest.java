package dev.treue.training.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.event.EventType;
import dev.treue.training.ingest.ColumnMapping;
import dev.treue.training.ingest.ImportSummary;
import dev.treue.training.ingest.TransactionImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator's options for the robustness benchmark (issue 13): a short history without
 * warm-up, a shop without a programme written as a plain export, and a share of one-time buyers.
 */
class GeneratorOptionsTest {
  private static final LocalDate END = LocalDate.parse("2026-06-30");

  @TempDir Path tmp;

  private static GeneratorConfig config(
      int members, int months, int warmupDays, boolean purchasesOnly, double oneTimeShare) {
    return new GeneratorConfig(
        members, months, 7, END, 90, 2, warmupDays, purchasesOnly, oneTimeShare);
  }

  private static List<String[]> rows(Path file) throws IOException {
    return Files.readAllLines(file).stream().skip(1).map(l -> l.split(",", -1)).toList();
  }

  @Test
  void withoutWarmUpTheEventsStartWithTheHistory() throws Exception {
    GeneratorConfig c = config(3000, 13, 0, false, 0);
    new ProgrammeGenerator(c).run(tmp);
    List<String[]> events = rows(tmp.resolve("events.csv"));
    assertFalse(events.isEmpty());
    LocalDate first =
        events.stream()
            .map(r -> OffsetDateTime.parse(r[2]).withOffsetSameInstant(ZoneOffset.UTC))
            .map(OffsetDateTime::toLocalDate)
            .min(LocalDate::compareTo)
            .orElseThrow();
    // 13 months of history, not 13 plus a year of warm-up.
    assertEquals(LocalDate.parse("2025-05-31"), c.start());
    assertFalse(first.isBefore(c.start()), "first event " + first);
    assertEquals(3000, rows(tmp.resolve("customers.csv")).size());
    assertEquals(
        c.cutoffs().size(),
        rows(tmp.resolve("truth.csv")).stream().map(r -> r[1]).distinct().count());
  }

  @Test
  void purchasesOnlyIsAPlainShopExportThatImportTransactionsReads() throws Exception {
    Path gen = tmp.resolve("gen");
    GeneratorConfig c = config(3000, 13, 0, true, 0);
    new ProgrammeGenerator(c).run(gen);
    try (var files = Files.list(gen)) {
      assertEquals(
          Set.of("orders.csv", "truth.csv", "latent.csv"),
          files.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
    }
    assertEquals(
        MemberSimulator.ORDERS_HEADER, Files.readAllLines(gen.resolve("orders.csv")).get(0));
    List<String[]> orders = rows(gen.resolve("orders.csv"));
    assertTrue(orders.size() > 3000, "orders: " + orders.size());
    long returns = orders.stream().filter(r -> r[3].startsWith("-")).count();
    assertTrue(returns > 0 && returns < orders.size() / 10, "returns: " + returns);
    Map<String, List<Long>> days = new HashMap<>();
    orders.stream()
        .filter(r -> !r[3].startsWith("-"))
        .forEach(r -> days.computeIfAbsent(r[1], k -> new ArrayList<>()).add(utcDay(r[2])));
    // The oracle sees only purchases here, and must still be the true probability.
    assertTruthCalibrated(gen.resolve("truth.csv"), days, c);

    Path imported = tmp.resolve("imported");
    ImportSummary s =
        TransactionImporter.run(
            gen.resolve("orders.csv"),
            imported,
            new TransactionImporter.Settings(
                ColumnMapping.parse(
                    "event_id=order_id,customer_id=customer_id,ts=ordered_at,amount=amount,"
                        + "category=category,channel=channel"),
                null,
                ZoneOffset.UTC,
                ',',
                EventType.PURCHASE,
                0.0,
                Instant.parse("2026-07-01T00:00:00Z")));
    assertEquals(0, s.rejected());
    assertEquals(orders.size(), s.events());
    Map<String, Long> types =
        rows(imported.resolve("events.csv")).stream()
            .collect(Collectors.groupingBy(r -> r[3], Collectors.counting()));
    // Only purchases and returns: no points, offers, app sessions or emails.
    assertEquals(Set.of("purchase", "return"), types.keySet());
    assertEquals(returns, types.get("return"));
  }

  @Test
  void oneTimeShareMakesThatShareOfBuyersBuyOnlyOnce() throws Exception {
    int members = 5000;
    Path base = tmp.resolve("base");
    Path once = tmp.resolve("once");
    new ProgrammeGenerator(config(members, 24, GeneratorConfig.WARMUP_DAYS, false, 0)).run(base);
    new ProgrammeGenerator(config(members, 24, GeneratorConfig.WARMUP_DAYS, false, 0.6)).run(once);
    Map<String, Integer> before = purchaseDays(base.resolve("events.csv"));
    Map<String, Integer> after = purchaseDays(once.resolve("events.csv"));
    // Everyone behaves the same up to the end of their first purchase day: the same buyers.
    assertEquals(before.keySet(), after.keySet());
    double buyers = before.size();
    double onceBefore = before.values().stream().filter(n -> n == 1).count() / buyers;
    double onceAfter = after.values().stream().filter(n -> n == 1).count() / buyers;
    // Buyers who are one-time buyers (share q) buy once; the others as before:
    // onceAfter = q + (1 - q) * onceBefore.
    double q = (onceAfter - onceBefore) / (1 - onceBefore);
    assertEquals(0.6, q, 0.03, "one-time buyers among buyers");
    assertTrue(onceAfter > 0.6, "share buying once " + onceAfter);
    // The oracle knows who buys once only, and stays the true probability.
    Map<String, List<Long>> days = new HashMap<>();
    rows(once.resolve("events.csv")).stream()
        .filter(r -> r[3].equals("purchase"))
        .forEach(r -> days.computeIfAbsent(r[1], k -> new ArrayList<>()).add(utcDay(r[2])));
    assertTruthCalibrated(
        once.resolve("truth.csv"),
        days,
        config(members, 24, GeneratorConfig.WARMUP_DAYS, false, 0.6));
  }

  private static long utcDay(String ts) {
    return Math.floorDiv(OffsetDateTime.parse(ts).toEpochSecond(), 86_400);
  }

  /**
   * At a middle cutoff, the mean of truth.csv's churn probabilities matches the share of those
   * members who made no purchase in the following 90 days, up to noise.
   */
  private static void assertTruthCalibrated(
      Path truth, Map<String, List<Long>> purchaseDays, GeneratorConfig c) throws IOException {
    LocalDate cutoff = c.cutoffs().get(c.cutoffs().size() / 2);
    long day = cutoff.toEpochDay();
    double sumP = 0;
    double churned = 0;
    int n = 0;
    for (String[] r : rows(truth)) {
      if (!r[1].equals(cutoff.toString())) {
        continue;
      }
      sumP += Double.parseDouble(r[2]);
      boolean bought =
          purchaseDays.getOrDefault(r[0], List.of()).stream()
              .anyMatch(d -> d > day && d <= day + c.horizonDays());
      churned += bought ? 0 : 1;
      n++;
    }
    assertTrue(n > 1000, "truth rows at " + cutoff + ": " + n);
    assertEquals(churned / n, sumP / n, 0.03, "mean truth vs realised churn at " + cutoff);
  }

  @Test
  void outOfRangeOptionsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> config(10, 13, 0, false, 1.5));
    assertThrows(IllegalArgumentException.class, () -> config(10, 13, 0, false, -0.1));
    assertThrows(IllegalArgumentException.class, () -> config(10, 13, -1, false, 0));
  }

  /** Distinct purchase days per customer of an events file. */
  private static Map<String, Integer> purchaseDays(Path events) throws IOException {
    Map<String, Set<String>> days = new HashMap<>();
    for (String[] r : rows(events)) {
      if (r[3].equals("purchase")) {
        days.computeIfAbsent(r[1], k -> new java.util.HashSet<>()).add(r[2].substring(0, 10));
      }
    }
    Map<String, Integer> out = new HashMap<>();
    days.forEach((k, v) -> out.put(k, v.size()));
    return out;
  }
}
