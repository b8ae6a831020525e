package dev.treue.core.churn;

import static dev.treue.core.time.Days.DAY_MILLIS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.treue.core.calibration.IsotonicCalibrator;
import dev.treue.core.clv.BgNbd;
import dev.treue.core.clv.ClvHorizon;
import dev.treue.core.clv.GammaGamma;
import dev.treue.core.clv.LifetimeModel;
import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.Member;
import dev.treue.core.customer.TierLadder;
import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import dev.treue.core.feature.ChurnFeature;
import dev.treue.core.feature.ChurnFeatures;
import dev.treue.core.trees.SyntheticChurnModels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/**
 * A reason names something that pushes the member's risk up against the typical retained member
 * (the reference): for thousands of generated members, edge cases included, every reason's feature
 * is on the high-risk side of the reference. The labels deliberately make some low-risk-looking
 * values risky (long tenure, a large points balance), so a model learns lifts that point the wrong
 * way for a marketer and the reasons must still not quote them.
 */
class ReasonsPushRiskUpTest {
  private static final int AS_OF = 20269;
  private static final String[] CATEGORIES = {"grocery", "fashion", "home", "beauty"};

  /** Which side of the reference is risky, per phrase: this test's own reading of the words. */
  private record Quote(Pattern pattern, ChurnFeature feature, boolean higherIsRisky) {}

  private static final List<Quote> QUOTES =
      List.of(
          quote("^no purchase since joining", ChurnFeature.HAS_PURCHASED, false),
          quote("^no purchase for \\d+ days", ChurnFeature.RECENCY_DAYS, true),
          quote("in the last 90 days, down from", ChurnFeature.FREQUENCY_TREND, false),
          quote("^only \\d+ purchases? in the last 12 months", ChurnFeature.FREQUENCY_365, false),
          quote("^no purchase in the last 12 months", ChurnFeature.FREQUENCY_365, false),
          quote("^only .+ in the last 90 days, against", ChurnFeature.FREQUENCY_90, false),
          quote("^spent \\d+% less in the last 90 days", ChurnFeature.SPEND_TREND, false),
          quote("^no net spend in the last 90 days", ChurnFeature.SPEND_TREND, false),
          quote("^spent only .+ in the last 12 months", ChurnFeature.MONETARY_365, false),
          quote("^no net spend in the last 12 months", ChurnFeature.MONETARY_365, false),
          quote("points? to expiry in the last 90 days", ChurnFeature.POINTS_EXPIRED_90, true),
          quote("points? about to expire", ChurnFeature.POINTS_EXPIRING_30, true),
          quote("^dropped to \\w+ \\d+ days ago", ChurnFeature.DAYS_SINCE_DOWNGRADE, false),
          quote("tier, below", ChurnFeature.TIER_RANK, false),
          quote("of spend away from", ChurnFeature.DISTANCE_TO_NEXT_TIER, true),
          quote("^has never redeemed a reward", ChurnFeature.REDEMPTIONS_TOTAL, false),
          quote("^no reward redeemed", ChurnFeature.DAYS_SINCE_REDEMPTION, true),
          quote("offers sent in the last 12 months", ChurnFeature.OFFER_RESPONSE_RATE, false),
          quote("^no app or email activity", ChurnFeature.DAYS_SINCE_ENGAGEMENT, true),
          quote("chance of still being active", ChurnFeature.P_ALIVE, false),
          quote("purchase days? in the next 90 days", ChurnFeature.EXPECTED_PURCHASES_90, false),
          quote("^member for only \\d+ days?", ChurnFeature.TENURE_DAYS, false),
          quote("^joined today", ChurnFeature.TENURE_DAYS, false),
          quote("^returns \\d+% of purchases", ChurnFeature.RETURN_RATE_365, true),
          quote("^buys from only", ChurnFeature.CATEGORY_COUNT, false));

  private static ChurnScorer scorer;
  private static List<double[]> members;

  private static Quote quote(String regex, ChurnFeature feature, boolean higherIsRisky) {
    return new Quote(Pattern.compile(regex), feature, higherIsRisky);
  }

