package dev.treue.store;

import dev.treue.core.customer.MemberStatus;

/**
 * The orders a tenant's at-risk list can be read in. Each is a sorted set of member ids beside the
 * list's one hash of rows, written together, so either order is a cheap ranged read.
 *
 * <p>Every member is in both sets; the score depends on their {@link MemberStatus}. By probability:
 * an active member's churn probability (0 to 1), {@link #LAPSED_SCORE} for lapsed members and
 * {@link #NEVER_PURCHASED_SCORE} for those who never purchased, so a range from 0 up holds only
 * active members and each other group is one exact score. By value: an active member's value at
 * risk, a lapsed member's win-back value ({@link dev.treue.core.churn.WinBack}), and
 * {@link #LAPSED_SCORE} for those who never purchased.
 */
public enum AtRiskOrder {
  /** Highest calibrated churn probability first. */
  PROBABILITY("churn_probability") {
    @Override
    public String key(RedisKeys keys) {
      return keys.atRiskScores();
    }

    @Override
    public double score(AtRiskEntry entry) {
      return switch (entry.status()) {
        case ACTIVE -> entry.probability();
        case LAPSED -> LAPSED_SCORE;
        case NEVER_PURCHASED -> NEVER_PURCHASED_SCORE;
      };
    }
  },
  /** Highest value at risk first: churn probability times the member's lifetime value. */
  VALUE_AT_RISK("value_at_risk") {
    @Override
    public String key(RedisKeys keys) {
      return keys.atRiskValues();
    }

    @Override
    public double score(AtRiskEntry entry) {
      return switch (entry.status()) {
        case ACTIVE -> entry.valueAtRisk();
        case LAPSED -> entry.winBackValue() == null ? 0 : entry.winBackValue();
        case NEVER_PURCHASED -> LAPSED_SCORE;
      };
    }
  };

  /** Score of lapsed members by probability (and of never-purchased members by value). */
  public static final double LAPSED_SCORE = -1;

  /** Score of members who never purchased, by probability. */
  public static final double NEVER_PURCHASED_SCORE = -2;

  private final String wireName;

  AtRiskOrder(String wireName) {
    this.wireName = wireName;
  }

  /** The sorted set holding this order. */
  public abstract String key(RedisKeys keys);

  /** The entry's score in this order's sorted set. */
  public abstract double score(AtRiskEntry entry);

  /** The name the API's {@code sort} parameter uses: the row field it orders by. */
  public String wireName() {
    return wireName;
  }

  /**
   * The order with this wire name.
   *
   * @throws IllegalArgumentException naming the accepted names
   */
  public static AtRiskOrder ofWireName(String name) {
    for (AtRiskOrder o : values()) {
      if (o.wireName.equals(name)) {
        return o;
      }
    }
    throw new IllegalArgumentException(
        "at-risk order '" + name + "' is not one of churn_probability, value_at_risk");
  }
}
