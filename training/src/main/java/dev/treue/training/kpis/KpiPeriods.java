package dev.treue.training.kpis;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The windows one run reports: calendar months or quarters from the one holding the first event to the one holding
 * the as-of day (the last one cut at the as-of day), then "overall", the twelve months ending on the as-of day.
 */
final class KpiPeriods {
  private KpiPeriods() {}

  /** The granularities {@code --granularity} and the API accept. */
  static final List<String> GRANULARITIES = List.of("month", "quarter");

  /**
   * @param first the first day with an event
   * @param asOf the last day described
   * @param quarters quarters instead of months
   * @param horizonDays the churn horizon, which decides {@link KpiWindow#complete}
   * @return the periods in time order, then the overall window
   */
  static List<KpiWindow> windows(
      LocalDate first, LocalDate asOf, boolean quarters, int horizonDays) {
    int months = quarters ? 3 : 1;
    LocalDate start = first.withDayOfMonth(1);
    if (quarters) {
      start = start.withMonth((start.getMonthValue() - 1) / 3 * 3 + 1);
    }
    List<KpiWindow> windows = new ArrayList<>();
    long asOfDay = asOf.toEpochDay();
    for (LocalDate s = start; !s.isAfter(asOf); s = s.plusMonths(months)) {
      LocalDate end = s.plusMonths(months).minusDays(1);
      windows.add(
          window(label(s, quarters), s, end.isAfter(asOf) ? asOf : end, asOfDay, horizonDays));
    }
    windows.add(
        window(KpiWindow.OVERALL, asOf.minusYears(1).plusDays(1), asOf, asOfDay, horizonDays));
    return windows;
  }

  private static KpiWindow window(
      String label, LocalDate start, LocalDate end, long asOfDay, int horizon) {
    int startDay = Math.toIntExact(start.toEpochDay());
    return new KpiWindow(
        label, startDay, Math.toIntExact(end.toEpochDay()), startDay - 1L + horizon <= asOfDay);
  }

  static String label(LocalDate start, boolean quarters) {
    return quarters
        ? String.format(Locale.ROOT, "%d-Q%d", start.getYear(), (start.getMonthValue() - 1) / 3 + 1)
        : String.format(Locale.ROOT, "%d-%02d", start.getYear(), start.getMonthValue());
  }
}
