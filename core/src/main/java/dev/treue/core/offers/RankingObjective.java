package dev.treue.core.offers;

import java.util.Locale;

/** What a ranking maximises, per candidate offer with redemption probability p. */
public enum RankingObjective {
  /** p x (margin on the purchase the redemption comes with - the offer's cost): the default. */
  EXPECTED_PROFIT,
  /** p alone: the offer the member is most likely to use. */
  REDEMPTIONS,
  /** p x the offer's value to the member: the most generous offer the member will use. */
  MEMBER_VALUE;

  // Once per constant: the name is asked for on every request that answers with it.
  private final String wireName = name().toLowerCase(Locale.ROOT);

  /** The name in configuration and logs, e.g. {@code expected_profit}. */
  public String wireName() {
    return wireName;
  }

  /**
   * The objective a configuration name stands for.
   *
   * @throws IllegalArgumentException naming the allowed values when it stands for none
   */
  public static RankingObjective fromWire(String name) {
    for (RankingObjective o : values()) {
      if (o.wireName().equalsIgnoreCase(name == null ? "" : name.trim())) {
        return o;
      }
    }
    throw new IllegalArgumentException(
        "ranking objective '"
            + name
            + "' is not known (expected expected_profit, redemptions or member_value)");
  }
}
