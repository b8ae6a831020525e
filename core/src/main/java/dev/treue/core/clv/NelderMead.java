package dev.treue.core.clv;

import java.util.function.ToDoubleFunction;

/** The Nelder-Mead simplex minimiser (standard coefficients), for small smooth problems. */
final class NelderMead {
  /** Where it stopped. */
  record Result(double[] point, double value, int iterations, boolean converged) {}

  private NelderMead() {}

  /**
   * Minimises {@code f} from {@code x0}; the initial simplex steps {@code step} along each axis.
   * Stops when the simplex's values differ by less than {@code tolerance} (relative) or after
   * {@code maxIterations}. Infinite values are allowed and simply lose.
   */
  static Result minimize(
      ToDoubleFunction<double[]> f, double[] x0, double step, double tolerance, int maxIterations) {
    int n = x0.length;
    double[][] simplex = new double[n + 1][];
    double[] values = new double[n + 1];
    simplex[0] = x0.clone();
    for (int i = 0; i < n; i++) {
      simplex[i + 1] = x0.clone();
      simplex[i + 1][i] += step;
    }
    for (int i = 0; i <= n; i++) {
      values[i] = f.applyAsDouble(simplex[i]);
    }
    int it = 0;
    for (; it < maxIterations; it++) {
      sort(simplex, values);
      double spread = Math.abs(values[n] - values[0]);
      if (Double.isFinite(values[n]) && spread <= tolerance * (Math.abs(values[0]) + 1e-12)) {
        return new Result(simplex[0], values[0], it, true);
      }
      double[] centroid = new double[n];
      for (int i = 0; i < n; i++) {
        for (int d = 0; d < n; d++) {
          centroid[d] += simplex[i][d] / n;
        }
      }
      double[] reflected = along(centroid, simplex[n], -1);
      double fr = f.applyAsDouble(reflected);
      if (fr < values[0]) {
        double[] expanded = along(centroid, simplex[n], -2);
        double fe = f.applyAsDouble(expanded);
        if (fe < fr) {
          simplex[n] = expanded;
          values[n] = fe;
        } else {
          simplex[n] = reflected;
          values[n] = fr;
        }
      } else if (fr < values[n - 1]) {
        simplex[n] = reflected;
        values[n] = fr;
      } else {
        double[] contracted =
            fr < values[n] ? along(centroid, simplex[n], -0.5) : along(centroid, simplex[n], 0.5);
        double fc = f.applyAsDouble(contracted);
        if (fc < Math.min(fr, values[n])) {
          simplex[n] = contracted;
          values[n] = fc;
        } else {
          for (int i = 1; i <= n; i++) {
            simplex[i] = along(simplex[0], simplex[i], 0.5);
            values[i] = f.applyAsDouble(simplex[i]);
          }
        }
      }
    }
    sort(simplex, values);
    return new Result(simplex[0], values[0], it, false);
  }

  /** centroid + t * (point - centroid). */
  private static double[] along(double[] centroid, double[] point, double t) {
    double[] out = new double[centroid.length];
    for (int d = 0; d < out.length; d++) {
      out[d] = centroid[d] + t * (point[d] - centroid[d]);
    }
    return out;
  }

  private static void sort(double[][] simplex, double[] values) {
    for (int i = 1; i < values.length; i++) {
      double v = values[i];
      double[] p = simplex[i];
      int j = i - 1;
      while (j >= 0 && (values[j] > v || Double.isNaN(values[j]))) {
        values[j + 1] = values[j];
        simplex[j + 1] = simplex[j];
        j--;
      }
      values[j + 1] = v;
      simplex[j + 1] = p;
    }
  }
}
