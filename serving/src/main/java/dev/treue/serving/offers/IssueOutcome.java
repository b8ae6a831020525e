package dev.treue.serving.offers;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.TierLadder;
import dev.treue.core.offers.Money;
import dev.treue.core.offers.Offer;
import dev.treue.serving.http.ApiException;
import dev.treue.store.OfferCatalogStore;
import dev.treue.store.StoredMember;
import dev.treue.store.StoredOffer;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;

/**
 * What an issue request came to: {@code granted}, {@code held_out} (the member is in the tenant's
 * control group: nothing issued, nothing spent, answered 200), or the reason it was refused ({@code retired},
 * {@code no_consent}, {@code not_valid_today}, {@code wrong_channel}, {@code tier_too_low},
 * {@code not_enough_points}, {@code cap_reached}, {@code budget_spent}).
 *
 * @param requestId the caller's request id
 * @param customerId the member
 * @param entry the offer's catalogue entry
 * @param outcome {@code granted} or the refusal reason, lower case
 * @param repeated the request id was decided before; this is that first outcome again
 * @param timesIssued how often the member has been granted the offer now
 * @param budgetLeftCents what is left of the offer's budget in cents, or null when it has none
 * @param member the member as read (for refusal details), or null
 * @param day the UTC day of the decision
 */
public record IssueOutcome(
    String requestId,
    String customerId,
    StoredOffer entry,
    String outcome,
    boolean repeated,
    int timesIssued,
    Long budgetLeftCents,
    StoredMember member,
    int day) {

  /** The outcome of a member in the control group. */
  public static final String HELD_OUT = "held_out";

  /** True when the member got the offer. */
  public boolean granted() {
    return outcome.equals("granted");
  }

  /** True when the member is in the tenant's control group: suppressed, not refused. */
  public boolean heldOut() {
    return outcome.equals(HELD_OUT);
  }

  /** The grant (or the held-out answer) as the API answers it. */
  public JsonObject toJson() {
    Offer o = entry.offer();
    if (heldOut()) {
      return new JsonObject()
          .put("request_id", requestId)
          .put("customer_id", customerId)
          .put("offer_id", o.offerId())
          .put("outcome", outcome)
          .put("held_out", true);
    }
    return new JsonObject()
        .put("request_id", requestId)
        .put("customer_id", customerId)
        .put("offer_id", o.offerId())
        .put("outcome", outcome)
        .put("repeated", repeated)
        .put("times_issued", timesIssued)
        .put("per_customer_cap", o.perCustomerCap())
        .put("cost", o.cost())
        .put("budget_left", budgetLeft())
        .put("offer", OfferJson.of(entry, null));
  }

  /** The 409 problem of a refusal, with the reason machine-readable in {@code reason}. */
  public ApiException problem() {
    return new ApiException(
            409,
            "offer-refused",
            "Offer not issued",
            detail()
                + (repeated
                    ? " (this request id was decided before; that first outcome stands)"
                    : ""))
        .with("reason", outcome)
        .with("offer_id", entry.offerId())
        .with("customer_id", customerId)
        .with("repeated", repeated);
  }

  private Double budgetLeft() {
    if (budgetLeftCents == null || budgetLeftCents >= OfferCatalogStore.UNLIMITED_CENTS / 2) {
      return null;
    }
    return Money.units(budgetLeftCents);
  }

  private String detail() {
    Offer o = entry.offer();
    String offer = "offer '" + o.offerId() + "'";
    String who = "member '" + customerId + "'";
    CustomerState state = member == null ? null : member.customerState();
    return switch (outcome) {
      case "retired" ->
          offer
              + " was retired at "
              + Instant.ofEpochMilli(entry.retiredAtMillis())
              + " and is no longer issued";
      case "no_consent" -> who + " withheld profiling consent; offers are not issued to them";
      case "not_valid_today" ->
          offer
              + " is valid from "
              + LocalDate.ofEpochDay(o.validFromDay())
              + " to "
              + LocalDate.ofEpochDay(o.validToDay())
              + "; today is "
              + LocalDate.ofEpochDay(day);
      case "wrong_channel" ->
          offer
              + " goes out only through "
              + String.join(", ", o.channels().stream().sorted().toList())
              + "; not the channel asked for";
      case "tier_too_low" ->
          offer
              + " needs tier "
              + TierLadder.name(o.minTierRank())
              + " or above; "
              + who
              + " is "
              + TierLadder.name(state == null ? 0 : state.tierRank());
      case "not_enough_points" ->
          offer
              + " costs "
              + o.pointsCost()
              + " points; "
              + who
              + " has "
              + (state == null ? 0 : state.pointsBalance());
      case "cap_reached" ->
          who
              + " already had "
              + offer
              + " "
              + timesIssued
              + " time(s); the per-member cap is "
              + o.perCustomerCap();
      case "budget_spent" ->
          offer
              + "'s budget is spent: "
              + money(budgetLeftCents)
              + " left of "
              + money(OfferCatalogStore.cents(o.budget()))
              + ", one more costs "
              + money(OfferCatalogStore.cents(o.cost()));
      case "unknown_offer" -> offer + " has no budget loaded; load the catalogue again";
      default -> offer + " was not issued: " + outcome;
    };
  }

  private static String money(Long cents) {
    return cents == null ? "nothing" : Money.format(cents);
  }
}
