package dev.treue.training.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.customer.TierLadder;
import dev.treue.core.evaluation.RocAuc;
import dev.treue.core.event.EventType;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generates a small programme once and checks its contract, determinism and known truth. */
class ProgrammeGeneratorTest {
  private static final int MEMBERS = 3000;
  private static final String[] FILES = {
    "customers.csv",
    "events.csv",
    "offers.csv",
    "truth.csv",
    "latent.csv",
    "offer_truth.csv",
    "impressions.csv"
  };

  @TempDir static Path tmp;
  static GeneratorConfig config;
  static Path first;
  static Map<String, List<Event>> byMember = new HashMap<>();
  static Set<String> eventIds = new HashSet<>();
  static EnumSet<EventType> typesSeen = EnumSet.noneOf(EventType.class);
  static Map<LocalDate, Map<String, Double>> truth = new TreeMap<>();
  static Map<String, LocalDate> signup = new HashMap<>();

  record Event(long epochSecond, int day, EventType type, String category) {}

  @BeforeAll
  static void generate() throws Exception {
    config = new GeneratorConfig(MEMBERS, 24, 7, LocalDate.parse("2026-06-30"), 90, 2);
    first = tmp.resolve("a");
    new ProgrammeGenerator(config).run(first);
    try (BufferedReader r = Files.newBufferedReader(first.resolve("events.csv"))) {
      r.readLine();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.split(",", -1);
        assertEquals(9, f.length, line);
        assertTrue(eventIds.add(f[0]), "duplicate event id " + f[0]);
        long second = OffsetDateTime.parse(f[2]).toEpochSecond();
        EventType type = EventType.fromWire(f[3]);
        typesSeen.add(type);
        byMember
            .computeIfAbsent(f[1], k -> new ArrayList<>())
            .add(new Event(second, (int) Math.floorDiv(second, 86_400), type, f[6]));
      }
    }
    for (String line : Files.readAllLines(first.resolve("customers.csv")).subList(1, MEMBERS + 1)) {
      String[] f = line.split(",", -1);
      signup.put(f[0], LocalDate.parse(f[1]));
    }
    for (String line : Files.readAllLines(first.resolve("truth.csv"))) {
      if (line.startsWith("customer_id")) {
        continue;
      }
      String[] f = line.split(",");
      LocalDate cutoff = LocalDate.parse(f[1]);
      double p = Double.parseDouble(f[2]);
      assertTrue(p >= 0 && p <= 1, line);
      assertEquals("90", f[3]);
      assertTrue(!signup.get(f[0]).isAfter(cutoff), "truth before signup: " + line);
      truth.computeIfAbsent(cutoff, k -> new HashMap<>()).put(f[0], p);
    }
    assertEquals(config.cutoffs(), new ArrayList<>(truth.keySet()));
  }

  @Test
  void sameSeedGivesSameBytesWhateverTheThreads() throws Exception {
    Path second = tmp.resolve("b");
    GeneratorConfig oneThread =
        new GeneratorConfig(
            config.customers(),
            config.months(),
            config.seed(),
            config.end(),
            config.horizonDays(),
            1);
    new ProgrammeGenerator(oneThread).run(second);
    for (String f : FILES) {
      assertArrayEquals(
          Files.readAllBytes(first.resolve(f)),
          Files.readAllBytes(second.resolve(f)),
          f + " differs between two runs with the same seed");
    }
  }

  @Test
  void filesHaveTheContractColumns() throws IOException {
    assertHeader(
        "customers.csv",
        "customer_id,signup_date,tier,birth_date,segment,channel,profiling_consent",
        7);
    assertHeader(
        "events.csv", "event_id,customer_id,ts,type,amount,points,category,offer_id,channel", 9);
    assertHeader(
        "offers.csv",
        "offer_id,kind,category,value,cost,points_cost,min_tier,valid_from,"
            + "valid_to,budget,per_customer_cap,channels",
        12);
    assertHeader("truth.csv", "customer_id,cutoff,churn_probability,horizon_days", 4);
    List<String> customers = Files.readAllLines(first.resolve("customers.csv"));
    assertEquals(MEMBERS + 1, customers.size());
    long noConsent = customers.stream().skip(1).filter(l -> l.endsWith(",false")).count();
    assertTrue(noConsent > 0 && noConsent < MEMBERS * 0.06, "consent false: " + noConsent);
    int offers = Files.readAllLines(first.resolve("offers.csv")).size() - 1;
    assertTrue(offers >= 30 && offers <= 50, "offers: " + offers);
  }

  @Test
  void everyEventTypeAppearsAndMembersAreInTimeOrder() {
    assertEquals(EnumSet.allOf(EventType.class), typesSeen);
    double perMember = eventIds.size() / (double) MEMBERS;
    assertTrue(perMember > 15 && perMember < 80, "events per member " + perMember);
    for (Map.Entry<String, List<Event>> e : byMember.entrySet()) {
      List<Event> events = e.getValue();
      for (int i = 1; i < events.size(); i++) {
        assertTrue(
            events.get(i - 1).epochSecond() <= events.get(i).epochSecond(),
            "events of " + e.getKey() + " out of time order");
      }
    }
  }

  @Test
  void truthIsCalibratedAndRealisticallyHardOnAMidCutoff() {
    List<LocalDate> cutoffs = config.cutoffs();
    LocalDate mid = cutoffs.get(cutoffs.size() / 2);
    List<double[]> rows = truthRows(mid);
    double[] p = new double[rows.size()];
    boolean[] churned = new boolean[rows.size()];
    double meanP = 0;
    double rate = 0;
    for (int i = 0; i < rows.size(); i++) {
      p[i] = rows.get(i)[0];
      churned[i] = rows.get(i)[1] > 0;
      meanP += p[i] / p.length;
      rate += (churned[i] ? 1.0 : 0.0) / p.length;
    }
    double auc = RocAuc.of(p, churned);
    System.out.printf(
        java.util.Locale.ROOT,
        "generate: cutoff %s, %d members, oracle AUC %.3f, " + "churn rate %.3f, mean truth %.3f%n",
        mid,
        p.length,
        auc,
        rate,
        meanP);
    assertTrue(rows.size() > MEMBERS / 2, "truth rows at " + mid + ": " + rows.size());
    assertTrue(auc >= 0.75 && auc <= 0.92, "oracle AUC at " + mid + " = " + auc);
    assertTrue(rate >= 0.3 && rate <= 0.6, "churn rate at " + mid + " = " + rate);
    // The oracle is the true probability, so its mean matches the realised rate up to noise.
    assertEquals(rate, meanP, 0.03, "mean truth vs realised churn at " + mid);
  }

  @Test
  void offerTruthIsCalibratedAndImpressionsLogEverySend() throws IOException {
    Map<String, String[]> offers = new HashMap<>();
    List<String> offerLines = Files.readAllLines(first.resolve("offers.csv"));
    for (String line : offerLines.subList(1, offerLines.size())) {
      String[] f = line.split(",", -1);
      offers.put(f[0], f);
    }
    Set<String> sent = new HashSet<>();
    Set<String> redeemed = new HashSet<>();
    Map<String, String> sentTs = new HashMap<>();
    try (BufferedReader r = Files.newBufferedReader(first.resolve("events.csv"))) {
      r.readLine();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.split(",", -1);
        if (f[3].equals("offer_sent")) {
          sent.add(f[1] + "/" + f[7]);
          sentTs.put(f[1] + "/" + f[7], f[2]);
        } else if (f[3].equals("offer_redeemed")) {
          redeemed.add(f[1] + "/" + f[7]);
        }
      }
    }
    assertHeader("offer_truth.csv", "customer_id,offer_id,sent_day,p_redeem", 4);
    assertHeader("impressions.csv", "ranking_id,customer_id,offer_id,ts,propensity,policy", 6);
    List<String> impressions = Files.readAllLines(first.resolve("impressions.csv"));
    Set<String> logged = new HashSet<>();
    for (String line : impressions.subList(1, impressions.size())) {
      String[] f = line.split(",", -1);
      String key = f[1] + "/" + f[2];
      assertTrue(logged.add(key), "one impression per send: " + line);
      assertEquals(sentTs.get(key), f[3], "impression at the send's time: " + line);
      double propensity = Double.parseDouble(f[4]);
      assertTrue(propensity > 0 && propensity <= 1, line);
    }
    assertEquals(sent, logged, "impressions are exactly the offers sent");

    LocalDate end = config.end();
    List<Double> p = new ArrayList<>();
    List<Boolean> y = new ArrayList<>();
    Set<String> truthKeys = new HashSet<>();
    List<String> truthLines = Files.readAllLines(first.resolve("offer_truth.csv"));
    for (String line : truthLines.subList(1, truthLines.size())) {
      String[] f = line.split(",", -1);
      truthKeys.add(f[0] + "/" + f[1]);
      double pRedeem = Double.parseDouble(f[3]);
      assertTrue(pRedeem >= 0 && pRedeem <= 1, line);
      if (!LocalDate.parse(offers.get(f[1])[8]).isAfter(end)) {
        p.add(pRedeem);
        y.add(redeemed.contains(f[0] + "/" + f[1]));
      }
    }
    assertEquals(sent, truthKeys, "one truth row per offer sent");
    double meanP = p.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double rate = y.stream().filter(b -> b).count() / (double) y.size();
    boolean[] labels = new boolean[y.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = y.get(i);
    }
    double auc = RocAuc.of(p.stream().mapToDouble(Double::doubleValue).toArray(), labels);
    System.out.printf(
        java.util.Locale.ROOT,
        "generate: %d closed offer sends, redeemed %.3f, mean p_redeem %.3f,"
            + " oracle AUC %.3f%n",
        y.size(),
        rate,
        meanP,
        auc);
    assertTrue(y.size() > 5000, "closed sends " + y.size());
    assertEquals(rate, meanP, 0.015, "mean p_redeem vs the realised redemption rate");
    assertTrue(auc > 0.85, "p_redeem separates redeemers: AUC " + auc);
  }

  @Test
  void downgradesPrecedeChurn() {
    // Among members who held silver or better 60 days before the cutoff, those downgraded since
    // churn more: the downgrade is a signal (and, in the model, raises the dropout hazard).
    int[] downgraded = new int[2];
    int[] downgradedChurn = new int[2];
    for (LocalDate cutoff : config.cutoffs()) {
      int t = (int) cutoff.toEpochDay();
      for (String member : truthMembers(cutoff)) {
        List<Event> events = byMember.getOrDefault(member, List.of());
        boolean recentDowngrade = false;
        int tier = 0;
        int tierBefore = 0;
        for (Event e : events) {
          if (e.type() == EventType.TIER_CHANGE && e.day() <= t) {
            int rank = TierLadder.rank(e.category());
            if (e.day() <= t - 60) {
              tierBefore = rank;
            } else if (rank < tier) {
              recentDowngrade = true;
            }
            tier = rank;
          }
        }
        if (tierBefore == 0) {
          continue;
        }
        int g = recentDowngrade ? 1 : 0;
        downgraded[g]++;
        downgradedChurn[g] += churned(events, t) ? 1 : 0;
      }
    }
    double withDowngrade = downgradedChurn[1] / (double) downgraded[1];
    double others = downgradedChurn[0] / (double) downgraded[0];
    System.out.printf(
        java.util.Locale.ROOT,
        "generate: churn %.3f after a downgrade (n=%d) vs " + "%.3f same-tier others (n=%d)%n",
        withDowngrade,
        downgraded[1],
        others,
        downgraded[0]);
    assertTrue(downgraded[1] > 100, "too few recent downgrades: " + downgraded[1]);
    assertTrue(
        withDowngrade > others + 0.05,
        "churn after a downgrade " + withDowngrade + " vs same-tier others " + others);
    long expiries =
        byMember.values().stream()
            .flatMap(List::stream)
            .filter(e -> e.type() == EventType.POINTS_EXPIRED)
            .count();
    long tierChanges =
        byMember.values().stream()
            .flatMap(List::stream)
            .filter(e -> e.type() == EventType.TIER_CHANGE)
            .count();
    assertTrue(
        expiries > MEMBERS / 10 && tierChanges > MEMBERS / 10,
        "expiries " + expiries + ", tier changes " + tierChanges);
  }

  private static boolean churned(List<Event> events, int cutoff) {
    for (Event e : events) {
      if (e.type() == EventType.PURCHASE
          && e.day() > cutoff
          && e.day() <= cutoff + config.horizonDays()) {
        return false;
      }
    }
    return true;
  }

  /** (probability, churned) for every truth row of a cutoff, labels from events.csv. */
  private static List<double[]> truthRows(LocalDate cutoff) {
    List<double[]> out = new ArrayList<>();
    int t = (int) cutoff.toEpochDay();
    for (Map.Entry<String, Double> e : truth.get(cutoff).entrySet()) {
      boolean churn = churned(byMember.getOrDefault(e.getKey(), List.of()), t);
      out.add(new double[] {e.getValue(), churn ? 1 : 0});
    }
    return out;
  }

  private static Set<String> truthMembers(LocalDate cutoff) {
    return truth.get(cutoff).keySet();
  }

  private static void assertHeader(String file, String header, int columns) throws IOException {
    try (BufferedReader r = Files.newBufferedReader(first.resolve(file))) {
      assertEquals(header, r.readLine(), file);
      String line = r.readLine();
      assertEquals(columns, line.split(",", -1).length, file + ": " + line);
    }
  }
}
