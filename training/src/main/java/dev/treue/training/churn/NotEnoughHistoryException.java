package dev.treue.training.churn;

/**
 * The data cannot train a churn model honestly: too few active members at the validation cutoff or
 * too few usable training cutoffs. The message says what is needed and what was found; the command
 * exits non-zero with it instead of training on almost nothing.
 */
public final class NotEnoughHistoryException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  NotEnoughHistoryException(String message) {
    super(message);
  }
}
