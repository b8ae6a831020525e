package dev.treue.training.kpis;

import static dev.treue.core.time.Days.DAY_MILLIS;

import dev.treue.core.churn.ChurnScorer;
import dev.treue.core.churn.MemberValueFigures;
import dev.treue.core.churn.RiskBand;
import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.Member;
import dev.treue.core.customer.MemberStatus;
import dev.treue.core.customer.TierLadder;
import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import dev.treue.training.replay.MemberReplay;
import dev.treue.training.replay.StreamedHistories;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * One member's share of every window's KPIs (and of their cohort's curve), from one replay of their history
 * ({@link MemberReplay}): the state is read at each window's start and end day for the member's status
 * ({@link MemberStatus}), tier and, with a churn model and the member's profiling consent, the model's lifetime
 * features (CLV) and churn probability; everything else is counted from the events themselves. Each window's sums
 * go out under four keys: all members, the member's tier at the window's end, their segment (when they have one),
 * and tier and segment together. A member active and scored at the as-of day also counts, with their value at
 * risk, in the risk distribution: their risk band by tier and by segment.
 */
final class MemberKpis
    implements PairFlatMapFunction<Iterator<StreamedHistories.History>, String, KpiCounts> {
  private static final long serialVersionUID = 1L;

  private final List<KpiWindow> windows;
  private final Broadcast<ChurnScorer> scorer;
  private final int activeDays;
  private final int horizonDays;
  private final int scoreFromDay;
  private final int asOfDay;

  /**
   * @param scorer the churn model, or null for no model figures
   * @param scoreFromDay days from which the churn probability is computed (the last 12 months)
   */
  MemberKpis(
      List<KpiWindow> windows,
      Broadcast<ChurnScorer> scorer,
      int activeDays,
      int horizonDays,
      int scoreFromDay,
      int asOfDay) {
    this.windows = List.copyOf(windows);
    this.scorer = scorer;
    this.activeDays = activeDays;
    this.horizonDays = horizonDays;
    this.scoreFromDay = scoreFromDay;
    this.asOfDay = asOfDay;
  }

  /** Key of a window's sums for a breakdown. */
  static String key(int window, String breakdown) {
    return window + "\t" + breakdown;
  }

  /**
   * Key of the risk distribution at the as-of day: one risk band and one breakdown ({@code tier=..} or {@code
   * segment=..}).
   */
  static String riskKey(String band, String breakdown) {
    return RISK + band + "\t" + breakdown;
  }

  /** Prefix of the risk distribution's keys. */
  static final String RISK = "risk\t";

  /** Key of a cohort's curve. */
  static String cohortKey(String month) {
    return "cohort\t" + month;
  }

  /**
   * The sums of one partition: each member's shares added into the partition's own sums, so only one object per
   * key and partition leaves it.
   */
  @Override
  public Iterator<Tuple2<String, KpiCounts>> call(Iterator<StreamedHistories.History> members) {
    Map<String, KpiCounts> sums = new HashMap<>();
    while (members.hasNext()) {
      StreamedHistories.History h = members.next();
      for (Tuple2<String, KpiCounts> share : member(h.member(), h.events())) {
        // never store a member's object itself: it goes out under several keys
        sums.computeIfAbsent(share._1(), k -> new KpiCounts()).merge(share._2());
      }
    }
    List<Tuple2<String, KpiCounts>> out = new ArrayList<>(sums.size());
    sums.forEach((k, v) -> out.add(new Tuple2<>(k, v)));
    return out.iterator();
  }

  /**
   * One member's shares under every key they count for.
   *
   * @param history the member's events in replay order: those up to the as-of day plus later tier
   *     changes (KpiRun), which seed the tier before the history; the rest is counted
   */
  List<Tuple2<String, KpiCounts>> member(Member member, List<LoyaltyEvent> history) {
    List<LoyaltyEvent> events = MemberReplay.before(history, (asOfDay + 1L) * DAY_MILLIS);
    TreeMap<Integer, Snapshot> snapshots = snapshots(member, history, events);
    List<Tuple2<String, KpiCounts>> out = new ArrayList<>();
    for (int w = 0; w < windows.size(); w++) {
      KpiWindow window = windows.get(w);
      Snapshot end = snapshots.get(window.endDay());
      KpiCounts c = window(window, member, events, snapshots.get(window.startCutoff()), end);
      String tier = "tier=" + TierLadder.name(end.tierRank);
      out.add(new Tuple2<>(key(w, "all"), c));
      out.add(new Tuple2<>(key(w, tier), c));
      if (member.segment() != null) {
        String segment = "segment=" + member.segment();
        out.add(new Tuple2<>(key(w, segment), c));
        out.add(new Tuple2<>(key(w, tier + "&" + segment), c));
      }
    }
    cohort(events).ifPresent(out::add);
    Snapshot now = snapshots.get(asOfDay);
    if (now != null && now.probability != null) {
      // scored active members at the as-of day: their band by tier and by segment
      KpiCounts r = new KpiCounts();
      r.scoredAtEnd = 1;
      r.valueAtRiskSum = now.valueAtRisk;
      String band = RiskBand.of(now.probability).wireName();
      out.add(new Tuple2<>(riskKey(band, "tier=" + TierLadder.name(now.tierRank)), r));
      if (member.segment() != null) {
        out.add(new Tuple2<>(riskKey(band, "segment=" + member.segment()), r));
      }
    }
    return out;
  }

  private KpiCounts window(
      KpiWindow w, Member member, List<LoyaltyEvent> events, Snapshot start, Snapshot end) {
    KpiCounts c = new KpiCounts();
    boolean activeAtStart = start.active;
    boolean activeAtEnd = end.active;
    int churnEnd = w.startCutoff() + horizonDays;
    long purchasesToEnd = 0;
    boolean bought = false;
    boolean boughtInHorizon = false;
    boolean engaged = false;
    for (LoyaltyEvent e : events) {
      int day = e.epochDay();
      if (day > Math.max(w.endDay(), churnEnd)) {
        break;
      }
      boolean inWindow = day >= w.startDay() && day <= w.endDay();
      if (e.type() == EventType.PURCHASE && day >= w.startDay() && day <= churnEnd) {
        boughtInHorizon = true;
      }
      if (day > w.endDay()) {
        continue;
      }
      switch (e.type()) {
        case PURCHASE -> {
          purchasesToEnd++;
          if (inWindow) {
            bought = true;
            c.purchases++;
            c.purchaseCents += Math.round(e.amount() * 100);
          }
        }
        case POINTS_EARNED -> {
          c.pointsOutstanding += e.points();
          c.pointsEarned += inWindow ? e.points() : 0;
        }
        case POINTS_REDEEMED -> {
          c.pointsOutstanding -= e.points();
          c.pointsRedeemed += inWindow ? e.points() : 0;
        }
        case POINTS_EXPIRED -> {
          c.pointsOutstanding -= e.points();
          c.pointsExpired += inWindow ? e.points() : 0;
        }
        case OFFER_SENT -> c.offersSent += inWindow ? 1 : 0;
        case OFFER_REDEEMED -> c.offersRedeemed += inWindow ? 1 : 0;
        case APP_SESSION, EMAIL_OPEN -> engaged |= inWindow;
        default -> {}
      }
    }
    c.newMembers =
        member.signupEpochDay() >= w.startDay() && member.signupEpochDay() <= w.endDay() ? 1 : 0;
    c.activeAtEnd = activeAtEnd ? 1 : 0;
    c.engaged = activeAtEnd && engaged ? 1 : 0;
    c.buyers = bought ? 1 : 0;
    c.repeatBuyers = bought && purchasesToEnd >= 2 ? 1 : 0;
    if (activeAtStart) {
      c.activeAtStart = 1;
      c.retained = bought ? 1 : 0;
      c.churned = w.complete() && !boughtInHorizon ? 1 : 0;
      if (start.probability != null) {
        c.scoredAtStart = 1;
        c.probabilitySumAtStart = start.probability;
      }
    }
    if (activeAtEnd && end.clv != null) {
      c.valuedAtEnd = 1;
      c.clvSum = end.clv;
      if (end.valueAtRisk != null) {
        c.scoredAtEnd = 1;
        c.valueAtRiskSum = end.valueAtRisk;
      }
    }
    return c;
  }

  /**
   * The member's state at every window's start cutoff and end day, replayed once in time order; the churn
   * probabilities of the days from {@link #scoreFromDay} on come from one batched prediction.
   */
  private TreeMap<Integer, Snapshot> snapshots(
      Member member, List<LoyaltyEvent> history, List<LoyaltyEvent> events) {
    TreeSet<Integer> days = new TreeSet<>();
    for (KpiWindow w : windows) {
      days.add(w.startCutoff());
      days.add(w.endDay());
    }
    ChurnScorer model = scorer == null || !member.profilingConsent() ? null : scorer.value();
    CustomerState state = CustomerState.beforeHistory(member, history);
    TreeMap<Integer, Snapshot> snapshots = new TreeMap<>();
    List<Integer> scoredDays = new ArrayList<>();
    List<double[]> vectors = new ArrayList<>();
    int next = 0;
    for (int day : days) {
      long endMillis = (day + 1L) * DAY_MILLIS;
      while (next < events.size() && events.get(next).tsMillis() < endMillis) {
        state.applyUnlessRefused(events.get(next++));
      }
      boolean active = MemberStatus.of(state, day, activeDays) == MemberStatus.ACTIVE;
      Double clv = null;
      if (active && model != null) {
        double[] features = model.features(state, day);
        clv = MemberValueFigures.of(0, features).clv();
        if (day >= scoreFromDay) {
          scoredDays.add(day);
          vectors.add(features);
        }
      }
      snapshots.put(day, new Snapshot(active, state.tierRank(), clv, null, null));
    }
    if (!vectors.isEmpty()) {
      double[] raw = model.rawProbabilities(vectors);
      for (int i = 0; i < raw.length; i++) {
        double p = model.calibrator().calibrate(raw[i]);
        Snapshot s = snapshots.get(scoredDays.get(i));
        snapshots.put(
            scoredDays.get(i),
            new Snapshot(
                true,
                s.tierRank,
                s.clv,
                p,
                MemberValueFigures.of(p, vectors.get(i)).valueAtRisk()));
      }
    }
    return snapshots;
  }

  /** The member's contribution to their first-purchase month's retention curve. */
  private java.util.Optional<Tuple2<String, KpiCounts>> cohort(List<LoyaltyEvent> events) {
    LocalDate first = null;
    KpiCounts c = null;
    LocalDate asOfMonth = LocalDate.ofEpochDay(asOfDay).withDayOfMonth(1);
    for (LoyaltyEvent e : events) {
      if (e.type() != EventType.PURCHASE || e.epochDay() > asOfDay) {
        continue;
      }
      LocalDate month = LocalDate.ofEpochDay(e.epochDay()).withDayOfMonth(1);
      if (first == null) {
        first = month;
        c = new KpiCounts();
        c.cohortSize = 1;
        c.cohortBuyers = new long[(int) ChronoUnit.MONTHS.between(first, asOfMonth) + 1];
      }
      c.cohortBuyers[(int) ChronoUnit.MONTHS.between(first, month)] = 1;
    }
    return first == null
        ? java.util.Optional.empty()
        : java.util.Optional.of(new Tuple2<>(cohortKey(KpiPeriods.label(first, false)), c));
  }

  /** What the KPIs read of the member's state on one day. */
  private record Snapshot(
      boolean active, int tierRank, Double clv, Double probability, Double valueAtRisk) {}
}
