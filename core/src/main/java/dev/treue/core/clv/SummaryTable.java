package dev.treue.core.clv;

import dev.treue.core.concurrent.ChunkedSum;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Purchase summaries grouped into distinct (x, t_x, T) rows with counts, and the BG/NBD
 * log-likelihood over them. The terms that depend only on x are computed once per distinct x per
 * evaluation, and rows are summed by {@link ChunkedSum}, so a fit is fast on millions of members and
 * gives the same digits on any machine.
 */
final class SummaryTable {
  private final int[] x;
  private final double[] recency;
  private final double[] age;
  private final double[] count;
  private final int[] distinctX;
  private final int[] xSlot;
  private final long members;
  private final PurchaseSummary[] summaries;

  private SummaryTable(int[] x, double[] recency, double[] age, double[] count) {
    this.x = x;
    this.recency = recency;
    this.age = age;
    this.count = count;
    this.distinctX = Arrays.stream(x).distinct().sorted().toArray();
    this.xSlot = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      xSlot[i] = Arrays.binarySearch(distinctX, x[i]);
    }
    double total = 0;
    for (double c : count) {
      total += c;
    }
    this.members = Math.round(total);
    this.summaries = new PurchaseSummary[x.length];
    for (int i = 0; i < x.length; i++) {
      summaries[i] = new PurchaseSummary(x[i], recency[i], age[i]);
    }
  }

  /** Groups equal summaries. */
  static SummaryTable of(List<PurchaseSummary> summaries) {
    Map<PurchaseSummary, double[]> counts = new HashMap<>();
    for (PurchaseSummary s : summaries) {
      counts.computeIfAbsent(s, k -> new double[1])[0]++;
    }
    // Sorted, so the chunked sum and therefore the fit do not depend on hash order.
    PurchaseSummary[] keys = counts.keySet().toArray(new PurchaseSummary[0]);
    Arrays.sort(
        keys,
        (p, q) ->
            p.frequency() != q.frequency()
                ? Integer.compare(p.frequency(), q.frequency())
                : p.recency() != q.recency()
                    ? Double.compare(p.recency(), q.recency())
                    : Double.compare(p.age(), q.age()));
    int n = keys.length;
    int[] x = new int[n];
    double[] tx = new double[n];
    double[] t = new double[n];
    double[] c = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = keys[i].frequency();
      tx[i] = keys[i].recency();
      t[i] = keys[i].age();
      c[i] = counts.get(keys[i])[0];
    }
    return new SummaryTable(x, tx, t, c);
  }

  /** Every {@code step}-th row with its count: a smaller table for choosing among starts. */
  SummaryTable thinned(int step) {
    int n = (x.length + step - 1) / step;
    int[] sx = new int[n];
    double[] stx = new double[n];
    double[] st = new double[n];
    double[] sc = new double[n];
    for (int i = 0, k = 0; i < x.length; i += step, k++) {
      sx[k] = x[i];
      stx[k] = recency[i];
      st[k] = age[i];
      sc[k] = count[i];
    }
    return new SummaryTable(sx, stx, st, sc);
  }

  int rows() {
    return x.length;
  }

  long members() {
    return members;
  }

  boolean hasRepeatPurchase() {
    return distinctX[distinctX.length - 1] > 0;
  }

  /**
   * The sum over members of {@code perMember}: each distinct summary's value times its count, for a
   * model without a specialised form here (the Pareto/NBD).
   */
  double sum(ToDoubleFunction<PurchaseSummary> perMember) {
    return ChunkedSum.of(summaries.length, i -> count[i] * perMember.applyAsDouble(summaries[i]));
  }

  /** The BG/NBD log-likelihood; the same as summing {@link BgNbd#logLikelihood(PurchaseSummary)}. */
  double logLikelihood(BgNbd m) {
    double r = m.r();
    double logAlpha = Math.log(m.alpha());
    double logBetaAB = SpecialFunctions.logBeta(m.a(), m.b());
    double logGammaR = SpecialFunctions.logGamma(r);
    double[] constant = new double[distinctX.length];
    double[] dropout = new double[distinctX.length];
    for (int k = 0; k < distinctX.length; k++) {
      int xk = distinctX[k];
      constant[k] =
          SpecialFunctions.logGamma(r + xk)
              - logGammaR
              + r * logAlpha
              + SpecialFunctions.logBeta(m.a(), m.b() + xk)
              - logBetaAB;
      dropout[k] = xk == 0 ? 0 : Math.log(m.a()) - Math.log(m.b() + xk - 1);
    }
    double alpha = m.alpha();
    return ChunkedSum.of(
        x.length,
        i -> {
          int k = xSlot[i];
          double shape = r + x[i];
          double silent = -shape * Math.log(alpha + age[i]);
          if (x[i] == 0) {
            return count[i] * (constant[k] + silent);
          }
          double dropped = dropout[k] - shape * Math.log(alpha + recency[i]);
          double hi = Math.max(silent, dropped);
          return count[i]
              * (constant[k] + hi + Math.log(Math.exp(silent - hi) + Math.exp(dropped - hi)));
        });
  }
}
