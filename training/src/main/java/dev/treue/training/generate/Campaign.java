package dev.treue.training.generate;

import dev.treue.core.offers.OfferKind;

/**
 * One offer of the catalogue and the campaign that sends it.
 *
 * @param index position in the catalogue (sorted by send day)
 * @param id offer id, e.g. {@code o007}
 * @param kind what the member gets
 * @param category product category index, or -1 for offers not tied to a category
 * @param valueCents value to the member in currency cents (for bonus points: points / 100)
 * @param costCents cost to the programme per redemption, cents
 * @param pointsCost points the member pays when redeeming (0 = free)
 * @param minTier lowest tier rank the campaign targets
 * @param sendDay campaign day = first valid day (epoch day)
 * @param validTo last valid day (epoch day, inclusive)
 * @param budgetCents campaign budget in cents (reported, not enforced: members must stay independent)
 * @param perCustomerCap redemptions allowed per member
 * @param channels pipe-separated channels, e.g. {@code email|app}
 * @param sendShare share of eligible members the campaign reaches
 * @param generosity value within its kind scaled to [0, 1], what value-sensitive members react to
 */
record Campaign(
    int index,
    String id,
    OfferKind kind,
    int category,
    long valueCents,
    long costCents,
    long pointsCost,
    int minTier,
    int sendDay,
    int validTo,
    long budgetCents,
    int perCustomerCap,
    String channels,
    double sendShare,
    double generosity) {

  boolean viaEmail() {
    return channels.contains("email");
  }

  boolean viaApp() {
    return channels.contains("app");
  }
}
