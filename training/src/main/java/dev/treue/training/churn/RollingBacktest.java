package dev.treue.training.churn;

import dev.treue.core.calibration.ProbabilityCalibrator;
import dev.treue.core.churn.ChurnScorer;
import dev.treue.core.concurrent.DaemonThreads;
import dev.treue.core.concurrent.Futures;
import dev.treue.core.evaluation.BinaryMetrics;
import dev.treue.training.report.ScorerEvaluation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToDoubleBiFunction;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/**
 * Chooses the candidate and its settings by a rolling-origin backtest on the training cutoffs only:
 * each fold takes one of the latest training cutoffs as its validation point, trains on the
 * cutoffs whose horizon ends on or before it (fit and calibration members as in the final run),
 * and scores that cutoff's rows. The candidate with the lowest mean calibrated log loss over the
 * folds wins. The final out-of-time cutoff is never seen here, so its figures stay honest.
 */
final class RollingBacktest {
  /** Folds the backtest aims for. */
  static final int FOLDS = 3;

  /**
   * Fit rows a fold trains on at most; above it members are sampled (by a checksum of the id, so a
   * member is in or out at every cutoff). Choosing between settings needs rows enough to rank them,
   * not every row, and keeps the backtest within a small multiple of one final training on big data.
   */
  static final int MAX_FOLD_FIT_ROWS = 200_000;

  /**
   * One fold's figures for one candidate.
   *
   * @param cutoff the fold's validation cutoff
   * @param auc the candidate's AUC there
   * @param logLoss its calibrated log loss there
   * @param bestBaselineAuc the best rule baseline's AUC on the same rows
   */
  record Fold(LocalDate cutoff, double auc, double logLoss, double bestBaselineAuc) {}

  /**
   * The backtest's outcome.
   *
   * @param chosen the name of the winning candidate
   * @param folds every candidate's folds, by name
   */
  record Result(String chosen, Map<String, List<Fold>> folds) {
    List<Fold> chosenFolds() {
      return folds.get(chosen);
    }

    static double mean(List<Fold> folds, java.util.function.ToDoubleFunction<Fold> f) {
      return folds.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    static double spread(List<Fold> folds, java.util.function.ToDoubleFunction<Fold> f) {
      double m = mean(folds, f);
      double ss = folds.stream().mapToDouble(x -> Math.pow(f.applyAsDouble(x) - m, 2)).sum();
      return folds.size() < 2 ? Double.NaN : Math.sqrt(ss / (folds.size() - 1));
    }
  }

  private RollingBacktest() {}

  /** The fold cutoffs: the latest training cutoffs that have an earlier one with a whole horizon. */
  static List<Integer> foldCutoffs(int[] cutoffDays, int horizonDays, int folds) {
    TreeSet<Integer> cutoffs = new TreeSet<>();
    for (int c : cutoffDays) {
      cutoffs.add(c);
    }
    List<Integer> out = new ArrayList<>();
    for (int c : cutoffs.descendingSet()) {
      if (out.size() == folds) {
        break;
      }
      if (cutoffs.first() + horizonDays <= c) {
        out.add(0, c);
      }
    }
    return out;
  }

