package dev.treue.training.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.Member;
import dev.treue.core.customer.MemberStatus;
import dev.treue.core.customer.TierLadder;
import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import dev.treue.core.feature.ChurnFeature;
import dev.treue.core.feature.ChurnFeatures;
import dev.treue.training.spark.SparkTestSession;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real point-in-time test (DESIGN principles 1 and 2), through {@link SnapshotJob} on local
 * Spark: events after a cutoff day never move that cutoff's features (only its label), labels
 * follow (cutoff, cutoff + horizon], and the Spark rows equal {@link ChurnFeatures#compute} on a
 * state folded by hand from the same events.
 */
class SnapshotLeakageIT {
  private static final long DAY = 86_400_000L;
  private static final int HORIZON = 90;
  private static final int FROM = day("2022-01-01");
  private static final int DATA_END = day("2023-12-31");

  /** C2 + 90 = DATA_END exactly (label known); C3 + 90 passes it (label null). */
  private static final List<LocalDate> CUTOFFS =
      List.of(
          LocalDate.parse("2022-09-30"),
          LocalDate.parse("2023-04-30"),
          LocalDate.parse("2023-10-02"),
          LocalDate.parse("2023-10-03"));

  private static final int C1 = day("2022-09-30");
  private static final int C2 = day("2023-10-02");
  private static final int C3 = day("2023-10-03");
  private static final String[] CATEGORIES = {"grocery", "fashion", "beauty", "home"};
  private static final EventType[] TYPES = EventType.values();
  private static final Comparator<LoyaltyEvent> TIME_ORDER =
      Comparator.comparingLong(LoyaltyEvent::tsMillis).thenComparing(LoyaltyEvent::eventId);

  static final StructType MEMBERS =
      new StructType()
          .add("customer_id", DataTypes.StringType, false)
          .add("signup_day", DataTypes.IntegerType, false)
          .add("tier", DataTypes.StringType, true)
          .add("birth_day", DataTypes.IntegerType, true)
          .add("segment", DataTypes.StringType, true)
          .add("channel", DataTypes.StringType, true)
          .add("profiling_consent", DataTypes.BooleanType, false);

  static final StructType EVENTS =
      new StructType()
          .add("event_id", DataTypes.StringType, false)
          .add("customer_id", DataTypes.StringType, false)
          .add("ts_millis", DataTypes.LongType, false)
          .add("type", DataTypes.StringType, false)
          .add("amount", DataTypes.DoubleType, true)
          .add("points", DataTypes.LongType, true)
          .add("category", DataTypes.StringType, true)
          .add("offer_id", DataTypes.StringType, true)
          .add("channel", DataTypes.StringType, true);

  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = SparkTestSession.get();
  }

  static int day(String iso) {
    return Math.toIntExact(LocalDate.parse(iso).toEpochDay());
  }

  /** One snapshot row. */
  record Snap(
      double[] features,
      Integer label,
      String tier,
      Integer lastPurchaseDay,
      String segment,
      String status) {}

  /** Members (profile tier = the tier at export time, i.e. after all of the history). */
  static final class Programme {
    final Map<String, Member> members = new LinkedHashMap<>();
    final Map<String, List<LoyaltyEvent>> events = new HashMap<>();

    Programme copy() {
      Programme p = new Programme();
      p.members.putAll(members);
      events.forEach((k, v) -> p.events.put(k, new ArrayList<>(v)));
      return p;
    }

    void add(Member m, List<LoyaltyEvent> history) {
      members.put(m.customerId(), m);
      events.put(m.customerId(), new ArrayList<>(history));
    }

    /**
     * The export shows the tier after the member's last tier change; members start at basic, so
     * without a change the export says basic.
     */
    void exportTiers() {
      members.replaceAll(
          (id, m) -> {
            String tier = "basic";
            long last = Long.MIN_VALUE;
            for (LoyaltyEvent e : events.get(id)) {
              if (e.type() == EventType.TIER_CHANGE && e.tsMillis() >= last) {
                last = e.tsMillis();
                tier = e.category();
              }
            }
            return new Member(
                id,
                m.signupEpochDay(),
                tier,
                m.birthEpochDay(),
                m.segment(),
                m.channel(),
                m.profilingConsent());
          });
    }

    Map<String, Snap> run() {
      List<Row> memberRows = new ArrayList<>();
      List<Row> eventRows = new ArrayList<>();
      for (Member m : members.values()) {
        memberRows.add(
            RowFactory.create(
                m.customerId(),
                m.signupEpochDay(),
                m.tier(),
                m.birthEpochDay() == CustomerState.NONE ? null : m.birthEpochDay(),
                m.segment(),
                m.channel(),
                m.profilingConsent()));
        for (LoyaltyEvent e : events.get(m.customerId())) {
          eventRows.add(
              RowFactory.create(
                  e.eventId(),
                  e.customerId(),
                  e.tsMillis(),
                  e.type().wireName(),
                  e.amount(),
                  e.points(),
                  e.category(),
                  e.offerId(),
                  e.channel()));
        }
      }
      Dataset<Row> ms = spark.createDataFrame(memberRows, MEMBERS);
      Dataset<Row> es = spark.createDataFrame(eventRows, EVENTS);
      Map<String, Snap> out = new HashMap<>();
      for (Row r :
          SnapshotJob.snapshots(ms, es, CUTOFFS, HORIZON, LocalDate.ofEpochDay(DATA_END))
              .collectAsList()) {
        List<Double> f = r.getList(r.fieldIndex(SnapshotSchema.FEATURES));
        double[] v = new double[f.size()];
        for (int i = 0; i < v.length; i++) {
          v[i] = f.get(i);
        }
        String key = key(r.getAs(SnapshotSchema.CUSTOMER_ID), r.getAs(SnapshotSchema.CUTOFF_DAY));
        Snap previous =
            out.put(
                key,
                new Snap(
                    v,
                    r.getAs(SnapshotSchema.LABEL),
                    r.getAs(SnapshotSchema.TIER),
                    r.getAs(SnapshotSchema.LAST_PURCHASE_DAY),
                    r.getAs(SnapshotSchema.SEGMENT),
                    r.getAs(SnapshotSchema.STATUS)));
        assertNull(previous, "one row per member and cutoff: " + key);
      }
      return out;
    }
  }

  static String key(String customerId, int cutoff) {
    return customerId + "@" + LocalDate.ofEpochDay(cutoff);
  }

  // ---------------------------------------------------------------- random programme

  static Programme randomProgramme(SplittableRandom r, int n) {
    Programme p = new Programme();
    for (int i = 0; i < n; i++) {
      String id = "r" + i;
      // some members join after early cutoffs, a few even after the last one
      int signup = FROM - 300 + r.nextInt(DATA_END - FROM + 300 - 20);
      Member m =
          new Member(
              id,
              signup,
              "basic",
              r.nextDouble() < 0.3 ? CustomerState.NONE : day("1960-01-01") + r.nextInt(15_000),
              r.nextBoolean() ? "regular" : null,
              r.nextBoolean() ? "web" : "store",
              r.nextDouble() >= 0.1);
      p.add(m, history(r, id, Math.max(signup, FROM), DATA_END + 20));
    }
    p.exportTiers();
    return p;
  }

  /** Every event type; times random to the millisecond, often a day's first or last one. */
  static List<LoyaltyEvent> history(SplittableRandom r, String id, int from, int to) {
    List<LoyaltyEvent> out = new ArrayList<>();
    double rate = 0.01 + r.nextDouble() * 0.15;
    int death = r.nextDouble() < 0.5 ? from + r.nextInt(Math.max(1, to - from + 1)) : to;
    long balance = 0;
    int tier = 0;
    int n = 0;
    for (int d = from; d <= to; d++) {
      double buy = d <= death ? rate : rate * 0.02;
      if (r.nextDouble() < buy) {
        int baskets = r.nextDouble() < 0.2 ? 2 : 1;
        for (int b = 0; b < baskets; b++) {
          double amount = Math.round(r.nextDouble() * 30_000) / 100.0 + 1;
          String cat = CATEGORIES[r.nextInt(CATEGORIES.length)];
          out.add(ev(id, n++, ts(r, d), EventType.PURCHASE, amount, 0, cat, null));
          out.add(ev(id, n++, ts(r, d), EventType.POINTS_EARNED, 0, (long) amount, null, null));
          balance += (long) amount;
          if (r.nextDouble() < 0.07) {
            out.add(
                ev(
                    id,
                    n++,
                    ts(r, d),
                    EventType.RETURN,
                    Math.round(amount * 50) / 100.0,
                    0,
                    cat,
                    null));
          }
        }
      }
      if (balance > 20 && r.nextDouble() < 0.01) {
        long p = 1 + r.nextLong(balance);
        balance -= p;
        out.add(ev(id, n++, ts(r, d), EventType.POINTS_REDEEMED, 0, p, null, null));
      }
      if (balance > 0 && r.nextDouble() < 0.004) {
        long p = 1 + r.nextLong(balance);
        balance -= p;
        out.add(ev(id, n++, ts(r, d), EventType.POINTS_EXPIRED, 0, p, null, null));
      }
      if (r.nextDouble() < 0.02) {
        String offer = "o" + r.nextInt(10);
        out.add(ev(id, n++, ts(r, d), EventType.OFFER_SENT, 0, 0, "grocery", offer));
        if (r.nextBoolean()) {
          out.add(ev(id, n++, ts(r, d), EventType.OFFER_VIEWED, 0, 0, null, offer));
        }
        if (r.nextDouble() < 0.2) {
          out.add(ev(id, n++, ts(r, d), EventType.OFFER_REDEEMED, 0, 0, null, offer));
        }
      }
      if (r.nextDouble() < (d <= death ? 0.05 : 0.005)) {
        out.add(ev(id, n++, ts(r, d), EventType.APP_SESSION, 0, 0, null, null));
      }
      if (r.nextDouble() < 0.03) {
        out.add(ev(id, n++, ts(r, d), EventType.EMAIL_OPEN, 0, 0, null, null));
      }
      if (LocalDate.ofEpochDay(d).getDayOfMonth() == 1 && r.nextDouble() < 0.2) {
        int next = r.nextInt(TierLadder.NAMES.size());
        if (next != tier) {
          tier = next;
          out.add(
              ev(
                  id,
                  n++,
                  d * DAY + 300_000,
                  EventType.TIER_CHANGE,
                  0,
                  0,
                  TierLadder.name(tier),
                  null));
        }
      }
    }
    return out;
  }

  static long ts(SplittableRandom r, int day) {
    double u = r.nextDouble();
    if (u < 0.04) {
      return day * DAY;
    }
    if (u < 0.08) {
      return (day + 1) * DAY - 1;
    }
    return day * DAY + r.nextLong(DAY);
  }

  static LoyaltyEvent ev(
      String id,
      int n,
      long ts,
      EventType type,
      double amount,
      long points,
      String category,
      String offer) {
    return new LoyaltyEvent(id + "-" + n, id, ts, type, amount, points, category, offer, null);
  }

  /** Deletes, alters and adds events after the end of the cutoff day, for every member. */
  static Programme mutateAfter(SplittableRandom r, Programme base, int cutoff) {
    Programme p = base.copy();
    long end = (cutoff + 1) * DAY;
    for (Map.Entry<String, List<LoyaltyEvent>> entry : p.events.entrySet()) {
      String id = entry.getKey();
      List<LoyaltyEvent> out = new ArrayList<>();
      int n = 0;
      for (LoyaltyEvent e : entry.getValue()) {
        // The tier at a cutoff is read off the first tier change (TierLadder.rankBeforeHistory):
        // a future that drops, moves or adds a change to basic before it rewrites where the member
        // stood, so tier changes stay and new ones name silver..platinum.
        if (e.tsMillis() < end || e.type() == EventType.TIER_CHANGE) {
          out.add(e);
          continue;
        }
        double u = r.nextDouble();
        if (u < 0.3) {
          continue;
        }
        if (u < 0.6) {
          EventType t = TYPES[r.nextInt(TYPES.length)];
          out.add(
              new LoyaltyEvent(
                  e.eventId(),
                  id,
                  end + r.nextLong(200 * DAY),
                  t,
                  r.nextDouble() * 900,
                  r.nextLong(2000),
                  t == EventType.TIER_CHANGE ? TierLadder.name(1 + r.nextInt(3)) : "fashion",
                  e.offerId(),
                  null));
        } else {
          out.add(e);
        }
      }
      // new events: the first millisecond after the cutoff day and later, every type
      int added = r.nextInt(4);
      for (int k = 0; k < added; k++) {
        EventType t = TYPES[r.nextInt(TYPES.length)];
        out.add(
            new LoyaltyEvent(
                id + "-new-" + (n++),
                id,
                k == 0 ? end : end + r.nextLong(150 * DAY),
                t,
                r.nextDouble() * 900,
                r.nextLong(2000),
                t == EventType.TIER_CHANGE ? TierLadder.name(1 + r.nextInt(3)) : "home",
                "o1",
                null));
      }
      entry.setValue(out);
    }
    p.exportTiers(); // the export reflects the changed future too
    return p;
  }

  // ---------------------------------------------------------------- the core path, by hand

  /** The member's state at the end of the cutoff day, replayed by the core alone. */
  static CustomerState stateByHand(Member m, List<LoyaltyEvent> events, int cutoff) {
    List<LoyaltyEvent> sorted = new ArrayList<>(events);
    sorted.sort(TIME_ORDER);
    CustomerState s = CustomerState.beforeHistory(m, events);
    for (LoyaltyEvent e : sorted) {
      if (e.tsMillis() < (cutoff + 1) * DAY) {
        // the snapshot job does not carry the channel; features do not use it
        s.apply(
            new LoyaltyEvent(
                e.eventId(),
                e.customerId(),
                e.tsMillis(),
                e.type(),
                e.amount(),
                e.points(),
                e.category(),
                e.offerId(),
                null));
      }
    }
    return s;
  }

  static Integer labelByHand(List<LoyaltyEvent> events, int cutoff) {
    if (cutoff + HORIZON > DATA_END) {
      return null;
    }
    for (LoyaltyEvent e : events) {
      int d = e.epochDay();
      if (e.type() == EventType.PURCHASE && d > cutoff && d <= cutoff + HORIZON) {
        return 0;
      }
    }
    return 1;
  }

  /** Rows exactly for consenting members who had signed up by each cutoff; parity and labels. */
  static void assertRowsMatchCorePath(Programme p, Map<String, Snap> rows) {
    int expected = 0;
    for (Member m : p.members.values()) {
      for (LocalDate c : CUTOFFS) {
        int cutoff = Math.toIntExact(c.toEpochDay());
        String key = key(m.customerId(), cutoff);
        Snap snap = rows.get(key);
        if (!m.profilingConsent() || m.signupEpochDay() > cutoff) {
          assertNull(snap, "no row for " + key);
          continue;
        }
        expected++;
        assertNotNull(snap, "row for " + key);
        List<LoyaltyEvent> events = p.events.get(m.customerId());
        CustomerState state = stateByHand(m, events, cutoff);
        double[] core = ChurnFeatures.compute(state, cutoff);
        if (!Arrays.equals(core, snap.features())) {
          fail("Spark and core features differ for " + key + ": " + diff(core, snap.features()));
        }
        assertEquals(labelByHand(events, cutoff), snap.label(), "label " + key);
        assertEquals(TierLadder.name(state.tierRank()), snap.tier(), "tier " + key);
        assertEquals(m.segment(), snap.segment(), "segment " + key);
        Integer last =
            state.lastPurchaseDay() == CustomerState.NONE ? null : state.lastPurchaseDay();
        assertEquals(last, snap.lastPurchaseDay(), "last purchase day " + key);
        assertEquals(
            MemberStatus.of(state, cutoff, MemberStatus.DEFAULT_ACTIVE_DAYS).wireName(),
            snap.status(),
            "status " + key);
      }
    }
    assertEquals(expected, rows.size(), "no extra rows");
  }

  static String diff(double[] a, double[] b) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < a.length; i++) {
      if (Double.compare(a[i], b[i]) != 0) {
        s.append(ChurnFeature.values()[i].featureName())
            .append(' ')
            .append(a[i])
            .append(" vs ")
            .append(b[i])
            .append("; ");
      }
    }
    return s.toString();
  }

  // ---------------------------------------------------------------- constructed members

  static void addConstructed(Programme p) {
    int c = C2;
    long end = (c + 1) * DAY;
    member(
        p,
        "k-on-edge",
        FROM,
        true,
        // purchase in the last millisecond of day C2 + 90 (= data end): still in the horizon
        buy("k-on-edge", 1, (c - 10) * DAY + 1000),
        buy("k-on-edge", 2, (c + HORIZON + 1) * DAY - 1));
    member(
        p,
        "k-after-edge",
        FROM,
        true,
        buy("k-after-edge", 1, (c - 10) * DAY + 1000),
        buy("k-after-edge", 2, (c + HORIZON + 1) * DAY)); // first millisecond of C2 + 91
    member(
        p,
        "k-next-day",
        FROM,
        true,
        buy("k-next-day", 1, (c - 10) * DAY + 1000),
        buy("k-next-day", 2, end));
    member(
        p,
        "k-last-ms",
        FROM,
        true,
        buy("k-last-ms", 1, (c - 10) * DAY + 1000),
        buy("k-last-ms", 2, end - 1));
    member(
        p,
        "k-return-only",
        FROM,
        true,
        buy("k-return-only", 1, (c - 10) * DAY + 1000),
        new LoyaltyEvent(
            "k-return-only-2",
            "k-return-only",
            (c + 5) * DAY,
            EventType.RETURN,
            30,
            0,
            "home",
            null,
            null));
    member(
        p,
        "k-no-consent",
        FROM,
        false,
        buy("k-no-consent", 1, (c - 10) * DAY),
        buy("k-no-consent", 2, (c - 5) * DAY));
    member(p, "k-late-signup", C2 + 1, true, buy("k-late-signup", 1, (C2 + 1) * DAY + 5));
    member(p, "k-signup-on-cutoff", C1, true);
    member(
        p,
        "k-tier",
        FROM,
        true,
        tierChange("k-tier", 1, day("2022-05-01"), "silver"),
        tierChange("k-tier", 2, day("2023-11-01"), "platinum"));
  }

  static void member(Programme p, String id, int signup, boolean consent, LoyaltyEvent... events) {
    p.add(
        new Member(id, signup, "basic", CustomerState.NONE, "vip", "app", consent),
        List.of(events));
  }

  static LoyaltyEvent buy(String id, int n, long ts) {
    return new LoyaltyEvent(id + "-" + n, id, ts, EventType.PURCHASE, 40, 0, "grocery", null, null);
  }

  static LoyaltyEvent tierChange(String id, int n, int day, String tier) {
    return new LoyaltyEvent(
        id + "-" + n, id, day * DAY + 300_000, EventType.TIER_CHANGE, 0, 0, tier, null, null);
  }

  static double f(Snap s, ChurnFeature feature) {
    return s.features()[feature.ordinal()];
  }

  // ---------------------------------------------------------------- the test

  @Test
  void featuresArePointInTimeAndEqualTheCorePath() {
    long started = System.nanoTime();
    SplittableRandom r = new SplittableRandom(4242);
    Programme base = randomProgramme(r, 200);
    addConstructed(base);
    base.exportTiers();
    Map<String, Snap> rows = base.run();

    assertRowsMatchCorePath(base, rows);
    assertConstructed(rows);

    // events after each cutoff change; that cutoff's (and earlier cutoffs') features stay
    int labelsMoved = 0;
    // (C3 = C2 + 1 has no separate run: changes after C2 already cover everything after C3 but
    // one day, and its label is null anyway)
    for (LocalDate c : CUTOFFS.subList(0, 3)) {
      int cutoff = Math.toIntExact(c.toEpochDay());
      Programme mutated = mutateAfter(r, base, cutoff);
      Map<String, Snap> after = mutated.run();
      assertRowsMatchCorePath(mutated, after);
      int compared = 0;
      for (Map.Entry<String, Snap> e : rows.entrySet()) {
        int rowCutoff = Math.toIntExact(LocalDate.parse(e.getKey().split("@")[1]).toEpochDay());
        if (rowCutoff > cutoff) {
          continue;
        }
        Snap b = after.get(e.getKey());
        assertNotNull(b, e.getKey());
        if (!Arrays.equals(e.getValue().features(), b.features())) {
          fail(
              "features of "
                  + e.getKey()
                  + " moved after events past "
                  + c
                  + " changed: "
                  + diff(e.getValue().features(), b.features()));
        }
        assertEquals(e.getValue().tier(), b.tier(), e.getKey());
        assertEquals(e.getValue().lastPurchaseDay(), b.lastPurchaseDay(), e.getKey());
        compared++;
        if (rowCutoff == cutoff && !Objects.equals(e.getValue().label(), b.label())) {
          labelsMoved++;
        }
      }
      assertTrue(compared > 100, "compared " + compared + " rows at " + c);
    }
    assertTrue(labelsMoved > 0, "mutations after the cutoffs should move some labels");
    System.err.printf(
        "snapshot leakage test: %.1f s for 4 snapshot runs%n", (System.nanoTime() - started) / 1e9);
  }

  /**
   * The export-time tier never reaches back: a member exported gold after a change to gold past C2
   * is basic at C2, and a member whose first change is to basic (a downgrade from a tier the history
   * does not name) is at least silver before it, then downgraded.
   */
  @Test
  void theTierAtACutoffIsTheTierHeldThenNotTheExportedOne() {
    Programme p = new Programme();
    member(
        p,
        "t-gold",
        FROM,
        true,
        buy("t-gold", 1, day("2022-03-10") * DAY),
        tierChange("t-gold", 2, day("2023-11-01"), "gold"));
    member(
        p,
        "t-down",
        FROM,
        true,
        buy("t-down", 1, day("2022-03-10") * DAY),
        tierChange("t-down", 2, day("2023-03-01"), "basic"),
        buy("t-down", 3, day("2023-06-10") * DAY));
    p.exportTiers();
    assertEquals("gold", p.members.get("t-gold").tier());
    Map<String, Snap> rows = p.run();
    assertRowsMatchCorePath(p, rows);

    Snap gold = rows.get(key("t-gold", C2));
    assertEquals("basic", gold.tier(), "the change to gold comes after C2");
    assertEquals(0, f(gold, ChurnFeature.TIER_RANK));
    assertEquals("basic", rows.get(key("t-gold", C3)).tier());

    Snap up = rows.get(key("t-down", C1));
    assertEquals("silver", up.tier(), "a change to basic left at least silver");
    assertEquals(1, f(up, ChurnFeature.TIER_RANK));
    assertEquals(730, f(up, ChurnFeature.DAYS_SINCE_DOWNGRADE));
    Snap down = rows.get(key("t-down", C2));
    assertEquals("basic", down.tier());
    assertEquals(C2 - day("2023-03-01"), f(down, ChurnFeature.DAYS_SINCE_DOWNGRADE));
  }

  private static void assertConstructed(Map<String, Snap> rows) {
    // purchase in the last millisecond of C2 + horizon: bought within the horizon
    assertEquals(0, rows.get(key("k-on-edge", C2)).label());
    // purchase in the first millisecond of C2 + horizon + 1: churned
    assertEquals(1, rows.get(key("k-after-edge", C2)).label());
    // the first millisecond after the cutoff day: a label purchase, not a feature
    Snap next = rows.get(key("k-next-day", C2));
    assertEquals(0, next.label());
    assertEquals(10, f(next, ChurnFeature.RECENCY_DAYS));
    assertEquals(1, f(next, ChurnFeature.PURCHASES_TOTAL));
    assertEquals(C2 - 10, next.lastPurchaseDay());
    // the last millisecond of the cutoff day: a feature purchase, not a label one
    Snap last = rows.get(key("k-last-ms", C2));
    assertEquals(1, last.label());
    assertEquals(0, f(last, ChurnFeature.RECENCY_DAYS));
    assertEquals(2, f(last, ChurnFeature.PURCHASES_TOTAL));
    assertEquals(2, f(last, ChurnFeature.FREQUENCY_30));
    assertEquals(C2, last.lastPurchaseDay());
    // at C3 (= C2 + 1) the next-day purchase is a feature and the label is unknown
    Snap nextC3 = rows.get(key("k-next-day", C3));
    assertEquals(0, f(nextC3, ChurnFeature.RECENCY_DAYS));
    assertNull(nextC3.label(), "C3 + 90 is past the data end");
    // a return is not a purchase
    assertEquals(1, rows.get(key("k-return-only", C2)).label());
    // C1 + 90 is well inside the data: none of them bought in (C1, C1 + 90]
    assertEquals(1, rows.get(key("k-on-edge", C1)).label());
    // consent false: never a row
    for (LocalDate c : CUTOFFS) {
      assertNull(rows.get(key("k-no-consent", Math.toIntExact(c.toEpochDay()))));
    }
    // signed up the day after C2: no rows up to C2, a row at C3 with tenure 0
    assertNull(rows.get(key("k-late-signup", C1)));
    assertNull(rows.get(key("k-late-signup", C2)));
    Snap late = rows.get(key("k-late-signup", C3));
    assertNotNull(late);
    assertEquals(0, f(late, ChurnFeature.TENURE_DAYS));
    assertEquals(0, f(late, ChurnFeature.RECENCY_DAYS));
    assertNull(late.label());
    // signed up on the cutoff day itself: a row, tenure 0, never purchased, churned
    Snap onCutoff = rows.get(key("k-signup-on-cutoff", C1));
    assertEquals(0, f(onCutoff, ChurnFeature.TENURE_DAYS));
    assertEquals(0, f(onCutoff, ChurnFeature.HAS_PURCHASED));
    assertEquals(1, onCutoff.label());
    assertNull(onCutoff.lastPurchaseDay());
    // the export says platinum (after 2023-11-01); at C1 the member was silver since 2022-05-01,
    // an upgrade from the basic entry tier, and at C2 still silver
    Snap tier = rows.get(key("k-tier", C1));
    assertEquals(1, f(tier, ChurnFeature.TIER_RANK));
    assertEquals("silver", tier.tier());
    assertEquals(730, f(tier, ChurnFeature.DAYS_SINCE_DOWNGRADE), "no downgrade happened");
    assertEquals("silver", rows.get(key("k-tier", C2)).tier());
    assertFalse(rows.containsKey(key("nobody", C1)));
  }
}
