package dev.treue.core.churn;

import java.util.List;

/**
 * A member's churn risk with its reasons.
 *
 * @param probability calibrated probability of no purchase within the model's horizon
 * @param band the risk band of that probability
 * @param reasons up to three reasons raising the risk, strongest first, in a marketer's words
 */
public record ChurnScore(double probability, RiskBand band, List<String> reasons) {
  /**
   * Between reasons where one text field holds them all (the batch file's and the service's CSV);
   * JSON carries them as an array. No phrase contains it.
   */
  public static final String REASON_SEPARATOR = "; ";

  /** The reasons in one text field, for CSV. */
  public static String joined(List<String> reasons) {
    return String.join(REASON_SEPARATOR, reasons);
  }
}
