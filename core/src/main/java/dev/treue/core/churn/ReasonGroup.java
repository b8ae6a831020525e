package dev.treue.core.churn;

import static dev.treue.core.feature.ChurnFeature.*;

import dev.treue.core.customer.TierLadder;
import dev.treue.core.feature.ChurnFeature;
import dev.treue.core.feature.ChurnFeatures;
import dev.treue.core.trees.FeatureGroups;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Features that tell one story to a marketer, explained together. A reason's weight is how much the
 * churn probability falls when the whole group is set to a typical retained member's values, so
 * correlated features (recency and the overdue ratio) yield one reason, not two.
 */
public enum ReasonGroup {
  RECENCY(
      EnumSet.of(
          RECENCY_DAYS, OVERDUE_RATIO, HAS_PURCHASED, LAST_GAP_DAYS, EXPECTED_MISSED_PURCHASES)) {
    @Override
    String phrase(double[] v) {
      long days = round(v, RECENCY_DAYS);
      if (v[HAS_PURCHASED.ordinal()] == 0) {
        return "no purchase since joining " + days + " days ago";
      }
      if (v[REPEAT_BUYER.ordinal()] == 1) {
        return "no purchase for "
            + days
            + " days, usually every "
            + Math.max(1, round(v, GAP_MEAN_DAYS));
      }
      return "no purchase for " + days + " days, and only one purchase day so far";
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
    String phrase(double[] v) {
      long recent = round(v, FREQUENCY_90);
      long before = round(v, FREQUENCY_180) - recent;
      long year = round(v, FREQUENCY_365);
      if (before > recent) {
        return "buying less often: "
            + recent
            + " purchases in the last 90 days, "
            + before
            + " in the 90 before";
      }
      if (year > 4 * recent) {
        // Slower than a quarter of the yearly pace, even if the drop started earlier than 180 days.
        return "buying less often: "
            + recent
            + " purchases in the last 90 days, "
            + year
            + " in 12 months";
      }
      return "few purchases: " + year + " in the last 12 months";
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
    String phrase(double[] v) {
      double recent = v[MONETARY_90.ordinal()];
      double before = v[MONETARY_180.ordinal()] - recent;
      if (before > recent) {
        return "spend down to "
            + money(recent)
            + " in the last 90 days from "
            + money(before)
            + " the 90 before";
      }
      return "low spend: " + money(v[MONETARY_365.ordinal()]) + " in the last 12 months";
    }
  },
  POINTS(EnumSet.of(POINTS_BALANCE, POINTS_EXPIRING_30, POINTS_EXPIRED_90)) {
    @Override
    String phrase(double[] v) {
      if (v[POINTS_EXPIRED_90.ordinal()] > 0) {
        return "lost " + round(v, POINTS_EXPIRED_90) + " points to expiry in the last 90 days";
      }
      if (v[POINTS_EXPIRING_30.ordinal()] > 0) {
        return round(v, POINTS_EXPIRING_30) + " points expire within 30 days";
      }
      return "points balance of " + round(v, POINTS_BALANCE);
    }
  },
  TIER(EnumSet.of(TIER_RANK, DISTANCE_TO_NEXT_TIER, DAYS_SINCE_DOWNGRADE)) {
    @Override
    String phrase(double[] v) {
      int rank = (int) v[TIER_RANK.ordinal()];
      if (v[DAYS_SINCE_DOWNGRADE.ordinal()] < ChurnFeatures.NEVER_DAYS) {
        return "dropped to "
            + TierLadder.name(rank)
            + " "
            + round(v, DAYS_SINCE_DOWNGRADE)
            + " days ago";
      }
      if (v[DISTANCE_TO_NEXT_TIER.ordinal()] > 0) {
        return money(v[DISTANCE_TO_NEXT_TIER.ordinal()])
            + " of spend away from "
            + TierLadder.name(rank + 1);
      }
      return "in tier " + TierLadder.name(rank);
    }
  },
  REDEMPTIONS(EnumSet.of(REDEMPTIONS_TOTAL, REDEMPTIONS_365, DAYS_SINCE_REDEMPTION)) {
    @Override
    String phrase(double[] v) {
      if (v[REDEMPTIONS_TOTAL.ordinal()] == 0) {
        return "has never redeemed a reward";
      }
      return "no reward redeemed for " + round(v, DAYS_SINCE_REDEMPTION) + " days";
    }
  },
  OFFERS(EnumSet.of(OFFERS_SENT_365, OFFERS_REDEEMED_365, OFFER_RESPONSE_RATE)) {
    @Override
    String phrase(double[] v) {
      return "redeemed "
          + round(v, OFFERS_REDEEMED_365)
          + " of "
          + round(v, OFFERS_SENT_365)
          + " offers in the last 12 months";
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
          DAYS_SINCE_EMAIL_OPEN)) {
    @Override
    String phrase(double[] v) {
      if (v[DAYS_SINCE_ENGAGEMENT.ordinal()] >= ChurnFeatures.NEVER_DAYS) {
        return "never opened the app or an email";
      }
      return "no app or email activity for " + round(v, DAYS_SINCE_ENGAGEMENT) + " days";
    }
  },
  LIFETIME(EnumSet.of(P_ALIVE, EXPECTED_PURCHASES_90, CLV)) {
    @Override
    String phrase(double[] v) {
      if (v[HAS_PURCHASED.ordinal()] == 0) {
        return "no purchase yet, so no buying pattern to go on";
      }
      double alive = v[P_ALIVE.ordinal()];
      if (alive < 0.5) {
        return "buying pattern says only a "
            + fixed(100 * alive, 0)
            + "% chance of still being active";
      }
      return "buying pattern expects "
          + fixed(v[EXPECTED_PURCHASES_90.ordinal()], 1)
          + " purchase days in the next 90 days";
    }
  },
  TENURE(EnumSet.of(TENURE_DAYS, DAYS_SINCE_FIRST_PURCHASE)) {
    @Override
    String phrase(double[] v) {
      return "joined " + round(v, TENURE_DAYS) + " days ago";
    }
  },
  BASKET(EnumSet.of(RETURN_RATE_365, CATEGORY_CONCENTRATION, CATEGORY_COUNT)) {
    @Override
    String phrase(double[] v) {
      if (v[RETURN_RATE_365.ordinal()] > 0) {
        return "returns " + fixed(100 * v[RETURN_RATE_365.ordinal()], 0) + "% of purchases";
      }
      return "buys from only " + round(v, CATEGORY_COUNT) + " categories";
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

  /** The reason in words, from the member's feature vector. */
  abstract String phrase(double[] v);

  private static long round(double[] v, ChurnFeature f) {
    return Math.round(v[f.ordinal()]);
  }

  private static String money(double amount) {
    return fixed(amount, 2);
  }

  /**
   * {@code String.format(Locale.ROOT, "%.<decimals>f", v)}, several times faster (the formatter
   * parses its pattern on every call, and phrases are built for every member scored): both round
   * the shortest decimal that reads back as {@code v} half up.
   */
  static String fixed(double v, int decimals) {
    if (!Double.isFinite(v)) {
      return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
    BigDecimal rounded = BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP);
    // The formatter keeps the sign of a negative value (or -0) that rounds to zero.
    return (Double.doubleToRawLongBits(v) < 0 && rounded.signum() == 0 ? "-" : "")
        + rounded.toPlainString();
  }
}
