package dev.treue.core.churn;

import dev.treue.core.reason.Reason;
import java.util.List;

/**
 * A member's churn risk with its reasons.
 *
 * @param probability calibrated probability of no purchase within the model's horizon
 * @param band the risk band of that probability
 * @param reasons up to three reasons raising the risk, strongest first, in a marketer's words (the
 *     scorer's language and currency)
 * @param why the same reasons before they were put into words, for what stores them and phrases
 *     them later in its reader's language (the at-risk rows)
 */
public record ChurnScore(
    double probability, RiskBand band, List<String> reasons, List<Reason> why) {
  /**
   * Between reasons where one text field holds them all (the batch file's and the service's CSV);
   * JSON carries them as an array. No phrase contains it.
   */
  public static final String REASON_SEPARATOR = "; ";

  public ChurnScore {
    reasons = List.copyOf(reasons);
    why = List.copyOf(why);
    if (reasons.size() != why.size()) {
      throw new IllegalArgumentException(
          reasons.size() + " reasons in words, " + why.size() + " kept");
    }
  }

  /** A score whose reasons exist as words only: they are kept as written. */
  public ChurnScore(double probability, RiskBand band, List<String> reasons) {
    this(probability, band, reasons, reasons.stream().map(Reason::asWritten).toList());
  }

  /** The reasons in one text field, for CSV. */
  public static String joined(List<String> reasons) {
    return String.join(REASON_SEPARATOR, reasons);
  }
}
