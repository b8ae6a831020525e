package dev.treue.training.churn;

import dev.treue.core.concurrent.DaemonThreads;
import dev.treue.core.concurrent.Futures;
import dev.treue.training.report.ScorerEvaluation;
import dev.treue.training.report.WinBackEvaluation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The figures of a churn training run that do not depend on the model it chooses: the win-back
 * evaluation, the baselines on the validation rows (with the oracle), the training rows' feature
 * statistics and the reasons' reference member. They are worked out one after the other on a
 * thread of their own while the chosen candidate is fitted on all the training rows: that fit left
 * a quarter of the machine idle (a booster's serial steps between its parallel ones; 77% of 2 cores
 * at 1M members). There the win-back evaluation's 9 s came off the run; the report's figures only
 * moved into the fit, which took as much longer as they had taken. Started before the backtest
 * instead, they slowed its first fold by as much as they saved (it keeps the cores busier, 87%). Each figure is deterministic and reads rows nobody changes once filled, so the
 * figures are the same as worked out in line; what they print is kept and printed where they are
 * asked for.
 */
final class ModelFreeFigures implements AutoCloseable {
  private final ExecutorService lane =
      Executors.newSingleThreadExecutor(DaemonThreads.named("treue-model-free-figures"));
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
  private final Future<WinBackEvaluation> winBack;
  private final Future<List<ScorerEvaluation>> baselines;
  private final Future<List<ScorerEvaluation>> activeBaselines;
  private final Future<Map<String, Map<String, Double>>> featureStatistics;
  private final Future<double[]> retainedReference;

  /**
   * Starts the work; the rows given must have their lifetime features filled and not change after.
   *
   * @param winBack the win-back evaluation, given where its lines may be printed
   * @param oracle reads the true probabilities at the validation cutoff (null when unknown)
   * @param calibration the rows the rules are fitted on
   * @param validation the validation rows
   * @param activeValidation the validation rows of active members, for {@code --population all}'s
   *     second set of baselines; null when every validation row is active
   * @param fit the fit rows, for the feature statistics and the reference member
   */
  ModelFreeFigures(
      WinBackWork winBack,
      Callable<Map<String, Double>> oracle,
      LabelledSnapshots calibration,
      LabelledSnapshots validation,
      LabelledSnapshots activeValidation,
      CutoffLifetimes lifetimes,
      int horizonDays,
      LabelledSnapshots fit) {
    this.winBack = lane.submit(() -> winBack.evaluate(out));
    Future<Map<String, Double>> truth = lane.submit(oracle);
    this.baselines =
        lane.submit(
            () ->
                ChurnBaselines.evaluate(
                    calibration,
                    validation,
                    lifetimes,
                    horizonDays,
                    Futures.await(truth, "the oracle"),
                    out));
    this.activeBaselines =
        activeValidation == null
            ? null
            : lane.submit(
                () ->
                    ChurnBaselines.evaluate(
                        calibration,
                        activeValidation,
                        lifetimes,
                        horizonDays,
                        Futures.await(truth, "the oracle"),
                        out));
    this.retainedReference = lane.submit(() -> FeatureStatistics.retainedReference(fit));
    this.featureStatistics = lane.submit(() -> FeatureStatistics.of(fit));
  }

  /** The win-back evaluation, worked out with the lines it prints. */
  @FunctionalInterface
  interface WinBackWork {
    WinBackEvaluation evaluate(PrintStream out);
  }

  /** The win-back evaluation, once the work has printed what it printed so far (again: since). */
  WinBackEvaluation winBack() {
    WinBackEvaluation w = Futures.await(winBack, "the win-back evaluation");
    flush();
    return w;
  }

  /** The baselines on the validation rows (recency, RFM, BG/NBD, the oracle when known). */
  List<ScorerEvaluation> baselines() {
    List<ScorerEvaluation> b = Futures.await(baselines, "the baselines");
    flush();
    return b;
  }

  /** The baselines on the active members' validation rows; only with {@code activeValidation}. */
  List<ScorerEvaluation> activeBaselines() {
    List<ScorerEvaluation> b = Futures.await(activeBaselines, "the active members' baselines");
    flush();
    return b;
  }

  /** {@link FeatureStatistics#of} of the fit rows. */
  Map<String, Map<String, Double>> featureStatistics() {
    return Futures.await(featureStatistics, "the feature statistics");
  }

  /** {@link FeatureStatistics#retainedReference} of the fit rows. */
  double[] retainedReference() {
    return Futures.await(retainedReference, "the reasons' reference member");
  }

  private void flush() {
    // The stream writes under its own lock: taking it keeps a line from landing between the two.
    synchronized (out) {
      System.out.print(printed.toString(StandardCharsets.UTF_8));
      printed.reset();
    }
  }

  @Override
  public void close() {
    lane.shutdownNow();
  }
}
