package dev.treue.core.customer;

import java.util.Locale;

/**
 * Which group a member is in on a day, the one definition snapshots, batch scoring, materialize and
 * the service use. Churn means "an active member stops buying": only {@link #ACTIVE} members are
 * trained on, scored for churn and listed at risk. {@link #LAPSED} members have already left and
 * belong on the win-back list; {@link #NEVER_PURCHASED} members have not started.
 */
public enum MemberStatus {
  /** At least one purchase in the {@code activeDays} days ending on the day (that day included). */
  ACTIVE,
  /** Bought before, but not within the {@code activeDays} days ending on the day. */
  LAPSED,
  /** No purchase on or before the day. */
  NEVER_PURCHASED;

  // Once per constant: the name is asked for on every request that answers with it.
  private final String wireName = name().toLowerCase(Locale.ROOT);

  /** The default activity window, in days (see README, "Who is scored"). */
  public static final int DEFAULT_ACTIVE_DAYS = 365;

  /**
   * The status of a member whose last purchase was on {@code lastPurchaseDay}.
   *
   * @param lastPurchaseDay UTC epoch day of the last purchase on or before {@code asOfDay}, or
   *     {@link CustomerState#NONE}
   * @param asOfDay the UTC epoch day the status describes, end of day included
   * @param activeDays the activity window, at least 1
   * @throws IllegalArgumentException when {@code activeDays} is below 1 or the purchase lies after
   *     {@code asOfDay}
   */
  public static MemberStatus of(int lastPurchaseDay, int asOfDay, int activeDays) {
    if (activeDays < 1) {
      throw new IllegalArgumentException("active days must be at least 1, got " + activeDays);
    }
    if (lastPurchaseDay == CustomerState.NONE) {
      return NEVER_PURCHASED;
    }
    if (lastPurchaseDay > asOfDay) {
      throw new IllegalArgumentException(
          "last purchase day " + lastPurchaseDay + " lies after the day " + asOfDay);
    }
    return (long) asOfDay - lastPurchaseDay < activeDays ? ACTIVE : LAPSED;
  }

  /** The status of {@code state} (holding only events on or before {@code asOfDay}). */
  public static MemberStatus of(CustomerState state, int asOfDay, int activeDays) {
    return of(state.lastPurchaseDay(), asOfDay, activeDays);
  }

  /** The name in APIs and files: {@code active}, {@code lapsed}, {@code never_purchased}. */
  public String wireName() {
    return wireName;
  }

  /**
   * The status a wire name stands for.
   *
   * @throws IllegalArgumentException for any other text, naming the allowed ones
   */
  public static MemberStatus fromWireName(String name) {
    for (MemberStatus s : values()) {
      if (s.wireName().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "status must be one of active, lapsed, never_purchased; got '" + name + "'");
  }
}
