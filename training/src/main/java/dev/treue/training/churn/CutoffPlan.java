package dev.treue.training.churn;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Which cutoffs a churn model trains and validates on. The latest cutoff is the out-of-time
 * validation point; training cutoffs are earlier ones whose label windows end on or before it, so
 * nothing the model learns from was unknown at validation time. Derived training cutoffs before the
 * data's first event are left out, and {@link #withEnoughActiveMembers} drops cutoffs with too few
 * active members or refuses a history too short or small to train on honestly.
 *
 * @param validation the validation cutoff
 * @param training training cutoffs, ascending
 * @param horizonDays label window length
 */
public record CutoffPlan(LocalDate validation, List<LocalDate> training, int horizonDays) {

  public CutoffPlan {
    training = List.copyOf(training);
  }

  /** {@link #plan(List, LocalDate, LocalDate, int, int)} for data whose first event is unknown. */
  public static CutoffPlan plan(
      List<LocalDate> given, LocalDate dataEnd, int horizonDays, int trainingCutoffs) {
    return plan(given, LocalDate.MIN, dataEnd, horizonDays, trainingCutoffs);
  }

  /**
   * Plans from the user's cutoffs, or from the data's end when none are given.
   *
   * @param given cutoffs from {@code --cutoff}; empty means "derive from the data"
   * @param firstEvent the day of the data's first event: derived training cutoffs before it are left
   *     out (nobody has a history there)
   * @param dataEnd the last day the data covers
   * @param horizonDays label window
   * @param trainingCutoffs how many monthly training cutoffs to derive when only one is given
   * @throws IllegalArgumentException when the validation horizon is incomplete or a given training
   *     cutoff's window overlaps the validation cutoff
   */
  public static CutoffPlan plan(
      List<LocalDate> given,
      LocalDate firstEvent,
      LocalDate dataEnd,
      int horizonDays,
      int trainingCutoffs) {
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
      List<LocalDate> derived = monthlyBefore(validation, horizonDays, trainingCutoffs);
      training = derived.stream().filter(c -> !c.isBefore(firstEvent)).toList();
      if (training.size() < derived.size()) {
        System.out.printf(
            "Cutoffs: %d of %d derived training cutoffs lie before the first event (%s); left out%n",
            derived.size() - training.size(), derived.size(), firstEvent);
      }
    }
    if (training.isEmpty()) {
      throw new IllegalArgumentException(
          "no training cutoff fits between the first event ("
              + firstEvent
              + ") and "
              + validation
              + " with a "
              + horizonDays
              + "-day horizon; the history is too short to train on: it needs at least "
              + horizonDays
              + " days before the validation cutoff");
    }
    return new CutoffPlan(validation, training, horizonDays);
  }

  /**
   * The plan without the training cutoffs that have fewer than {@code minActive} active members.
   *
   * @param activeMembers active members per planned cutoff (a cutoff missing counts as none)
   * @param minActive the fewest active members a cutoff needs
   * @param neededTraining the fewest usable training cutoffs to train on
   * @throws NotEnoughHistoryException when the validation cutoff has fewer than {@code minActive}
   *     active members or fewer than {@code neededTraining} training cutoffs are usable
   */
  public CutoffPlan withEnoughActiveMembers(
      Map<LocalDate, Long> activeMembers, int minActive, int neededTraining) {
    long atValidation = activeMembers.getOrDefault(validation, 0L);
    List<LocalDate> usable =
        training.stream().filter(c -> activeMembers.getOrDefault(c, 0L) >= minActive).toList();
    if (atValidation < minActive || usable.size() < neededTraining) {
      throw new NotEnoughHistoryException(
          "the history is too short or too small to train honestly: needs at least "
              + minActive
              + " active members with a complete horizon at the validation cutoff "
              + validation
              + "; found "
              + atValidation
              + ". Needs "
              + neededTraining
              + " training cutoff(s) with at least "
              + minActive
              + " active members each; found "
              + usable.size()
              + " of "
              + training.size()
              + " planned. Give a longer history, an earlier --cutoff, a shorter --horizon, or"
              + " lower --min-active-members");
    }
    if (usable.size() < training.size()) {
      System.out.printf(
          "Cutoffs: left out %d training cutoff(s) with fewer than %d active members: %s%n",
          training.size() - usable.size(),
          minActive,
          training.stream().filter(c -> !usable.contains(c)).toList());
    }
    return new CutoffPlan(validation, usable, horizonDays);
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
