package dev.treue.training.offers;

import java.time.LocalDate;
import java.util.Arrays;

/**
 * The out-of-time split of the offer exposures, without label leakage, on UTC send days with E the
 * data's last day: evaluation = exposures sent in the last {@code evalDays} whose validity ended by
 * E; training = exposures whose whole validity ended before the evaluation window starts. Inside
 * training, the calibration fold is the latest {@link #CALIBRATION_SHARE} of the sends, and the
 * candidates fit on the exposures whose validity ended before that fold starts.
 *
 * @param all every exposure (their feature vectors are shared with the subsets)
 * @param training exposures whose validity ended before the evaluation window
 * @param fit training exposures whose validity ended before the calibration fold
 * @param calibration training exposures sent in the calibration fold
 * @param evaluation exposures sent in the evaluation window, validity ended by the data's end
 * @param dataEnd the data's last day
 * @param evaluationStart first day of the evaluation window (epoch day)
 * @param calibrationStart first day of the calibration fold (epoch day)
 */
record ExposureSplit(
    Exposures all,
    Exposures training,
    Exposures fit,
    Exposures calibration,
    Exposures evaluation,
    LocalDate dataEnd,
    int evaluationStart,
    int calibrationStart) {
  /** Share of training sends (the latest) held out to calibrate and choose. */
  static final double CALIBRATION_SHARE = 0.2;

  /**
   * Splits {@code all}.
   *
   * @throws IllegalStateException when a part is empty, naming the window that left it so
   */
  static ExposureSplit of(Exposures all, LocalDate dataEnd, int evalDays) {
    int end = Math.toIntExact(dataEnd.toEpochDay());
    int evalStart = end - evalDays + 1;
    Exposures eval = all.where(i -> all.sentDays()[i] >= evalStart && all.validToDays()[i] <= end);
    Exposures train = all.where(i -> all.validToDays()[i] < evalStart);
    if (train.size() == 0 || eval.size() == 0) {
      throw new IllegalStateException(
          "not enough offer exposures: "
              + train.size()
              + " for training (validity ended "
              + "before "
              + LocalDate.ofEpochDay(evalStart)
              + "), "
              + eval.size()
              + " for evaluation (sent from "
              + LocalDate.ofEpochDay(evalStart)
              + ", validity ended by "
              + dataEnd
              + "); try another --eval-days");
    }
    int[] trainDays = train.sentDays().clone();
    Arrays.sort(trainDays);
    int calStart =
        trainDays[
            (int)
                Math.min(
                    trainDays.length - 1, Math.floor((1 - CALIBRATION_SHARE) * trainDays.length))];
    Exposures calibration = train.where(i -> train.sentDays()[i] >= calStart);
    Exposures fit = train.where(i -> train.validToDays()[i] < calStart);
    if (fit.size() == 0) {
      throw new IllegalStateException(
          "no exposures to fit on before the calibration fold starting "
              + LocalDate.ofEpochDay(calStart)
              + "; the history is too short for --eval-days "
              + evalDays);
    }
    return new ExposureSplit(all, train, fit, calibration, eval, dataEnd, evalStart, calStart);
  }

  /** Whether the exposures carry logging propensities (from impressions), so training is weighted. */
  boolean weighted() {
    return Arrays.stream(all.propensities()).anyMatch(p -> !Double.isNaN(p));
  }

  /** One line for the console: the parts, their windows and redemption rates. */
  String describe() {
    return String.format(
        "Offer exposures: %,d fit, %,d calibration (sent from %s), %,d evaluation (sent %s .. %s); "
            + "redemption rates %.3f, %.3f, %.3f; %s",
        fit.size(),
        calibration.size(),
        LocalDate.ofEpochDay(calibrationStart),
        evaluation.size(),
        LocalDate.ofEpochDay(evaluationStart),
        dataEnd,
        fit.redemptionRate(),
        calibration.redemptionRate(),
        evaluation.redemptionRate(),
        weighted() ? "weighted by 1/propensity from impressions" : "unweighted (no impressions)");
  }
}
