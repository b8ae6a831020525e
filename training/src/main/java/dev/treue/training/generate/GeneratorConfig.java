package dev.treue.training.generate;

import dev.treue.core.trigger.Holdout;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * What to generate.
 *
 * @param customers number of members
 * @param months length of the history in months, ending on {@code end}
 * @param seed random seed; the same seed gives the same bytes
 * @param end last day of the history (UTC)
 * @param horizonDays the oracle's churn horizon in days
 * @param threads worker threads; does not change the output
 * @param warmupDays members who joined before the history are simulated, and their events written,
 *     from this many days before its start; 0 gives a history that really starts on {@link #start()}
 * @param purchasesOnly a shop without a programme: no points, tiers, offers, app or email; the events
 *     are written as a plain shop export ({@code orders.csv}) with {@code truth.csv} and
 *     {@code latent.csv}
 * @param oneTimeShare share of members who are one-time buyers: they drop out at the end of the day
 *     of their first purchase (0: none)
 * @param holdout the programme's control group: its members are sent no offers (their targeting is
 *     still drawn, so everyone else's output is unchanged); {@link Holdout#NONE} by default
 */
public record GeneratorConfig(
    int customers,
    int months,
    long seed,
    LocalDate end,
    int horizonDays,
    int threads,
    int warmupDays,
    boolean purchasesOnly,
    double oneTimeShare,
    Holdout holdout) {

  /**
   * Members who joined before the history are simulated (and their events written) from this many
   * days before its start, so their tiers (rolling 365-day spend) and points lots (365-day expiry)
   * are complete when the history starts.
   */
  public static final int WARMUP_DAYS = 365;

  /** The loyalty programme with a full warm-up and no forced one-time buyers (the default). */
  public GeneratorConfig(
      int customers, int months, long seed, LocalDate end, int horizonDays, int threads) {
    this(customers, months, seed, end, horizonDays, threads, WARMUP_DAYS, false, 0);
  }

  /** No control group. */
  public GeneratorConfig(
      int customers,
      int months,
      long seed,
      LocalDate end,
      int horizonDays,
      int threads,
      int warmupDays,
      boolean purchasesOnly,
      double oneTimeShare) {
    this(
        customers,
        months,
        seed,
        end,
        horizonDays,
        threads,
        warmupDays,
        purchasesOnly,
        oneTimeShare,
        Holdout.NONE);
  }

  public GeneratorConfig {
    if (customers < 1) {
      throw new IllegalArgumentException("--customers must be at least 1, got " + customers);
    }
    if (months < 1) {
      throw new IllegalArgumentException("--months must be at least 1, got " + months);
    }
    if (horizonDays < 1) {
      throw new IllegalArgumentException("--horizon must be at least 1 day, got " + horizonDays);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
    }
    if (warmupDays < 0) {
      throw new IllegalArgumentException("--warmup-days must be at least 0, got " + warmupDays);
    }
    if (!(oneTimeShare >= 0 && oneTimeShare <= 1)) {
      throw new IllegalArgumentException(
          "--one-time-share must be between 0 and 1, got " + oneTimeShare);
    }
    java.util.Objects.requireNonNull(holdout, "holdout");
  }

  /** First day of the history. */
  public LocalDate start() {
    return end.minusMonths(months).plusDays(1);
  }

  int startDay() {
    return (int) start().toEpochDay();
  }

  int endDay() {
    return (int) end.toEpochDay();
  }

  /** First simulated day of members who joined before the history. */
  int warmupDay() {
    return startDay() - warmupDays;
  }

  /**
   * Month-end cutoffs of {@code truth.csv}: after the start, and with the whole horizon inside the
   * history so the realised label is observable.
   */
  public List<LocalDate> cutoffs() {
    List<LocalDate> out = new ArrayList<>();
    for (YearMonth ym = YearMonth.from(start());
        !ym.atEndOfMonth().isAfter(end);
        ym = ym.plusMonths(1)) {
      LocalDate cutoff = ym.atEndOfMonth();
      if (cutoff.isAfter(start()) && !cutoff.plusDays(horizonDays).isAfter(end)) {
        out.add(cutoff);
      }
    }
    return out;
  }

  int[] cutoffDays() {
    return cutoffs().stream().mapToInt(d -> (int) d.toEpochDay()).toArray();
  }
}
