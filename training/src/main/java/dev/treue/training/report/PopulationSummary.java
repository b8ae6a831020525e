package dev.treue.training.report;

import java.time.LocalDate;
import java.util.List;

/**
 * Who the churn model was trained and validated on: the activity window and the group sizes at
 * every cutoff.
 *
 * @param activeDays the activity window that defines the active members
 * @param activeOnly true when training and validation kept the active members only (the default)
 * @param cutoffs group sizes per cutoff, ascending
 */
public record PopulationSummary(
    int activeDays, boolean activeOnly, List<CutoffPopulation> cutoffs) {

  public PopulationSummary {
    cutoffs = List.copyOf(cutoffs);
  }

  /** The group sizes at {@code cutoff}, or null when it was not planned. */
  public CutoffPopulation at(LocalDate cutoff) {
    return cutoffs.stream().filter(c -> c.cutoff().equals(cutoff)).findFirst().orElse(null);
  }
}
