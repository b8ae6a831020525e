package dev.treue.core.churn;

/**
 * Every phrase a churn reason is made of, with its English wording: the one table of reason words.
 * {@code {0}}, {@code {1}} are filled with quantities already in words ("96 days", "€42.21", "42%").
 * Another language is another table over the same keys ({@link ReasonWords#ReasonWords}).
 */
public enum ReasonPhrase {
  DAYS_ONE("{0} day"),
  DAYS_MANY("{0} days"),
  PURCHASES_ONE("{0} purchase"),
  PURCHASES_MANY("{0} purchases"),
  POINTS_ONE("{0} point"),
  POINTS_MANY("{0} points"),
  CATEGORIES_ONE("{0} category"),
  CATEGORIES_MANY("{0} categories"),
  NO_PURCHASE_SINCE_JOINING("no purchase since joining {0} ago"),
  NO_PURCHASE_USUALLY("no purchase for {0}, usually every {1}"),
  NO_PURCHASE_AFTER_ONE("no purchase for {0}, after a single purchase day"),
  PURCHASES_DOWN("{0} in the last 90 days, down from {1} in the 90 days before"),
  PURCHASES_90_AGAINST_YEAR("only {0} in the last 90 days, against {1} in the last 12 months"),
  PURCHASES_YEAR_FEW("only {0} in the last 12 months, typically {1}"),
  PURCHASES_YEAR_NONE("no purchase in the last 12 months"),
  SPEND_DOWN("spent {0} less in the last 90 days than in the 90 days before"),
  SPEND_90_NONE("no net spend in the last 90 days, after {0} in the 90 days before"),
  SPEND_YEAR_LOW("spent only {0} in the last 12 months, typically {1}"),
  SPEND_YEAR_NONE("no net spend in the last 12 months"),
  POINTS_EXPIRED("lost {0} to expiry in the last 90 days"),
  POINTS_EXPIRING("{0} about to expire within 30 days"),
  TIER_DROPPED("dropped to {0} {1} ago"),
  TIER_BELOW("in the {0} tier, below the typical {1}"),
  TIER_DISTANCE("{0} of spend away from {1}"),
  NEVER_REDEEMED("has never redeemed a reward"),
  NO_REDEMPTION_FOR("no reward redeemed for {0}"),
  NO_REDEMPTION_LONG("no reward redeemed in the last 2 years"),
  OFFERS_IGNORED("redeemed {0} of the {1} offers sent in the last 12 months"),
  NO_ENGAGEMENT_FOR("no app or email activity for {0}"),
  NO_ENGAGEMENT_LONG("no app or email activity in the last 2 years"),
  ALIVE_CHANCE("buying pattern gives only a {0} chance of still being active, typically {1}"),
  EXPECTED_FEW("buying pattern expects only {0} purchase days in the next 90 days, typically {1}"),
  JOINED_TODAY("joined today"),
  TENURE_SHORT("member for only {0}"),
  RETURNS_SHARE("returns {0} of purchases in the last 12 months"),
  CATEGORIES_FEW("buys from only {0}, typically {1}");

  private final String english;

  ReasonPhrase(String english) {
    this.english = english;
  }

  /** The English wording. */
  public String english() {
    return english;
  }
}
