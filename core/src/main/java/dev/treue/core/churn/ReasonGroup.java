package dev.treue.core.churn;

import static dev.treue.core.feature.ChurnFeature.*;

import dev.treue.core.customer.TierLadder;
import dev.treue.core.feature.ChurnFeature;
import dev.treue.core.feature.ChurnFeatures;
import dev.treue.core.reason.Reason;
import dev.treue.core.reason.ReasonArg;
import dev.treue.core.reason.ReasonPhrase;
import dev.treue.core.reason.ReasonWords;
import dev.treue.core.trees.FeatureGroups;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * Features that tell one story to a marketer, explained together. A reason's weight is how much the
 * churn probability falls when the whole group is set to a typical retained member's values, so
 * correlated features (recency and the overdue ratio) yield one reason, not two.
 *
 * <p>A group's words quote one of its features, and only when the member's value is on the
 * high-risk side of the reference's (longer silence, fewer purchases, lower spend, more points
 * expiring...): a model may find long tenure or a large balance risky, but "joined 1772 days ago"
 * is no reason a marketer can act on, so such a group gives no reason ({@code null}).
 */
public enum ReasonGroup {
  RECENCY(
      EnumSet.of(
          RECENCY_DAYS, OVERDUE_RATIO, HAS_PURCHASED, LAST_GAP_DAYS, EXPECTED_MISSED_PURCHASES)) {
    @Override
    Reason reason(double[] v, double[] ref, ReasonWords w) {
      long days = round(v, RECENCY_DAYS);
      if (v[HAS_PURCHASED.ordinal()] == 0) {
        return neverPurchased(v, ref, w);
      }
      if (!above(v, ref, RECENCY_DAYS)) {
        return null;
      }
      if (v[REPEAT_BUYER.ordinal()] == 1) {
        long gap = Math.max(1, round(v, GAP_MEAN_DAYS));
        return Reason.of(
            ReasonPhrase.NO_PURCHASE_USUALLY, ReasonArg.days(days), ReasonArg.days(gap));
      }
      return Reason.of(ReasonPhrase.NO_PURCHASE_AFTER_ONE, ReasonArg.days(days));
    }
  },
  FREQUENCY(
      EnumSet.of(
          FREQUENCY_30,
          FREQUENCY_90,
          FREQUENCY_180,
          FREQUENCY_365,
          FREQUENCY_TREND,
          PURCHASES_TOTAL,
          PURCHASE_DAYS_TOTAL,
          REPEAT_BUYER,
          GAP_MEAN_DAYS,
          GAP_STD_DAYS,
          PURCHASE_DAYS_90,
          PURCHASE_DAYS_365,
          PURCHASE_RATE)) {
    @Override
    Reason reason(double[] v, double[] ref, ReasonWords w) {
      if (v[HAS_PURCHASED.ordinal()] == 0) {
        return neverPurchased(v, ref, w);
      }
      long recent = round(v, FREQUENCY_90);
      long before = round(v, FREQUENCY_180) - recent;
      long year = round(v, FREQUENCY_365);
      if (below(v, ref, FREQUENCY_TREND) && before > recent) {
        return Reason.of(
            ReasonPhrase.PURCHASES_DOWN, ReasonArg.purchases(recent), ReasonArg.count(before));
      }
      if (below(v, ref, FREQUENCY_365) && year < round(ref, FREQUENCY_365)) {
        return year <= 0
            ? Reason.of(ReasonPhrase.PURCHASES_YEAR_NONE)
            : Reason.of(
                ReasonPhrase.PURCHASES_YEAR_FEW,
                ReasonArg.purchases(year),
                ReasonArg.count(round(ref, FREQUENCY_365)));
      }
      if (below(v, ref, FREQUENCY_90) && year > 4 * recent) {
        // Slower than a quarter of the yearly pace, even if the drop started over 180 days ago.
        return Reason.of(
            ReasonPhrase.PURCHASES_90_AGAINST_YEAR,
            ReasonArg.purchases(recent),
            ReasonArg.count(year));
      }
      return null;
    }
  },
  SPEND(
      EnumSet.of(
          MONETARY_30,
          MONETARY_90,
          MONETARY_180,
          MONETARY_365,
          SPEND_TOTAL,
          SPEND_TREND,
          AVG_BASKET_365)) {
    @Override
    Reason reason(double[] v, double[] ref, ReasonWords w) {
      double recent = v[MONETARY_90.ordinal()];
      double before = v[MONETARY_180.ordinal()] - recent;
      if (below(v, ref, SPEND_TREND) && before > 0 && recent < before) {
        if (recent <= 0) {
          return Reason.of(ReasonPhrase.SPEND_90_NONE, ReasonArg.money(before));
        }
        long drop = Math.round(100 * (1 - recent / before));
        if (drop >= 1) {
          return Reason.of(ReasonPhrase.SPEND_DOWN, ReasonArg.percent(drop / 100.0));
        }
      }
      if (below(v, ref, MONETARY_365)) {
        double year = v[MONETARY_365.ordinal()];
        if (year < 0.005) {
          // Returns can outweigh purchases: a negative net spend reads as none.
          return Reason.of(ReasonPhrase.SPEND_YEAR_NONE);
        }
        ReasonArg spent = ReasonArg.money(year);
        ReasonArg typical = ReasonArg.money(Math.max(0, ref[MONETARY_365.ordinal()]));
        if (!w.word(spent).equals(w.word(typical))) {
          return Reason.of(ReasonPhrase.SPEND_YEAR_LOW, spent, typical);
        }
      }
      return null;
    }
  },
  POINTS(EnumSet.of(POINTS_BALANCE, POINTS_EXPIRING_30, POINTS_EXPIRED_90)) {
    @Override
    Reason reason(double[] v, double[] ref, ReasonWords w) {
      // A balance alone is no reason: large or small, it says nothing the member risks losing.
      if (above(v, ref, POINTS_EXPIRED_90) && round(v, POINTS_EXPIRED_90) > 0) {
        return Reason.of(
            ReasonPhrase.POINTS_EXPIRED, ReasonArg.points(round(v, POINTS_EXPIRED_90)));
      }
      if (above(v, ref, POINTS_EXPIRING_30) && round(v, POINTS_EXPIRING_30) > 0) {
        return Reason.of(
            ReasonPhrase.POINTS_EXPIRING, ReasonArg.points(round(v, POINTS_EXPIRING_30)));
      }
      return null;
    }
  },
  TIER(EnumSet.of(TIER_RANK, DISTANCE_TO_NEXT_TIER, DAYS_SINCE_DOWNGRADE)) {
    @Override
    Reason reason(double[] v, double[] ref, ReasonWords w) {
      int rank = (int) v[TIER_RANK.ordinal()];
      if (below(v, ref, DAYS_SINCE_DOWNGRADE)) {
        return Reason.of(
            ReasonPhrase.TIER_DROPPED,
            ReasonArg.text(TierLadder.name(rank)),
            ReasonArg.days(round(v, DAYS_SINCE_DOWNGRADE)));
      }
      if (below(v, ref, TIER_RANK)) {
        return Reason.of(
            ReasonPhrase.TIER_BELOW,
            ReasonArg.text(TierLadder.name(rank)),
            ReasonArg.text(TierLadder.name((int) round(ref, TIER_RANK))));
      }
      if (above(v, ref, DISTANCE_TO_NEXT_TIER) && rank < TierLadder.NAMES.size() - 1) {
        return Reason.of(
            ReasonPhrase.TIER_DISTANCE,
            ReasonArg.money(v[DISTANCE_TO_NEXT_TIER.ordinal()]),
            ReasonArg.text(TierLadder.name(rank + 1)));
      }
      return null;
    }
  },
  REDEMPTIONS(EnumSet.of(REDEMPTIONS_TOTAL, REDEMPTIONS_365, DAYS_SINCE_REDEMPTION)) {
    @Override
    Reason reason(double[] v, double[] ref, ReasonWords w) {
      if (v[REDEMPTIONS_TOTAL.ordinal()] == 0) {
        return below(v, ref, REDEMPTIONS_TOTAL) ? Reason.of(ReasonPhrase.NEVER_REDEEMED) : null;
      }
      if (!above(v, ref, DAYS_SINCE_REDEMPTION)) {
        return null;
      }
      long days = round(v, DAYS_SINCE_REDEMPTION);
      return days >= ChurnFeatures.NEVER_DAYS
          ? Reason.of(ReasonPhrase.NO_REDEMPTION_LONG)
          : Reason.of(ReasonPhrase.NO_REDEMPTION_FOR, ReasonArg.days(days));
    }
  },
  OFFERS(EnumSet.of(OFFERS_SENT_365, OFFERS_REDEEMED_365, OFFER_RESPONSE_RATE)) {
    @Override
    Reason reason(double[] v, double[] ref, ReasonWords w) {
      long sent = round(v, OFFERS_SENT_365);
      if (sent <= 0 || !below(v, ref, OFFER_RESPONSE_RATE)) {
        return null;
      }
      return Reason.of(
          ReasonPhrase.OFFERS_IGNORED,
          ReasonArg.count(round(v, OFFERS_REDEEMED_365)),
          ReasonArg.count(sent));
    }
  },
  ENGAGEMENT(
      EnumSet.of(
          APP_SESSIONS_30,
          APP_SESSIONS_90,
          EMAIL_OPENS_30,
          EMAIL_OPENS_90,
          DAYS_SINCE_ENGAGEMENT,
          APP_SESSIONS_365,
          DAYS_SINCE_APP_SESSION,
          DAYS_SINCE_EMAIL_OPEN,
          APP_SESSIONS_SINCE_PURCHASE,
          EMAIL_OPENS_SINCE_PURCHASE,
          EXPECTED_ENGAGEMENT_SINCE_PURCHASE,
          ENGAGEMENT_SINCE_PURCHASE_RATIO,
          ENGAGEMENT_TREND)) {
    @Override
    Reason reason(double[] v, double[] ref, ReasonWords w) {
      if (!above(v, ref, DAYS_SINCE_ENGAGEMENT)) {
        return null;
      }
      long days = round(v, DAYS_SINCE_ENGAGEMENT);
      // The feature is capped: at the cap the member was silent for at least that long.
      return days >= ChurnFeatures.NEVER_DAYS
          ? Reason.of(ReasonPhrase.NO_ENGAGEMENT_LONG)
          : Reason.of(ReasonPhrase.NO_ENGAGEMENT_FOR, ReasonArg.days(days));
    }
  },
  LIFETIME(EnumSet.of(P_ALIVE, EXPECTED_PURCHASES_90, CLV)) {
    @Override
    Reason reason(double[] v, double[] ref, ReasonWords w) {
      if (v[HAS_PURCHASED.ordinal()] == 0) {
        return neverPurchased(v, ref, w);
      }
      // Both figures are shown: a difference lost to rounding ("91%, typically 91%") is none.
      if (below(v, ref, P_ALIVE)) {
        ReasonArg alive = ReasonArg.percent(v[P_ALIVE.ordinal()]);
        ReasonArg typical = ReasonArg.percent(ref[P_ALIVE.ordinal()]);
        if (!w.word(alive).equals(w.word(typical))) {
          return Reason.of(ReasonPhrase.ALIVE_CHANCE, alive, typical);
        }
      }
      if (below(v, ref, EXPECTED_PURCHASES_90)) {
        ReasonArg expected = ReasonArg.decimal(v[EXPECTED_PURCHASES_90.ordinal()], 1);
        ReasonArg typical = ReasonArg.decimal(ref[EXPECTED_PURCHASES_90.ordinal()], 1);
        if (!w.word(expected).equals(w.word(typical))) {
          return Reason.of(ReasonPhrase.EXPECTED_FEW, expected, typical);
        }
      }
      return null;
    }
  },
  TENURE(EnumSet.of(TENURE_DAYS, DAYS_SINCE_FIRST_PURCHASE)) {
    @Override
    Reason reason(double[] v, double[] ref, ReasonWords w) {
      // New members have no habit yet; a long membership is no reason to leave.
      if (!below(v, ref, TENURE_DAYS)) {
        return null;
      }
      long days = round(v, TENURE_DAYS);
      return days <= 0
          ? Reason.of(ReasonPhrase.JOINED_TODAY)
          : Reason.of(ReasonPhrase.TENURE_SHORT, ReasonArg.days(days));
    }
  },
  BASKET(EnumSet.of(RETURN_RATE_365, CATEGORY_CONCENTRATION, CATEGORY_COUNT)) {
    @Override
    Reason reason(double[] v, double[] ref, ReasonWords w) {
      if (above(v, ref, RETURN_RATE_365)) {
        return Reason.of(
            ReasonPhrase.RETURNS_SHARE, ReasonArg.percent(v[RETURN_RATE_365.ordinal()]));
      }
      long categories = round(v, CATEGORY_COUNT);
      if (below(v, ref, CATEGORY_COUNT)
          && categories > 0
          && categories < round(ref, CATEGORY_COUNT)) {
        return Reason.of(
            ReasonPhrase.CATEGORIES_FEW,
            ReasonArg.categories(categories),
            ReasonArg.count(round(ref, CATEGORY_COUNT)));
      }
      return null;
    }
  };