  /**
   * Runs every candidate over the folds.
   *
   * @param candidates name to fitter, in report order (ties go to the first)
   * @param training the training rows of every training cutoff (lifetime features filled)
   * @param bestBaselineAuc the best rule baseline's AUC on a fold's evaluation rows, given the
   *     fold's calibration rows (to fit rules on) and its evaluation rows
   * @throws IllegalArgumentException when no fold has rows to train and score
   */
  static Result run(
      Map<String, CandidateTrainers.Fitter> candidates,
      LabelledSnapshots training,
      int horizonDays,
      ToDoubleBiFunction<LabelledSnapshots, LabelledSnapshots> bestBaselineAuc) {
    List<Integer> foldCutoffs = foldCutoffs(training.cutoffDays(), horizonDays, FOLDS);
    if (foldCutoffs.isEmpty()) {
      return heldOutMembers(candidates, training, bestBaselineAuc);
    }
    if (foldCutoffs.size() < FOLDS) {
      System.out.printf(
          "Backtest: only %d fold(s) fit in the training cutoffs (aimed for %d)%n",
          foldCutoffs.size(), FOLDS);
    }
    Map<String, List<Fold>> folds = new LinkedHashMap<>();
    candidates.keySet().forEach(name -> folds.put(name, new ArrayList<>()));
    // The candidates of the fold before, and the training cutoffs they were fitted on.
    Map<String, Fitted> fitted = null;
    int fittedUpTo = Integer.MIN_VALUE;
    for (int cutoff : foldCutoffs) {
      long started = System.nanoTime();
      LabelledSnapshots before =
          training.where(i -> training.cutoffDays()[i] + horizonDays <= cutoff);
      LabelledSnapshots eval = training.where(i -> training.cutoffDays()[i] == cutoff);
      if (before.size() == 0 || eval.size() == 0) {
        continue;
      }
      // A fold trains on every cutoff up to its latest one a whole horizon back, so that cutoff
      // names its rows. Two folds can share it: with month-end cutoffs and a 90-day horizon the
      // folds at March 31 and April 30 of a year that is not a leap year both train up to
      // December 31 (January 31's horizon ends on May 1). The second then scores the candidates
      // fitted for the first on its own cutoff instead of fitting them again on the same rows.
      int upTo = java.util.Arrays.stream(before.cutoffDays()).max().getAsInt();
      LabelledSnapshots calibration =
          before.where(i -> CalibrationFold.contains(before.customerIds()[i]));
      LabelledSnapshots fit =
          sampledByMember(
              before.where(i -> !CalibrationFold.contains(before.customerIds()[i])),
              MAX_FOLD_FIT_ROWS);
      if (fit.size() == 0 || calibration.size() == 0) {
        continue;
      }
      boolean refitted = fitted == null || upTo != fittedUpTo;
      if (refitted) {
        fitted = fit(candidates, fit, calibration);
        fittedUpTo = upTo;
      }
      double bestBaseline = bestBaselineAuc.applyAsDouble(calibration, eval);
      score(fitted, eval, cutoff, bestBaseline, folds);
      System.out.printf(
          Locale.ROOT,
          "Backtest fold %s: %,d fit, %,d calibration, %,d evaluation rows%s; base rate log loss"
              + " %.4f, best rule AUC %.4f (%.1f s)%n",
          LocalDate.ofEpochDay(cutoff),
          fit.size(),
          calibration.size(),
          eval.size(),
          refitted
              ? ""
              : " (trained up to "
                  + LocalDate.ofEpochDay(upTo)
                  + " as the fold before: not refitted)",
          baseRateLogLoss(before.churnRate(), eval),
          bestBaseline,
          (System.nanoTime() - started) / 1e9);
    }
    return choose(folds);
  }

