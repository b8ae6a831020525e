package dev.treue.core.kpi;

import java.util.Locale;

/** What a KPI's number is, which decides how it is written and shown. */
public enum KpiKind {
  /** A number of members or events, a whole number. */
  COUNT,
  /** A share between 0 and 1. */
  SHARE,
  /** An amount in the programme currency, exact to the cent. */
  MONEY,
  /** A number of loyalty points, a whole number. */
  POINTS,
  /** A ratio that may exceed 1 (e.g. purchases per buyer). */
  RATE;

  /** The name in files and APIs: {@code count}, {@code share}, {@code money}, {@code points}, {@code rate}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