  /**
   * The groups as the trees see them, in declaration order: the predictor's variant {@code g} is
   * the member with group {@code g}'s features set to the reference's.
   */
  public static final FeatureGroups VARIANTS =
      new FeatureGroups(
          Arrays.stream(values())
              .map(g -> g.features.stream().mapToInt(Enum::ordinal).toArray())
              .toArray(int[][]::new));

  private final Set<ChurnFeature> features;

  ReasonGroup(Set<ChurnFeature> features) {
    this.features = features;
  }

  /** The features this group explains. */
  public Set<ChurnFeature> features() {
    return features;
  }

  /**
   * The reason, from the member's feature vector, or {@code null} when none of the group's features
   * the words would quote is on the high-risk side of the reference.
   *
   * @param v the member's features
   * @param ref the typical retained member's features
   * @param w the words and currency: a figure and its typical value that read the same in them
   *     (rounded to the same cent or percent) make no reason
   */
  abstract Reason reason(double[] v, double[] ref, ReasonWords w);

  /** The reason ({@link #reason}) in {@code w}'s words, or {@code null}. */
  String phrase(double[] v, double[] ref, ReasonWords w) {
    Reason r = reason(v, ref, w);
    return r == null ? null : w.render(r);
  }

  /**
   * A member who never bought has one reason whichever group the model blames (recency, frequency
   * or the buying pattern): the scorer keeps it once.
   */
  private static Reason neverPurchased(double[] v, double[] ref, ReasonWords w) {
    return below(v, ref, HAS_PURCHASED)
        ? Reason.of(ReasonPhrase.NO_PURCHASE_SINCE_JOINING, ReasonArg.days(round(v, RECENCY_DAYS)))
        : null;
  }

  private static boolean above(double[] v, double[] ref, ChurnFeature f) {
    return v[f.ordinal()] > ref[f.ordinal()];
  }

  private static boolean below(double[] v, double[] ref, ChurnFeature f) {
    return v[f.ordinal()] < ref[f.ordinal()];
  }

  private static long round(double[] v, ChurnFeature f) {
    return Math.round(v[f.ordinal()]);
  }
}