  @BeforeAll
  static void trainOnGeneratedMembers() {
    LifetimeModel lifetime =
        new LifetimeModel(
            new BgNbd(0.243, 4.414 * 7, 0.793, 2.426),
            new GammaGamma(6.25, 3.74, 15.44),
            1,
            ClvHorizon.DEFAULT);
    SplittableRandom rnd = new SplittableRandom(13);
    List<double[]> train = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      train.add(ChurnFeatures.compute(member("t" + i, rnd), AS_OF, lifetime));
    }
    boolean[] churned = new boolean[train.size()];
    for (int i = 0; i < churned.length; i++) {
      churned[i] = rnd.nextDouble() < churnProbability(train.get(i));
    }
    Model<Label> model =
        SyntheticChurnModels.candidateConfiguration(
            120, 0.1, 3, SyntheticChurnModels.dataset(train, churned));
    double[] raw = ChurnScorer.rawProbabilities(model, train);
    scorer =
        new ChurnScorer(
            model, IsotonicCalibrator.fit(raw, churned), retainedMedian(train, churned), lifetime);
    members = new ArrayList<>();
    SplittableRandom other = new SplittableRandom(99);
    for (int i = 0; i < 2000; i++) {
      members.add(ChurnFeatures.compute(member("m" + i, other), AS_OF, lifetime));
    }
    for (CustomerState edge : edgeCases()) {
      members.add(ChurnFeatures.compute(edge, AS_OF, lifetime));
    }
  }

  @Test
  void everyReasonQuotesAValueOnTheHighRiskSideOfTheReference() {
    double[] reference = scorer.reference();
    List<ChurnScore> scores = scorer.scoreAll(members);
    int reasons = 0;
    for (int i = 0; i < scores.size(); i++) {
      double[] v = members.get(i);
      for (String reason : scores.get(i).reasons()) {
        reasons++;
        Quote q =
            QUOTES.stream()
                .filter(x -> x.pattern().matcher(reason).find())
                .findFirst()
                .orElse(null);
        if (q == null) {
          fail("member " + i + ": \"" + reason + "\" does not read as a known reason");
        }
        double value = v[q.feature().ordinal()];
        double typical = reference[q.feature().ordinal()];
        boolean risky = q.higherIsRisky() ? value > typical : value < typical;
        assertTrue(
            risky,
            "member "
                + i
                + ": \""
                + reason
                + "\" quotes "
                + q.feature().featureName()
                + " = "
                + value
                + ", on the low-risk side of the reference's "
                + typical);
      }
    }
    assertTrue(reasons > members.size() / 2, "reasons are given: " + reasons);
  }

  @Test
  void membersBelowTheReasonsThresholdGetTheirScoreWithoutReasons() {
    // The service explains members from medium risk up: those get the reasons everyone would get,
    // the others the same probability and band and no reasons.
    List<ChurnScore> everyone = scorer.scoreAll(members);
    List<ChurnScore> fromMedium = scorer.scoreAll(members, RiskBand.MEDIUM_FROM);
    int explained = 0;
    for (int i = 0; i < members.size(); i++) {
      ChurnScore all = everyone.get(i);
      ChurnScore some = fromMedium.get(i);
      if (all.probability() >= RiskBand.MEDIUM_FROM) {
        explained++;
        assertEquals(all, some, "member " + i);
      } else {
        assertEquals(all.probability(), some.probability(), 0.0, "member " + i);
        assertEquals(all.band(), some.band(), "member " + i);
        assertTrue(some.reasons().isEmpty(), "member " + i + ": " + some.reasons());
      }
    }
    assertTrue(
        explained > 0 && explained < members.size(), "some explained, some not: " + explained);
  }

  @Test
  void reasonsReadAsReasons() {
    for (ChurnScore score : scorer.scoreAll(members)) {
      for (String reason : score.reasons()) {
        assertFalse(Pattern.compile("-\\s?[€$£]?\\d").matcher(reason).find(), reason);
        assertFalse(Pattern.compile("\\d\\.\\d{3,}").matcher(reason).find(), reason);
        assertFalse(
            Pattern.compile("\\b1 purchases\\b|\\b1 days\\b").matcher(reason).find(), reason);
        if (reason.contains("spend") || reason.contains("spent")) {
          assertTrue(
              Pattern.compile("€\\d{1,3}(,\\d{3})*\\.\\d\\d|\\d+%|no net spend")
                  .matcher(reason)
                  .find(),
              "money in euros to the cent: " + reason);
        }
      }
    }
  }

  /** Risk rises with silence and falls with buying, but also rises with tenure and points. */
  private static double churnProbability(double[] v) {
    double logit =
        0.012 * v[ChurnFeature.RECENCY_DAYS.ordinal()]
            - 0.15 * v[ChurnFeature.FREQUENCY_90.ordinal()]
            + 0.002 * v[ChurnFeature.DAYS_SINCE_ENGAGEMENT.ordinal()]
            + 0.003 * v[ChurnFeature.TENURE_DAYS.ordinal()]
            + 0.002 * v[ChurnFeature.POINTS_BALANCE.ordinal()]
            - 0.5 * v[ChurnFeature.CATEGORY_COUNT.ordinal()]
            - 2;
    return 1 / (1 + Math.exp(-logit));
  }

  private static double[] retainedMedian(List<double[]> vectors, boolean[] churned) {
    double[] reference = new double[ChurnFeatures.SPEC.size()];
    for (int f = 0; f < reference.length; f++) {
      final int col = f;
      double[] values =
          java.util.stream.IntStream.range(0, vectors.size())
              .filter(i -> !churned[i])
              .mapToDouble(i -> vectors.get(i)[col])
              .sorted()
              .toArray();
      reference[f] = values[values.length / 2];
    }
    return reference;
  }

  /** A member with a personal pace, a silence before the as-of day, points, offers and app use. */
  private static CustomerState member(String id, SplittableRandom rnd) {
    int signup = AS_OF - 1 - rnd.nextInt(1800);
    int silence = rnd.nextInt(4) == 0 ? rnd.nextInt(500) : rnd.nextInt(40);
    return history(id, signup, AS_OF - silence, 2 + rnd.nextDouble() * 60, rnd.nextInt(6), rnd);
  }

  private static CustomerState history(
      String id,
      int signup,
      int activeUntil,
      double gapDays,
      int returnsOneIn,
      SplittableRandom rnd) {
    Member m =
        new Member(
            id, signup, TierLadder.NAMES.get(rnd.nextInt(4)), CustomerState.NONE, null, null, true);
    List<LoyaltyEvent> events = new ArrayList<>();
    int tier = TierLadder.rank(m.tier());
    for (double day = signup + rnd.nextDouble() * gapDays;
        day < activeUntil;
        day += Math.max(1, -Math.log(1 - rnd.nextDouble()) * gapDays)) {
      long ts = (long) (day * DAY_MILLIS);
      String category = CATEGORIES[rnd.nextInt(1 + rnd.nextInt(CATEGORIES.length))];
      double amount = Math.round((5 + rnd.nextDouble() * 150) * 100) / 100.0;
      events.add(event(id, events.size(), ts, EventType.PURCHASE, amount, 0, category));
      events.add(
          event(id, events.size(), ts + 1, EventType.POINTS_EARNED, 0, Math.round(amount), null));
      if (returnsOneIn > 0 && rnd.nextInt(returnsOneIn + 1) == 0) {
        // Returns can outweigh the purchases in a window: net spend below zero.
        events.add(
            event(id, events.size(), ts + 3_600_000L, EventType.RETURN, amount * 1.5, 0, category));
      }
      if (rnd.nextInt(8) == 0) {
        events.add(event(id, events.size(), ts + 2, EventType.POINTS_REDEEMED, 0, 20, null));
      }
      if (rnd.nextInt(30) == 0) {
        tier = rnd.nextBoolean() ? Math.min(3, tier + 1) : Math.max(0, tier - 1);
        events.add(
            event(
                id,
                events.size(),
                ts + 3,
                EventType.TIER_CHANGE,
                0,
                0,
                TierLadder.NAMES.get(tier)));
      }
    }
    for (int day = signup + rnd.nextInt(30); day < AS_OF; day += 7 + rnd.nextInt(60)) {
      long ts = day * DAY_MILLIS + 36_000_000L;
      EventType type =
          switch (rnd.nextInt(4)) {
            case 0 -> EventType.APP_SESSION;
            case 1 -> EventType.EMAIL_OPEN;
            case 2 -> EventType.POINTS_EXPIRED;
            default -> EventType.OFFER_SENT;
          };
      long points = type == EventType.POINTS_EXPIRED ? 1 + rnd.nextInt(200) : 0;
      events.add(
          new LoyaltyEvent(
              id + "-" + events.size(),
              id,
              ts,
              type,
              0,
              points,
              null,
              type == EventType.OFFER_SENT ? "o" + day : null,
              "app"));
    }
    events.sort(Comparator.comparingLong(LoyaltyEvent::tsMillis));
    CustomerState state = CustomerState.of(m);
    events.forEach(state::apply);
    return state;
  }

  /** Never bought, joined today, one purchase today, returns above spend, a buyer of decades. */
  private static List<CustomerState> edgeCases() {
    SplittableRandom rnd = new SplittableRandom(5);
    return Arrays.asList(
        history("never", AS_OF - 1772, AS_OF - 1772, 30, 0, rnd),
        history("today", AS_OF, AS_OF, 30, 0, rnd),
        history("once", AS_OF - 1, AS_OF, 400, 0, rnd),
        history("returns", AS_OF - 400, AS_OF - 30, 10, 1, rnd),
        history("loyal", AS_OF - 1800, AS_OF, 3, 0, rnd),
        history("gone", AS_OF - 1800, AS_OF - 700, 5, 0, rnd),
        history("slowing", AS_OF - 600, AS_OF - 100, 4, 0, rnd));
  }

  private static LoyaltyEvent event(
      String id, int seq, long ts, EventType type, double amount, long points, String category) {
    return new LoyaltyEvent(id + "-" + seq, id, ts, type, amount, points, category, null, "app");
  }
}
