package dev.treue.training.clv;

import dev.treue.core.clv.BgNbd;
import dev.treue.core.clv.BgNbdFit;
import dev.treue.core.clv.GammaGamma;
import dev.treue.core.clv.GammaGammaFit;
import dev.treue.training.registry.PublishSummary;
import java.util.Locale;

/** Prints a {@code train clv} run: the fits with their standard errors, the holdout, and the publication. */
final class ClvTrainingSummary {
  private ClvTrainingSummary() {}

  static void print(ClvTraining.Outcome o, ClvTrainingSettings s, double seconds) {
    String unit = s.unit().label();
    BgNbdFit purchases = o.fit().purchases();
    BgNbd b = purchases.model();
    double[] se = purchases.standardErrors();
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "Calibration to %s: %,d members with a purchase, %,d repeat purchase days%n",
        s.calibrationEnd(),
        o.calibrationMembers(),
        o.calibrationRepeats());
    System.out.printf(
        Locale.ROOT,
        "BG/NBD (%s): r = %s, alpha = %s, a = %s, b = %s%n",
        unit,
        est(b.r(), se[0]),
        est(b.alpha(), se[1]),
        est(b.a(), se[2]),
        est(b.b(), se[3]));
    System.out.printf(
        Locale.ROOT,
        "  log-likelihood %.2f, %s after %d iterations, %,d members%n",
        purchases.logLikelihood(),
        purchases.converged() ? "converged" : "NOT converged",
        purchases.iterations(),
        purchases.members());
    GammaGammaFit spend = o.fit().spend();
    GammaGamma g = spend.model();
    double[] gse = spend.standardErrors();
    System.out.printf(
        Locale.ROOT,
        "Gamma-Gamma: p = %s, q = %s, v = %s%n",
        est(g.p(), gse[0]),
        est(g.q(), gse[1]),
        est(g.v(), gse[2]));
    System.out.printf(
        Locale.ROOT,
        "  log-likelihood %.2f, %s, %,d members with repeat purchases%n",
        spend.logLikelihood(),
        spend.converged() ? "converged" : "NOT converged",
        spend.members());
    System.out.printf(Locale.ROOT, "Both fits in %.2f s%n", o.fitSeconds());
    o.holdout().ifPresent(h -> holdout(h, s, o, unit));
    System.out.println();
    PublishSummary.print(o.version(), o.publish(), o.bundlePath(), seconds);
    if (o.holdout().isEmpty()) {
      System.out.println(noHoldoutNote(o, s));
    }
  }

  /** Why a run without a holdout is not current, and the command that makes it so. */
  static String noHoldoutNote(ClvTraining.Outcome o, ClvTrainingSettings s) {
    return "Version "
        + o.version()
        + " was published but not promoted: the data ends on the calibration end ("
        + o.dataEnd()
        + "), so there is no holdout to evaluate and metrics.json has no auc for the quality gate. "
        + "Evaluate with an earlier --calibration-end, or promote it by hand: ./treue models promote --kind "
        + ClvTraining.KIND
        + " --version "
        + o.version()
        + " --registry "
        + s.registry();
  }

  private static void holdout(
      HoldoutEvaluation h, ClvTrainingSettings s, ClvTraining.Outcome o, String unit) {
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "Holdout %s .. %s (%.1f %s), %,d calibration members, %,d bought in it:%n",
        s.calibrationEnd().plusDays(1),
        o.dataEnd(),
        h.holdoutLength(),
        unit,
        h.members(),
        h.buyers());
    System.out.printf(
        Locale.ROOT,
        "  repeat purchases: expected %,.1f (BG/NBD), %,.1f (naive rate x/T); actual %,d%n",
        h.expected(),
        h.naiveExpected(),
        h.actual());
    HoldoutEvaluation.Aucs repeat = h.repeatBuyerAucs();
    System.out.printf(
        Locale.ROOT,
        "  %-12s %8s %9s %8s   (AUC of a purchase in the holdout; AUC x>=1 over the "
            + "%,d repeat buyers)%n",
        "",
        "AUC",
        "AUC x>=1",
        "MAE",
        repeat.members());
    System.out.printf(
        Locale.ROOT, "  %-12s %8s %9s %8s%n", "BG/NBD", f(h.auc()), f(repeat.model()), f(h.mae()));
    System.out.printf(
        Locale.ROOT, "  %-12s %8s %9s %8s%n", "naive rate", "-", "-", f(h.naiveMae()));
    System.out.printf(
        Locale.ROOT,
        "  %-12s %8s %9s %8s%n",
        "recency",
        f(h.recencyAuc()),
        f(repeat.recency()),
        "-");
    System.out.printf(
        Locale.ROOT,
        "  %-12s %8s %9s %8s%n",
        "frequency",
        f(h.frequencyAuc()),
        f(repeat.frequency()),
        "-");
    System.out.println("  Mean holdout repeat purchases by calibration frequency x:");
    System.out.printf(
        Locale.ROOT, "  %-4s %8s %8s %9s %8s%n", "x", "members", "actual", "predicted", "naive");
    for (HoldoutEvaluation.FrequencyGroup g : h.byFrequency()) {
      System.out.printf(
          Locale.ROOT,
          "  %-4s %,8d %8s %9s %8s%n",
          g.frequency(),
          g.members(),
          f(g.actualMean()),
          f(g.predictedMean()),
          f(g.naiveMean()));
    }
  }

  private static String est(double value, double error) {
    return Double.isNaN(error)
        ? String.format(Locale.ROOT, "%.4f (no SE)", value)
        : String.format(Locale.ROOT, "%.4f (SE %.4f)", value, error);
  }

  private static String f(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "-";
  }
}
