package dev.treue.core.offers;

import java.util.Locale;

/**
 * The features of showing one offer to one member, in vector order: who the member is, what the
 * offer is, and how the two fit. Offers enter only through their attributes, never their id, so an
 * offer scores from its first day.
 */
public enum OfferFeature {
  // The member, as the churn features describe them.
  RECENCY_DAYS("days since the last purchase"),
  TENURE_DAYS("days since signup"),
  FREQUENCY_90("purchases in the last 90 days"),
  FREQUENCY_365("purchases in the last 365 days"),
  MONETARY_365("net spend in the last 365 days"),
  AVG_BASKET_365("net spend per purchase in the last 365 days"),
  PURCHASE_RATE("purchase days per 30 days since the first purchase"),
  TIER_RANK("tier, 0 = basic .. 3 = platinum"),
  POINTS_BALANCE("points balance"),
  APP_SESSIONS_90("app sessions in the last 90 days"),
  EMAIL_OPENS_90("emails opened in the last 90 days"),
  DAYS_SINCE_ENGAGEMENT(
      "days since the last app session, email open or offer view (capped at 730)"),
  OFFERS_SENT_365("offers sent in the last 365 days"),
  OFFERS_REDEEMED_365("offers redeemed in the last 365 days"),
  OFFER_RESPONSE_RATE("smoothed share of offers redeemed, ever"),
  DAYS_SINCE_OFFER_REDEEMED("days since the member last redeemed an offer (capped at 730)"),
  OPEN_OFFERS("other offers sent in the last 60 days, still valid and not redeemed"),
  // The offer.
  KIND_DISCOUNT("1 for a discount"),
  KIND_BONUS_POINTS("1 for bonus points"),
  KIND_FREE_SHIPPING("1 for free shipping"),
  KIND_GIFT("1 for a gift"),
  KIND_EXPERIENCE("1 for an experience"),
  HAS_CATEGORY("1 when the offer is tied to a product category"),
  VALUE("value to the member"),
  COST("cost to the programme per redemption"),
  POINTS_COST("points the member pays"),
  MIN_TIER("lowest tier rank the offer is for"),
  DAYS_LEFT("days the offer is still valid, today included"),
  VALUE_TO_BASKET("offer value over the member's average basket (0 without purchases)"),
  KIND_CATEGORY_RATE(
      "redemption rate of the programme's offers of this kind and category (model's priors)"),
  CATEGORY_RATE("redemption rate of the programme's offers in this category (model's priors)"),
  // How member and offer fit.
  CATEGORY_SPEND_SHARE(
      "share of the member's net spend in the offer's category (0 for no category)"),
  KIND_SENT("offers of this kind sent to the member (last 730 days)"),
  KIND_REDEEMED("offers of this kind the member redeemed (last 730 days)"),
  KIND_RESPONSE_RATE("smoothed share of offers of this kind the member redeemed"),
  CATEGORY_OFFERS_REDEEMED("offers in this category the member redeemed (last 730 days)"),
  SAME_OFFER_SENT("times this very offer was sent to the member before"),
  SAME_OFFER_REDEEMED("times the member redeemed this very offer"),
  POINTS_SHORTFALL("points the member still lacks to pay the points cost"),
  POINTS_COVER("points balance over points cost (capped at 10; 10 when free)"),
  KIND_REDEEMED_VALUE_RATIO(
      "value over the mean value of this kind's offers the member redeemed (0 when none)");

  private final String description;

  OfferFeature(String description) {
    this.description = description;
  }

  /** The name in specs, files and reports, e.g. {@code category_spend_share}. */
  public String featureName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** What the feature measures, for documentation and reports. */
  public String description() {
    return description;
  }
}