  /**
   * The fallback when no training cutoff lies a whole horizon after another (CDNOW's protocol B has
   * three monthly cutoffs and a 181-day horizon): one fold of held-out members at the latest
   * training cutoff. Candidates are fitted on the fit members, calibrated on the calibration
   * members at the other cutoffs, and scored on the calibration members at the latest. Not out of
   * time, and said so; the final cutoff still stays out of the choice.
   *
   * <p>Only tree candidates compete here when there are any. A fold at the training cutoffs cannot
   * show how a straight line extrapolates to the later cutoff, where silences and tenures run past
   * every training row, and that is where the logistic fails: on CDNOW at 1997-09-30 it won this
   * fold by 0.0008 log loss and then lost to the base rate out of time (0.699 against 0.571).
   * Trees predict from the range they were fitted on.
   */
  private static Result heldOutMembers(
      Map<String, CandidateTrainers.Fitter> candidates,
      LabelledSnapshots training,
      ToDoubleBiFunction<LabelledSnapshots, LabelledSnapshots> bestBaselineAuc) {
    int latest = java.util.Arrays.stream(training.cutoffDays()).max().orElseThrow();
    LabelledSnapshots fit =
        training.where(i -> !CalibrationFold.contains(training.customerIds()[i]));
    LabelledSnapshots held =
        training.where(i -> CalibrationFold.contains(training.customerIds()[i]));
    LabelledSnapshots eval = held.where(i -> held.cutoffDays()[i] == latest);
    LabelledSnapshots earlier = held.where(i -> held.cutoffDays()[i] != latest);
    LabelledSnapshots calibration = earlier.size() > 0 ? earlier : eval;
    System.out.printf(
        "Backtest: no training cutoff lies %s after another, so candidates are compared on held-out"
            + " members at %s (not out of time)%n",
        "a whole horizon", LocalDate.ofEpochDay(latest));
    if (fit.size() == 0 || eval.size() == 0) {
      throw new IllegalArgumentException(
          "the backtest has no held-out members to compare candidates on");
    }
    Map<String, CandidateTrainers.Fitter> competing = new LinkedHashMap<>();
    candidates.forEach(
        (name, fitter) -> {
          if (isTree(name)) {
            competing.put(name, fitter);
          }
        });
    if (competing.isEmpty()) {
      competing.putAll(candidates);
    } else if (competing.size() < candidates.size()) {
      System.out.println(
          "Backtest: only tree candidates compete on held-out members: a straight line's"
              + " extrapolation to later cutoffs cannot be judged at the same cutoff");
    }
    Map<String, List<Fold>> folds = new LinkedHashMap<>();
    competing.keySet().forEach(name -> folds.put(name, new ArrayList<>()));
    // The rules are fitted on the same calibration rows as the candidates' calibrators.
    double bestBaseline = bestBaselineAuc.applyAsDouble(calibration, eval);
    System.out.printf(
        Locale.ROOT,
        "Backtest fold %s (held-out members): %,d fit, %,d calibration, %,d evaluation rows;"
            + " base rate log loss %.4f, best rule AUC %.4f%n",
        LocalDate.ofEpochDay(latest),
        fit.size(),
        calibration.size(),
        eval.size(),
        baseRateLogLoss(training.churnRate(), eval),
        bestBaseline);
    score(fit(competing, fit, calibration), eval, latest, bestBaseline, folds);
    return choose(folds);
  }

  /**
   * A candidate fitted and calibrated for a fold.
   *
   * @param seconds how long fitting and choosing its calibration took
   */
  private record Fitted(Model<Label> model, CalibrationChoice calibration, double seconds) {}

  /**
   * Every candidate fitted on the fit rows and its calibration chosen on the calibration rows. The
   * tree candidates fit one after the other (each uses every core); the others (the logistic
   * regression) fit beside them on a thread of their own: most of the logistic's time is on one
   * core (its final fit, its calibration), which left the second core idle for a fifth of a fold
   * (the machine was 80% busy through the backtest at 1M members on 2 cores). Every fit is
   * deterministic, so the candidates are the same as fitted one by one; a candidate's "fitted in"
   * is then its time sharing the cores.
   */
  private static Map<String, Fitted> fit(
      Map<String, CandidateTrainers.Fitter> candidates,
      LabelledSnapshots fit,
      LabelledSnapshots calibration) {
    ExecutorService lane =
        Executors.newSingleThreadExecutor(DaemonThreads.named("treue-backtest-candidate"));
    try {
      Map<String, Future<Fitted>> beside = new HashMap<>();
      candidates.forEach(
          (name, fitter) -> {
            if (!isTree(name)) {
              beside.put(name, lane.submit(() -> fitOne(fitter, fit, calibration)));
            }
          });
      Map<String, Fitted> trees = new HashMap<>();
      candidates.forEach(
          (name, fitter) -> {
            if (isTree(name)) {
              trees.put(name, fitOne(fitter, fit, calibration));
            }
          });
      // In the candidates' order, whichever finished first.
      Map<String, Fitted> out = new LinkedHashMap<>();
      for (String name : candidates.keySet()) {
        out.put(
            name,
            isTree(name) ? trees.get(name) : Futures.await(beside.get(name), "a candidate's fit"));
      }
      return out;
    } finally {
      lane.shutdownNow();
    }
  }

