package dev.treue.core.feature;

/**
 * The churn features, in vector order. Windows count UTC days ending on the as-of day inclusive:
 * a 30-day window at as-of day D covers days D-29 .. D. The last three are the lifetime model's view
 * of the member ({@link LifetimeFeatures}): functions of the features before them and the fitted
 * model's parameters.
 */
public enum ChurnFeature {
  RECENCY_DAYS("days since the last purchase (days since signup when none)"),
  HAS_PURCHASED("1 when the member ever purchased"),
  TENURE_DAYS("days since signup"),
  FREQUENCY_30("purchases in the last 30 days"),
  FREQUENCY_90("purchases in the last 90 days"),
  FREQUENCY_180("purchases in the last 180 days"),
  FREQUENCY_365("purchases in the last 365 days"),
  MONETARY_30("net spend in the last 30 days"),
  MONETARY_90("net spend in the last 90 days"),
  MONETARY_180("net spend in the last 180 days"),
  MONETARY_365("net spend in the last 365 days"),
  PURCHASES_TOTAL("purchases ever"),
  SPEND_TOTAL("net spend ever"),
  PURCHASE_DAYS_TOTAL("distinct days with a purchase"),
  REPEAT_BUYER("1 when the member bought on at least two days"),
  GAP_MEAN_DAYS("mean days between purchase days"),
  GAP_STD_DAYS("standard deviation of days between purchase days"),
  LAST_GAP_DAYS("days between the last two purchase days"),
  OVERDUE_RATIO("days since last purchase over the usual gap"),
  SPEND_TREND("log ratio of net spend in the last 90 days to the 90 before"),
  FREQUENCY_TREND("purchases in the last 90 days minus the 90 before"),
  RETURN_RATE_365("returns per purchase in the last 365 days"),
  AVG_BASKET_365("net spend per purchase in the last 365 days"),
  POINTS_BALANCE("points balance"),
  POINTS_EXPIRING_30("points that expire within 30 days"),
  POINTS_EXPIRED_90("points expired in the last 90 days"),
  TIER_RANK("tier, 0 = basic .. 3 = platinum"),
  DISTANCE_TO_NEXT_TIER("spend still needed for the next tier"),
  DAYS_SINCE_DOWNGRADE("days since the last tier downgrade (capped at 730)"),
  REDEMPTIONS_TOTAL("points redemptions ever"),
  REDEMPTIONS_365("points redemptions in the last 365 days"),
  DAYS_SINCE_REDEMPTION("days since the last redemption (capped at 730)"),
  OFFERS_SENT_365("offers sent in the last 365 days"),
  OFFERS_REDEEMED_365("offers redeemed in the last 365 days"),
  OFFER_RESPONSE_RATE("smoothed share of offers redeemed, ever"),
  APP_SESSIONS_30("app sessions in the last 30 days"),
  APP_SESSIONS_90("app sessions in the last 90 days"),
  EMAIL_OPENS_30("emails opened in the last 30 days"),
  EMAIL_OPENS_90("emails opened in the last 90 days"),
  DAYS_SINCE_ENGAGEMENT(
      "days since the last app session, email open or offer view (capped at 730)"),
  CATEGORY_CONCENTRATION("Herfindahl index of spend over categories, ever"),
  CATEGORY_COUNT("categories bought from, ever"),
  PURCHASE_DAYS_90("days with a purchase in the last 90 days"),
  PURCHASE_DAYS_365("days with a purchase in the last 365 days"),
  PURCHASE_RATE("purchase days per 30 days since the first purchase"),
  EXPECTED_MISSED_PURCHASES(
      "purchase days the member's usual rate predicts for the current silence"),
  APP_SESSIONS_365("app sessions in the last 365 days"),
  DAYS_SINCE_APP_SESSION("days since the last app session (capped at 730)"),
  DAYS_SINCE_EMAIL_OPEN("days since the last email open (capped at 730)"),
  APP_SESSIONS_SINCE_PURCHASE("app sessions after the last purchase day (in the last 365 days)"),
  EMAIL_OPENS_SINCE_PURCHASE("emails opened after the last purchase day (in the last 365 days)"),
  EXPECTED_ENGAGEMENT_SINCE_PURCHASE(
      "app sessions and email opens the member's usual rate before the last purchase predicts"
          + " for the days since"),
  ENGAGEMENT_SINCE_PURCHASE_RATIO(
      "log of (app sessions and email opens since the last purchase + 1) over (that prediction + 1)"),
  ENGAGEMENT_TREND(
      "log of (app sessions and email opens in the last 30 days + 1) over (the 365-day monthly"
          + " average + 1)"),
  DAYS_SINCE_FIRST_PURCHASE("days since the first purchase (0 when none): the BG/NBD's T"),
  P_ALIVE("BG/NBD probability that the member is still active (0 when never purchased)"),
  EXPECTED_PURCHASES_90("BG/NBD expected purchase days in the next 90 days"),
  CLV(
      "customer lifetime value: expected net spend over the CLV horizon, discounted (BG/NBD x Gamma-Gamma)");

  private final String description;

  ChurnFeature(String description) {
    this.description = description;
  }

  /** The feature's name in specs, files and reports, e.g. {@code recency_days}. */
  public String featureName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** What the feature measures, for documentation and reports. */
  public String description() {
    return description;
  }
}
