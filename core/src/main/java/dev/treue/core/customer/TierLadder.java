package dev.treue.core.customer;

import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
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

  /**
   * The tier a member held before the first event of their history: the one point-in-time rule for
   * the {@code customers} table's tier, which is the tier at export time (after every tier change).
   *
   * <ul>
   *   <li>No {@code tier_change} in the history: nothing says the tier ever changed, so the export
   *       tier held throughout (unknown or missing names rank as basic).
   *   <li>Otherwise the export tier is the future, and the member held the tier the first change
   *       left. The event names only the new tier, so the tier left is read off the ladder: every
   *       member enters at basic (as the generator's members do), so a first change to silver, gold
   *       or platinum left basic; a first change to basic left a higher tier, at least silver (the
   *       tier assumed), and is a downgrade.
   * </ul>
   *
   * Snapshots, exposures, KPIs, batch scoring and the materialized load all seed their replays
   * through {@link CustomerState#beforeHistory}, which calls this.
   *
   * @param exportTier the {@code customers} table's tier (export time), may be null
   * @param history the member's events, in any order
   */
  public static int rankBeforeHistory(String exportTier, List<LoyaltyEvent> history) {
    LoyaltyEvent first = null;
    for (LoyaltyEvent e : history) {
      if (e.type() == EventType.TIER_CHANGE
          && (first == null || LoyaltyEvent.REPLAY_ORDER.compare(e, first) < 0)) {
        first = e;
      }
    }
    if (first == null) {
      return rank(exportTier);
    }
    return rank(first.category()) == 0 ? 1 : 0;
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

  /** The rolling 365-day net spend that keeps a tier ({@code rank} clamped to the ladder). */
  public static double spendToKeep(int rank) {
    return THRESHOLDS[Math.max(0, Math.min(rank, THRESHOLDS.length - 1))];
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
    return NAMES.get(index(rank));
  }

  /** The place in {@link #NAMES} of the tier {@link #name} gives {@code rank}: clamped to the ladder. */
  public static int index(int rank) {
    return Math.max(0, Math.min(rank, NAMES.size() - 1));
  }
}