  private static boolean isTree(String candidate) {
    return candidate.startsWith(CandidateTrainers.TREE_FAMILY);
  }

  private static Fitted fitOne(
      CandidateTrainers.Fitter fitter, LabelledSnapshots fit, LabelledSnapshots calibration) {
    long started = System.nanoTime();
    Model<Label> model = fitter.fit(fit, calibration);
    CalibrationChoice choice =
        CalibrationChoice.choose(
            ChurnScorer.rawProbabilities(model, List.of(calibration.features())), calibration);
    return new Fitted(model, choice, (System.nanoTime() - started) / 1e9);
  }

  /** Scores the fitted candidates on a fold's evaluation rows. */
  private static void score(
      Map<String, Fitted> fitted,
      LabelledSnapshots eval,
      int cutoff,
      double bestBaseline,
      Map<String, List<Fold>> folds) {
    for (Map.Entry<String, Fitted> c : fitted.entrySet()) {
      long started = System.nanoTime();
      ProbabilityCalibrator calibrator = c.getValue().calibration().calibrator();
      double[] raw = ChurnScorer.rawProbabilities(c.getValue().model(), List.of(eval.features()));
      BinaryMetrics m =
          ScorerEvaluation.ofCalibratedScores(
                  c.getKey(), raw, calibrator.calibrateAll(raw), eval.churned())
              .metrics();
      folds
          .get(c.getKey())
          .add(new Fold(LocalDate.ofEpochDay(cutoff), m.auc(), m.logLoss(), bestBaseline));
      System.out.printf(
          Locale.ROOT,
          "    %-32s auc %.4f, log loss %.4f (uncalibrated %.4f; %s; fitted in %.1f s, scored in"
              + " %.1f s)%n",
          c.getKey(),
          m.auc(),
          m.logLoss(),
          dev.treue.core.evaluation.LogLoss.of(raw, eval.churned()),
          c.getValue().calibration().kind(),
          c.getValue().seconds(),
          (System.nanoTime() - started) / 1e9);
    }
  }

  /** At most about {@code cap} rows, whole members kept or left out together. */
  static LabelledSnapshots sampledByMember(LabelledSnapshots rows, int cap) {
    if (rows.size() <= cap) {
      return rows;
    }
    long keepBelow = (long) (10_000L * cap / (double) rows.size());
    return rows.where(
        i -> {
          java.util.zip.CRC32 crc = new java.util.zip.CRC32();
          crc.update(
              ("backtest:" + rows.customerIds()[i])
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8));
          return crc.getValue() % 10_000 < keepBelow;
        });
  }

  /** The log loss of predicting the training rows' churn rate for everyone: the bar to beat. */
  static double baseRateLogLoss(double rate, LabelledSnapshots eval) {
    double[] constant = new double[eval.size()];
    java.util.Arrays.fill(constant, rate);
    return dev.treue.core.evaluation.LogLoss.of(constant, eval.churned());
  }

  private static Result choose(Map<String, List<Fold>> folds) {
    String chosen = null;
    double best = Double.POSITIVE_INFINITY;
    for (Map.Entry<String, List<Fold>> e : folds.entrySet()) {
      double logLoss = Result.mean(e.getValue(), Fold::logLoss);
      System.out.printf(
          Locale.ROOT,
          "  %-32s backtest log loss %.4f (sd %.4f), auc %.4f (sd %.4f)%n",
          e.getKey(),
          logLoss,
          Result.spread(e.getValue(), Fold::logLoss),
          Result.mean(e.getValue(), Fold::auc),
          Result.spread(e.getValue(), Fold::auc));
      if (logLoss < best) {
        best = logLoss;
        chosen = e.getKey();
      }
    }
    if (chosen == null) {
      throw new IllegalArgumentException("the backtest had no fold with rows to train and score");
    }
    System.out.println("Backtest chose " + chosen);
    return new Result(chosen, folds);
  }
}
