package dev.treue.training.churn;

import dev.treue.core.clv.BgNbd;
import dev.treue.core.clv.ClvHorizon;
import dev.treue.core.clv.GammaGamma;
import dev.treue.core.clv.GammaGammaFit;
import dev.treue.core.clv.LifetimeFit;
import dev.treue.core.clv.LifetimeModel;
import dev.treue.core.clv.PurchaseSummary;
import dev.treue.core.concurrent.DaemonThreads;
import dev.treue.core.concurrent.Futures;
import dev.treue.core.feature.LifetimeFeatures;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * One lifetime model per cutoff, each fitted on the members' summaries at that cutoff only, so a
 * row's lifetime features use nothing after its cutoff. The latest cutoff's model goes into the
 * bundle and values members from then on.
 *
 * <p>A fit that ran to a parameter bound ({@link LifetimeFit#parametersAtBound()}) is flagged and
 * not used for features: its P(alive) and expected purchases describe the edge of the optimiser's
 * box, not the members. Rows at such a cutoff take the nearest earlier good fit (population
 * parameters move slowly from month to month, and an earlier fit uses nothing after the row's
 * cutoff); a later fit would carry purchases from the row's own label window, and a constant
 * "neutral" value would make the tree learn the cutoff rather than the member. Training rows at a
 * flagged cutoff with no earlier good fit are left out; when no cutoff has a good fit, the lifetime
 * features are not used at all. The BG/NBD baseline keeps each cutoff's own fit: it is the lifetime
 * model judged as it came out.
 */
final class CutoffLifetimes {
  private final NavigableMap<Integer, LifetimeFit> byCutoff;
  private final NavigableMap<Integer, LifetimeFit> good;

  private CutoffLifetimes(NavigableMap<Integer, LifetimeFit> byCutoff) {
    this.byCutoff = byCutoff;
    this.good = new TreeMap<>();
    byCutoff.forEach(
        (cutoff, fit) -> {
          if (fit.parametersAtBound().isEmpty()) {
            good.put(cutoff, fit);
          }
        });
  }

  /** For tests: lifetimes from fits already made, by cutoff epoch day. */
  static CutoffLifetimes of(Map<Integer, LifetimeFit> fits) {
    return new CutoffLifetimes(new TreeMap<>(fits));
  }

  /** Fits a model at every cutoff that occurs in {@code rows}, in days, with the given CLV horizon. */
  static CutoffLifetimes fit(LabelledSnapshots rows, ClvHorizon horizon) {
    Map<Integer, List<double[]>> vectors = new TreeMap<>();
    for (int i = 0; i < rows.size(); i++) {
      vectors.computeIfAbsent(rows.cutoffDays()[i], k -> new ArrayList<>()).add(rows.features()[i]);
    }
    // The cutoffs' fits are independent and each is deterministic: they run side by side, one a
    // core (a fit's own likelihood sums use every core only part of the time: the optimiser between
    // them is one thread, which left a core idle for a quarter of the fits), and are printed in
    // cutoff order as they finish.
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(), DaemonThreads.named("treue-lifetime-fit"));
    NavigableMap<Integer, LifetimeFit> fits = new TreeMap<>();
    try {
      Map<Integer, Future<Timed>> fitting = new TreeMap<>();
      vectors.forEach(
          (cutoff, vs) ->
              fitting.put(
                  cutoff,
                  pool.submit(
                      () -> {
                        long started = System.nanoTime();
                        LifetimeFit fit = LifetimeFeatures.fit(vs, horizon);
                        return new Timed(fit, (System.nanoTime() - started) / 1e9);
                      })));
      for (Map.Entry<Integer, Future<Timed>> e : fitting.entrySet()) {
        Timed timed =
            Futures.await(e.getValue(), "the lifetime fit at " + LocalDate.ofEpochDay(e.getKey()));
        print(e.getKey(), timed);
        fits.put(e.getKey(), timed.fit());
      }
    } finally {
      pool.shutdownNow();
    }
    return new CutoffLifetimes(fits);
  }

  /** A cutoff's fit and the seconds it took. */
  private record Timed(LifetimeFit fit, double seconds) {}

  private static void print(int cutoff, Timed timed) {
    LifetimeFit fit = timed.fit();
    BgNbd b = fit.model().purchases();
    GammaGamma g = fit.model().spend();
    System.out.printf(
        "Lifetime model at %s: BG/NBD r=%.3f alpha=%.1f a=%.3f b=%.3f over %,d buyers%s; "
            + "Gamma-Gamma p=%.2f q=%.2f v=%.1f over %,d repeat buyers (%.1f s)%s%n",
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
        timed.seconds(),
        fit.parametersAtBound().isEmpty()
            ? ""
            : "; AT A PARAMETER BOUND (" + String.join(", ", fit.parametersAtBound()) + ")");
  }

  /**
   * Fills the rows' lifetime features, each from its cutoff's good fit or the nearest earlier good
   * one, and returns the rows that could be filled (all of them unless a flagged cutoff has no
   * earlier good fit). Without any good fit the rows come back unfilled: the features stay
   * constant and the model leaves them out.
   */
  LabelledSnapshots fill(LabelledSnapshots rows) {
    if (good.isEmpty()) {
      System.out.println(
          "No lifetime fit is usable (every one ran to a parameter bound): lifetime features not used");
      return rows;
    }
    LabelledSnapshots kept = rows.where(i -> featureFit(rows.cutoffDays()[i]) != null);
    // Each row's features are its own array, and the fits are only read: the rows fill on every
    // core (a million rows' hypergeometric functions took seconds on one).
    IntStream.range(0, kept.size())
        .parallel()
        .forEach(
            i ->
                LifetimeFeatures.fill(
                    kept.features()[i], featureFit(kept.cutoffDays()[i]).model()));
    if (kept.size() < rows.size()) {
      System.out.printf(
          "Left out %,d rows at cutoffs whose lifetime fit ran to a bound with no earlier good fit%n",
          rows.size() - kept.size());
    }
    return kept;
  }

  /** Whether any cutoff's fit can be used for features. */
  boolean usableForFeatures() {
    return !good.isEmpty();
  }

  /**
   * One plain sentence per flagged fit, for the report: what ran to the bound and what the
   * cutoff's rows use instead.
   */
  List<String> notes() {
    List<String> out = new ArrayList<>();
    byCutoff.forEach(
        (cutoff, fit) -> {
          List<String> bound = fit.parametersAtBound();
          if (bound.isEmpty()) {
            return;
          }
          LifetimeFit instead = featureFit(cutoff);
          out.add(
              "Lifetime fit at "
                  + LocalDate.ofEpochDay(cutoff)
                  + " ran to a parameter bound ("
                  + String.join(", ", bound)
                  + "): not used as features there; "
                  + (good.isEmpty()
                      ? "no cutoff has a good fit, so the lifetime features are not used at all."
                      : instead == null
                          ? "no earlier good fit, so that cutoff's training rows are left out."
                          : "its rows use the fit of "
                              + LocalDate.ofEpochDay(good.floorKey(cutoff))
                              + "."));
        });
    return out;
  }

  /** The good fit a cutoff's features come from: its own, else the nearest earlier; or null. */
  LifetimeFit featureFit(int cutoff) {
    Map.Entry<Integer, LifetimeFit> e = good.floorEntry(cutoff);
    return e == null ? null : e.getValue();
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

  /**
   * Expected purchase days in the {@code days} after each row's cutoff (0 for a member who never
   * purchased), from the fit its lifetime features came from ({@link #featureFit}, else {@link
   * #latest}): the figure the win-back list shows, asked for the label's horizon.
   */
  double[] expectedPurchases(LabelledSnapshots rows, int days) {
    return expected(rows, days, false);
  }

  /**
   * Expected spend in the {@code days} after each row's cutoff: {@link #expectedPurchases} times
   * the Gamma-Gamma's expected spend per purchase (0 for a member who never purchased), the chance
   * of coming back weighted by what a return is worth, from the same fit.
   */
  double[] expectedSpend(LabelledSnapshots rows, int days) {
    return expected(rows, days, true);
  }

  private double[] expected(LabelledSnapshots rows, int days, boolean spend) {
    double[] out = new double[rows.size()];
    for (int i = 0; i < out.length; i++) {
      double[] v = rows.features()[i];
      Optional<PurchaseSummary> s = LifetimeFeatures.summaryInDays(v);
      if (s.isPresent()) {
        LifetimeFit fit = featureFit(rows.cutoffDays()[i]);
        LifetimeModel model = (fit == null ? latest() : fit).model();
        PurchaseSummary d = s.get();
        PurchaseSummary inUnits = model.summary(d.frequency() + 1L, d.age() - d.recency(), d.age());
        out[i] = model.expectedPurchases(inUnits, days);
        if (spend) {
          GammaGammaFit.Spend paid = LifetimeFeatures.spend(v);
          out[i] *= model.expectedSpendPerPurchase(paid.transactions(), paid.meanValue());
        }
      }
    }
    return out;
  }

  /**
   * The fit the bundle carries: the latest good one (the one the latest rows' features came
   * from), or the latest fit when none is good (the model then does not use its features).
   */
  LifetimeFit latest() {
    return good.isEmpty() ? byCutoff.lastEntry().getValue() : good.lastEntry().getValue();
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
