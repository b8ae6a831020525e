package dev.treue.core.churn;

/** Coarse churn-risk bands marketers filter on. */
public enum RiskBand {
  LOW,
  MEDIUM,
  HIGH;

  // Once per constant: the name is asked for on every request that answers with it.
  private final String wireName = name().toLowerCase(java.util.Locale.ROOT);

  /** Probability at or above which a member is medium risk. */
  public static final double MEDIUM_FROM = 0.4;

  /** Probability at or above which a member is high risk. */
  public static final double HIGH_FROM = 0.7;

  /** The band of a calibrated churn probability. */
  public static RiskBand of(double probability) {
    if (probability >= HIGH_FROM) {
      return HIGH;
    }
    return probability >= MEDIUM_FROM ? MEDIUM : LOW;
  }

  /** Lower-case name used in files and JSON. */
  public String wireName() {
    return wireName;
  }
}
