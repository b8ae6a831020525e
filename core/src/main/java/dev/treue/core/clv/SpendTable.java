package dev.treue.core.clv;

import dev.treue.core.concurrent.ChunkedSum;
import java.util.Arrays;
import java.util.List;

/**
 * Members' (x, mean value) pairs for the Gamma-Gamma likelihood, with the logarithms that do not
 * depend on the parameters computed once, the log-gamma terms once per distinct x per evaluation,
 * and rows summed by {@link ChunkedSum} (so results do not depend on the machine).
 */
final class SpendTable {
  private final int[] x;
  private final double[] mean;
  private final double[] logMean;
  private final double[] logX;
  private final int[] distinctX;
  private final int[] xSlot;

  private SpendTable(int[] x, double[] mean) {
    this.x = x;
    this.mean = mean;
    this.logMean = new double[x.length];
    this.logX = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      logMean[i] = Math.log(mean[i]);
      logX[i] = Math.log(x[i]);
    }
    this.distinctX = Arrays.stream(x).distinct().sorted().toArray();
    this.xSlot = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      xSlot[i] = Arrays.binarySearch(distinctX, x[i]);
    }
  }

  static SpendTable of(List<GammaGammaFit.Spend> used) {
    int[] x = new int[used.size()];
    double[] mean = new double[used.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = used.get(i).transactions();
      mean[i] = used.get(i).meanValue();
    }
    return new SpendTable(x, mean);
  }

  /** Every {@code step}-th member: a smaller table for choosing among starts. */
  SpendTable thinned(int step) {
    int n = (x.length + step - 1) / step;
    int[] sx = new int[n];
    double[] sm = new double[n];
    for (int i = 0, k = 0; i < x.length; i += step, k++) {
      sx[k] = x[i];
      sm[k] = mean[i];
    }
    return new SpendTable(sx, sm);
  }

  int rows() {
    return x.length;
  }

  /** The same as summing {@link GammaGamma#logLikelihood(int, double)} over the members. */
  double logLikelihood(GammaGamma m) {
    double p = m.p();
    double q = m.q();
    double v = m.v();
    double[] constant = new double[distinctX.length];
    double logGammaQ = SpecialFunctions.logGamma(q);
    double qLogV = q * Math.log(v);
    for (int k = 0; k < distinctX.length; k++) {
      double px = p * distinctX[k];
      constant[k] =
          SpecialFunctions.logGamma(px + q) - SpecialFunctions.logGamma(px) - logGammaQ + qLogV;
    }
    return ChunkedSum.of(
        x.length,
        i -> {
          double px = p * x[i];
          return constant[xSlot[i]]
              + (px - 1) * logMean[i]
              + px * logX[i]
              - (px + q) * Math.log(x[i] * mean[i] + v);
        });
  }
}
