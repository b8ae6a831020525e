package dev.treue.core.trigger;

/**
 * What a member's triggers remember between folds, kept in the member's slot beside their state and
 * written in the same atomic step, so every service instance sees the same.
 *
 * @param churnAbove true once {@link TriggerKind#CHURN_RISK_CROSSED} fired and the member's churn
 *     probability has not yet fallen below the re-arm line: the trigger is disarmed
 */
public record TriggerMemory(boolean churnAbove) {
  /** A member no trigger has seen: every trigger armed. */
  public static final TriggerMemory ARMED = new TriggerMemory(false);

  /** The stored text, e.g. {@code churn_above=1}. */
  public String encode() {
    return "churn_above=" + (churnAbove ? "1" : "0");
  }

  /** Reads {@link #encode()}'s text; null or empty (nothing stored) is {@link #ARMED}. */
  public static TriggerMemory decode(String text) {
    if (text == null || text.isEmpty()) {
      return ARMED;
    }
    for (String part : text.split(";")) {
      if (part.equals("churn_above=1")) {
        return new TriggerMemory(true);
      }
    }
    return ARMED;
  }
}
