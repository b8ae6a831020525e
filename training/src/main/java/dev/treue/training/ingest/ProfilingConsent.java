package dev.treue.training.ingest;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Column;

/**
 * Which members may be profiled (scored, listed, trained on or sent a recommended offer): those
 * whose {@code profiling_consent} in {@link LoyaltySchemas#MEMBERS} is true, or missing, as the
 * contract reads a blank consent ({@code MemberRowParser}: blank = true) and snapshot rows read a
 * missing one. Every job filters members with this one predicate.
 */
public final class ProfilingConsent {
  /** The members column holding the consent. */
  public static final String COLUMN = "profiling_consent";

  private ProfilingConsent() {}

  /** True for a member who may be profiled: consent true or null. */
  public static Column given() {
    return col(COLUMN).isNull().or(col(COLUMN).equalTo(true));
  }
}
