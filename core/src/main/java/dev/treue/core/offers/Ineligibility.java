package dev.treue.core.offers;

/** Why an offer may not be given to a member; the first rule that fails is the one reported. */
public enum Ineligibility {
  /** The member withheld profiling consent. */
  NO_CONSENT,
  /** The day is outside the offer's validity window. */
  NOT_VALID_TODAY,
  /** The offer may not go out through the requested channel. */
  WRONG_CHANNEL,
  /** The member's tier is below the offer's minimum tier. */
  TIER_TOO_LOW,
  /** The member has fewer points than the reward costs. */
  NOT_ENOUGH_POINTS,
  /** The member already had the offer as often as the per-member cap allows. */
  CAP_REACHED,
  /** The offer's remaining budget does not cover one more redemption. */
  BUDGET_SPENT
}
