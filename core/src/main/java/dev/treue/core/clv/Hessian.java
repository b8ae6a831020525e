package dev.treue.core.clv;

import java.util.function.ToDoubleFunction;

/**
 * Standard errors of maximum-likelihood estimates from the observed information: the Hessian of
 * the log-likelihood by central differences in log-parameter space, inverted, then carried to the
 * natural parameters by the delta method (SE(theta) = theta * SE(log theta)).
 */
final class Hessian {
  private static final double STEP = 1e-4;

  private Hessian() {}

  /**
   * @param logLikelihood of the log parameters
   * @param logParams the maximum
   * @return one standard error per parameter, in natural units; NaN for all when the observed
   *     information is not positive definite (the optimum is a ridge or a bound), which callers report
   */
  static double[] standardErrors(ToDoubleFunction<double[]> logLikelihood, double[] logParams) {
    int n = logParams.length;
    double f0 = logLikelihood.applyAsDouble(logParams);
    double[][] information = new double[n][n];
    for (int i = 0; i < n; i++) {
      double up = logLikelihood.applyAsDouble(shifted(logParams, i, STEP, i, 0));
      double down = logLikelihood.applyAsDouble(shifted(logParams, i, -STEP, i, 0));
      information[i][i] = -(up - 2 * f0 + down) / (STEP * STEP);
      for (int j = 0; j < i; j++) {
        double pp = logLikelihood.applyAsDouble(shifted(logParams, i, STEP, j, STEP));
        double pm = logLikelihood.applyAsDouble(shifted(logParams, i, STEP, j, -STEP));
        double mp = logLikelihood.applyAsDouble(shifted(logParams, i, -STEP, j, STEP));
        double mm = logLikelihood.applyAsDouble(shifted(logParams, i, -STEP, j, -STEP));
        information[i][j] = -(pp - pm - mp + mm) / (4 * STEP * STEP);
        information[j][i] = information[i][j];
      }
    }
    double[][] covariance = inverse(information);
    double[] errors = new double[n];
    for (int i = 0; i < n; i++) {
      double variance = covariance == null ? Double.NaN : covariance[i][i];
      if (!(variance > 0) || !Double.isFinite(variance)) {
        java.util.Arrays.fill(errors, Double.NaN);
        return errors;
      }
      errors[i] = Math.exp(logParams[i]) * Math.sqrt(variance);
    }
    return errors;
  }

  private static double[] shifted(double[] x, int i, double di, int j, double dj) {
    double[] y = x.clone();
    y[i] += di;
    y[j] += dj;
    return y;
  }

  /** Gauss-Jordan with partial pivoting; null when singular. */
  private static double[][] inverse(double[][] m) {
    int n = m.length;
    double[][] a = new double[n][2 * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(m[i], 0, a[i], 0, n);
      a[i][n + i] = 1;
    }
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int row = col + 1; row < n; row++) {
        if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
          pivot = row;
        }
      }
      if (!(Math.abs(a[pivot][col]) > 1e-300)) {
        return null;
      }
      double[] swap = a[col];
      a[col] = a[pivot];
      a[pivot] = swap;
      double d = a[col][col];
      for (int k = 0; k < 2 * n; k++) {
        a[col][k] /= d;
      }
      for (int row = 0; row < n; row++) {
        if (row != col && a[row][col] != 0) {
          double factor = a[row][col];
          for (int k = 0; k < 2 * n; k++) {
            a[row][k] -= factor * a[col][k];
          }
        }
      }
    }
    double[][] inv = new double[n][n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], n, inv[i], 0, n);
    }
    return inv;
  }
}
