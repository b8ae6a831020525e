package dev.treue.store;

/**
 * The orders a tenant's at-risk list can be read in. Each is a sorted set of member ids beside the
 * list's one hash of rows, written together, so either order is a cheap ranged read.
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
      return entry.probability();
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
      return entry.valueAtRisk();
    }
  };

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
