package dev.treue.training.kpis;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * A span of days the KPIs describe: a calendar period, or the trailing twelve months of "overall".
 *
 * @param label {@code 2026-01}, {@code 2026-Q1} or {@code overall}
 * @param startDay first epoch day (UTC), included; the period's "start" is the end of the day before
 * @param endDay last epoch day, included (the as-of day for the running period)
 * @param complete the churn horizon after the start has passed by the as-of day, so the realized churn rate is
 *     known
 */
record KpiWindow(String label, int startDay, int endDay, boolean complete) implements Serializable {
  /** The label of the trailing-twelve-months window. */
  static final String OVERALL = "overall";

  /** The end of the day before the window: where "active at the start" is read. */
  int startCutoff() {
    return startDay - 1;
  }

  LocalDate start() {
    return LocalDate.ofEpochDay(startDay);
  }

  LocalDate end() {
    return LocalDate.ofEpochDay(endDay);
  }
}
