package dev.treue.core.customer;

import java.io.Serializable;

/**
 * What happened with one offer for one member: how often it was sent and redeemed, and when last.
 * Kept per offer id in {@link CustomerState}; the offer's kind and category come from the catalogue
 * when features are computed, so the state never copies catalogue facts that may change.
 */
public final class OfferHistory implements Serializable {
  private static final long serialVersionUID = 1L;

  int sent;
  int lastSentDay = CustomerState.NONE;
  int redeemed;
  int lastRedeemedDay = CustomerState.NONE;

  OfferHistory() {}

  OfferHistory(int sent, int lastSentDay, int redeemed, int lastRedeemedDay) {
    this.sent = sent;
    this.lastSentDay = lastSentDay;
    this.redeemed = redeemed;
    this.lastRedeemedDay = lastRedeemedDay;
  }

  /** Times the offer was sent to the member. */
  public int sent() {
    return sent;
  }

  /** Day it was last sent, or {@link CustomerState#NONE}. */
  public int lastSentDay() {
    return lastSentDay;
  }

  /** Times the member redeemed it. */
  public int redeemed() {
    return redeemed;
  }

  /** Day it was last redeemed, or {@link CustomerState#NONE}. */
  public int lastRedeemedDay() {
    return lastRedeemedDay;
  }

  /** The later of the last send and the last redemption. */
  int lastDay() {
    return Math.max(lastSentDay, lastRedeemedDay);
  }
}
