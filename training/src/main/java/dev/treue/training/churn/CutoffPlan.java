package dev.treue.training.churn;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Which cutoffs a churn model trains and validates on. The latest cutoff is the out-of-time
 * validation point; training cutoffs are earlier ones whose label windows end on or before it, so
 * nothing the model learns from was unknown at validation time.
 *
 * @param validation the validation cutoff
 * @param training training cutoffs, ascending
 * @param horizonDays label window length
 */
public record CutoffPlan(LocalDate validation, List<LocalDate> training, int horizonDays) {

  public CutoffPlan {
    training = List.copyOf(training);
  }

  /**
   * Plans from the user's cutoffs, or from the data's end when none are given.
   *
   * @param given cutoffs from {@code --cutoff}; empty means "derive from the data"
   * @param dataEnd the last day the data covers
   * @param horizonDays label window
   * @param trainingCutoffs how many monthly training cutoffs to derive when only one is given
   * @throws IllegalArgumentException when the validation horizon is incomplete or a given training
   *     cutoff's window overlaps the validation cutoff
   */
  public static CutoffPlan plan(
      List<LocalDate> given, LocalDate dataEnd, int horizonDays, int trainingCutoffs) {
    if (horizonDays < 1) {
      throw new IllegalArgumentException("--horizon must be at least 1 day, got " + horizonDays);
    }
    List<LocalDate> sorted = new ArrayList<>(given);
    Collections.sort(sorted);
    LocalDate validation =
        sorted.isEmpty()
            ? latestMonthEndWithCompleteHorizon(dataEnd, horizonDays)
            : sorted.get(sorted.size() - 1);
    if (validation.plusDays(horizonDays).isAfter(dataEnd)) {
      throw new IllegalArgumentException(
          "validation cutoff "
              + validation
              + " + "
              + horizonDays
              + " days ends after the data (last day "
              + dataEnd
              + "); choose an earlier --cutoff");
    }
    List<LocalDate> training = new ArrayList<>(sorted.subList(0, Math.max(0, sorted.size() - 1)));
    for (LocalDate t : training) {
      if (t.plusDays(horizonDays).isAfter(validation)) {
        throw new IllegalArgumentException(
            "training cutoff "
                + t
                + " + "
                + horizonDays
                + " days ends after the validation cutoff "
                + validation
                + "; its label would leak");
      }
    }
    if (training.isEmpty()) {
      training = monthlyBefore(validation, horizonDays, trainingCutoffs);
    }
    if (training.isEmpty()) {
      throw new IllegalArgumentException(
          "no training cutoff fits before "
              + validation
              + " with a "
              + horizonDays
              + "-day horizon");
    }
    return new CutoffPlan(validation, training, horizonDays);
  }

  /** Every cutoff, training first, validation last. */
  public List<LocalDate> all() {
    List<LocalDate> all = new ArrayList<>(training);
    all.add(validation);
    return all;
  }

  private static LocalDate latestMonthEndWithCompleteHorizon(LocalDate dataEnd, int horizonDays) {
    YearMonth month = YearMonth.from(dataEnd.minusDays(horizonDays));
    LocalDate candidate = month.atEndOfMonth();
    while (candidate.plusDays(horizonDays).isAfter(dataEnd)) {
      month = month.minusMonths(1);
      candidate = month.atEndOfMonth();
    }
    return candidate;
  }

  private static List<LocalDate> monthlyBefore(LocalDate validation, int horizonDays, int count) {
    boolean monthEnd = validation.equals(YearMonth.from(validation).atEndOfMonth());
    List<LocalDate> out = new ArrayList<>();
    for (int k = 1; out.size() < count && k < 240; k++) {
      LocalDate c =
          monthEnd
              ? YearMonth.from(validation).minusMonths(k).atEndOfMonth()
              : validation.minusMonths(k);
      if (!c.plusDays(horizonDays).isAfter(validation)) {
        out.add(c);
      }
    }
    Collections.reverse(out);
    return out;
  }
}
