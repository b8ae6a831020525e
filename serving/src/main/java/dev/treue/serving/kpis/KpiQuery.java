package dev.treue.serving.kpis;

import dev.treue.core.i18n.Language;
import dev.treue.serving.http.ApiException;
import dev.treue.serving.http.FieldError;
import dev.treue.serving.http.RequestLanguage;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The filters of a KPI request (the contract has checked their shapes already): the periods overlapping {@code
 * from .. to} (each {@code yyyy-MM}, a whole month, or {@code yyyy-MM-dd}), the breakdown by {@code tier}, {@code
 * segment} or both, the {@code granularity} the caller expects and the CSV {@code locale}.
 *
 * @param from first day asked for, or null
 * @param to last day asked for, or null
 * @param granularity {@code month}, {@code quarter}, or null for whatever was computed
 * @param tier a tier, or null
 * @param segment a segment, or null
 * @param language the CSV's language ({@link RequestLanguage}: {@code locale}, else {@code
 *     Accept-Language}, else the service's): German has semicolons, decimal commas and a byte order mark
 */
record KpiQuery(
    LocalDate from,
    LocalDate to,
    String granularity,
    String tier,
    String segment,
    Language language) {

  static KpiQuery of(RoutingContext ctx, Language fallback) {
    MultiMap query = ctx.queryParams();
    LocalDate from = day(query.get("from"), "from", false);
    LocalDate to = day(query.get("to"), "to", true);
    if (from != null && to != null && from.isAfter(to)) {
      throw ApiException.invalid(
          List.of(
              new FieldError("from", "lies after to (" + to + ")"),
              new FieldError("to", "lies before from (" + from + ")")));
    }
    return new KpiQuery(
        from,
        to,
        query.get("granularity"),
        query.get("tier"),
        query.get("segment"),
        RequestLanguage.of(ctx, fallback));
  }

  /** A {@code yyyy-MM} (its first or, for {@code to}, last day) or {@code yyyy-MM-dd}, or null when absent. */
  private static LocalDate day(String text, String field, boolean endOfMonth) {
    if (text == null) {
      return null;
    }
    try {
      if (text.length() == 7) {
        YearMonth month = YearMonth.parse(text);
        return endOfMonth ? month.atEndOfMonth() : month.atDay(1);
      }
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiException.invalid(
          field, "'" + text + "' is neither a month yyyy-MM nor a day yyyy-MM-dd");
    }
  }

  /** True when a period from {@code start} to {@code end} overlaps the asked span. */
  boolean overlaps(LocalDate start, LocalDate end) {
    return (from == null || !end.isBefore(from)) && (to == null || !start.isAfter(to));
  }
}
