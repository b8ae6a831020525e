package dev.treue.core.customer;

import java.util.List;
import java.util.Locale;

/**
 * The programme's tiers and the rolling 365-day net spend each needs. Shared by the generator (which
 * moves members between tiers) and the features (distance to the next tier).
 */
public final class TierLadder {
  /** Tier names from lowest to highest. */
  public static final List<String> NAMES = List.of("basic", "silver", "gold", "platinum");

  /** Minimum rolling 365-day net spend for each tier in {@link #NAMES}. */
  private static final double[] THRESHOLDS = {0, 500, 1500, 4000};

  private TierLadder() {}

  /** Rank of a tier name (0 = basic); unknown or missing names rank as basic. */
  public static int rank(String tier) {
    if (tier == null) {
      return 0;
    }
    int i = NAMES.indexOf(tier.trim().toLowerCase(Locale.ROOT));
    return Math.max(i, 0);
  }

  /** The tier earned by a rolling 365-day net spend. */
  public static int rankForSpend(double spend365) {
    int rank = 0;
    for (int i = 0; i < THRESHOLDS.length; i++) {
      if (spend365 >= THRESHOLDS[i]) {
        rank = i;
      }
    }
    return rank;
  }

  /** Spend still needed to reach the tier above {@code rank}; 0 at the top tier. */
  public static double distanceToNext(int rank, double spend365) {
    if (rank >= THRESHOLDS.length - 1) {
      return 0;
    }
    return Math.max(0, THRESHOLDS[rank + 1] - spend365);
  }

  /** Name of a rank. */
  public static String name(int rank) {
    return NAMES.get(Math.max(0, Math.min(rank, NAMES.size() - 1)));
  }
}
