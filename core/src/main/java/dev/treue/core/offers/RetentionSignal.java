package dev.treue.core.offers;

import dev.treue.core.churn.Reason;
import dev.treue.core.churn.ReasonArg;
import dev.treue.core.churn.ReasonWords;
import dev.treue.core.customer.MemberStatus;
import dev.treue.core.i18n.Language;

/**
 * What the ranking's retention bonus knows about the member's standing, by {@link MemberStatus}:
 * the share of their margin an offer they redeem may save, and the words that say why.
 *
 * <ul>
 *   <li>An <b>active</b> member (and a cold start, at the churn model's base rate) has a churn
 *       probability: a redemption may keep a member who would otherwise leave ("retention pick:
 *       churn risk 71%").
 *   <li>A <b>lapsed</b> member has already left and has no churn probability: the weight is the
 *       lifetime model's chance that they have stopped buying, 1 - P(alive), so a redemption may
 *       win back a member who would otherwise stay away ("win-back pick: 64% likely to have stopped
 *       buying"). BG/NBD's P(alive) of a member who bought on one day only is 1, so they get no
 *       win-back bonus: the model cannot tell that they left.
 *   <li>A member who <b>never purchased</b> has nothing to retain: no bonus.
 * </ul>
 *
 * @param status the member's group
 * @param weight in [0, 1]: the churn probability (active), 1 - P(alive) (lapsed), 0 (never purchased)
 */
public record RetentionSignal(MemberStatus status, double weight) {

  public RetentionSignal {
    if (status == null) {
      throw new IllegalArgumentException("a retention signal needs a member status");
    }
    if (!(weight >= 0 && weight <= 1)) {
      throw new IllegalArgumentException("retention weight must be in [0, 1], got " + weight);
    }
  }

  /** An active member's (or a cold start's) churn probability. */
  public static RetentionSignal churnRisk(double churnProbability) {
    return new RetentionSignal(MemberStatus.ACTIVE, churnProbability);
  }

  /** A lapsed member, from the lifetime model's P(alive). */
  public static RetentionSignal winBack(double probabilityAlive) {
    return new RetentionSignal(MemberStatus.LAPSED, 1 - probabilityAlive);
  }

  /** A member who never purchased: nothing to retain. */
  public static RetentionSignal notActivated() {
    return new RetentionSignal(MemberStatus.NEVER_PURCHASED, 0);
  }

  /** Whether the bonus counts under a policy's threshold: a positive weight at or above it. */
  public boolean counts(double threshold) {
    return weight > 0 && weight >= threshold;
  }

  /** The churn probability, for active members only; null for lapsed and never-purchased ones. */
  public Double churnProbability() {
    return status == MemberStatus.ACTIVE ? weight : null;
  }

  /** The explanation of a pick the bonus counted for, in {@code language}. */
  public String explanation(Language language) {
    // A percentage only: no money, so any currency does.
    return RewardExplanations.words(language, ReasonWords.DEFAULT_CURRENCY).render(reason());
  }

  /** The explanation of a pick the bonus counted for, language-neutral. */
  public Reason reason() {
    return Reason.of(
        status == MemberStatus.LAPSED ? RewardPhrase.WIN_BACK_PICK : RewardPhrase.RETENTION_PICK,
        ReasonArg.percent(weight));
  }
}
