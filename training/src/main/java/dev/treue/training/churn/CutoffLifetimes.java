package dev.treue.training.churn;

import dev.treue.core.clv.BgNbd;
import dev.treue.core.clv.ClvHorizon;
import dev.treue.core.clv.GammaGamma;
import dev.treue.core.clv.LifetimeFit;
import dev.treue.core.clv.LifetimeModel;
import dev.treue.core.clv.PurchaseSummary;
import dev.treue.core.feature.LifetimeFeatures;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One lifetime model per cutoff, each fitted on the members' summaries at that cutoff only, so a
 * row's lifetime features use nothing after its cutoff. The latest cutoff's model goes into the
 * bundle and values members from then on.
 */
final class CutoffLifetimes {
  private final NavigableMap<Integer, LifetimeFit> byCutoff;

  private CutoffLifetimes(NavigableMap<Integer, LifetimeFit> byCutoff) {
    this.byCutoff = byCutoff;
  }

  /** Fits a model at every cutoff that occurs in {@code rows}, in days, with the given CLV horizon. */
  static CutoffLifetimes fit(LabelledSnapshots rows, ClvHorizon horizon) {
    Map<Integer, List<double[]>> vectors = new TreeMap<>();
    for (int i = 0; i < rows.size(); i++) {
      vectors.computeIfAbsent(rows.cutoffDays()[i], k -> new ArrayList<>()).add(rows.features()[i]);
    }
    NavigableMap<Integer, LifetimeFit> fits = new TreeMap<>();
    vectors.forEach(
        (cutoff, vs) -> {
          long started = System.nanoTime();
          LifetimeFit fit = LifetimeFeatures.fit(vs, horizon);
          BgNbd b = fit.model().purchases();
          GammaGamma g = fit.model().spend();
          System.out.printf(
              "Lifetime model at %s: BG/NBD r=%.3f alpha=%.1f a=%.3f b=%.3f over %,d buyers%s; "
                  + "Gamma-Gamma p=%.2f q=%.2f v=%.1f over %,d repeat buyers (%.1f s)%n",
              LocalDate.ofEpochDay(cutoff),
              b.r(),
              b.alpha(),
              b.a(),
              b.b(),
              fit.purchases().members(),
              fit.purchases().converged() ? "" : " (NOT converged)",
              g.p(),
              g.q(),
              g.v(),
              fit.spend().members(),
              (System.nanoTime() - started) / 1e9);
          fits.put(cutoff, fit);
        });
    return new CutoffLifetimes(fits);
  }

  /** Fills every row's lifetime features from its own cutoff's model. */
  void fill(LabelledSnapshots rows) {
    for (int i = 0; i < rows.size(); i++) {
      LifetimeFeatures.fill(rows.features()[i], model(rows.cutoffDays()[i]));
    }
  }

  /**
   * The BG/NBD baseline: P(no purchase within {@code horizonDays}) from each row's cutoff model (1
   * for a member who never purchased), the churn question asked of the lifetime model alone.
   */
  double[] noPurchaseScores(LabelledSnapshots rows, int horizonDays) {
    double[] out = new double[rows.size()];
    for (int i = 0; i < out.length; i++) {
      Optional<PurchaseSummary> s = LifetimeFeatures.summaryInDays(rows.features()[i]);
      out[i] =
          s.isEmpty() ? 1 : model(rows.cutoffDays()[i]).probabilityNoPurchase(s.get(), horizonDays);
    }
    return out;
  }

  /** The model of the latest cutoff. */
  LifetimeFit latest() {
    return byCutoff.lastEntry().getValue();
  }

  private LifetimeModel model(int cutoff) {
    LifetimeFit fit = byCutoff.get(cutoff);
    if (fit == null) {
      throw new IllegalArgumentException(
          "no lifetime model at cutoff " + LocalDate.ofEpochDay(cutoff));
    }
    return fit.model();
  }
}
