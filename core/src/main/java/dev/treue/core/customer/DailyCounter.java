package dev.treue.core.customer;

/** What {@link CustomerState} counts per UTC day, so windows can be summed for any as-of day. */
public enum DailyCounter {
  /** Gross purchase value. */
  SPEND,
  PURCHASES,
  RETURN_AMOUNT,
  RETURNS,
  APP_SESSIONS,
  EMAIL_OPENS,
  OFFERS_SENT,
  OFFERS_REDEEMED,
  REDEMPTIONS,
  POINTS_EXPIRED;

  /** Number of counters, the length of one day's row. */
  public static final int COUNT = values().length;
}
