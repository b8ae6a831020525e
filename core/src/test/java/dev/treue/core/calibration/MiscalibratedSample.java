package dev.treue.core.calibration;

import java.util.Random;

/**
 * Rows whose true churn probability is {@code sigmoid(2x)} while the model says {@code
 * sigmoid(x)}: under-confident scores that a calibrator should sharpen.
 */
record MiscalibratedSample(double[] raw, boolean[] churned) {

  static MiscalibratedSample draw(int n, long seed) {
    Random random = new Random(seed);
    double[] raw = new double[n];
    boolean[] churned = new boolean[n];
    for (int i = 0; i < n; i++) {
      double x = random.nextGaussian() * 1.5;
      raw[i] = PlattCalibrator.sigmoid(x);
      churned[i] = random.nextDouble() < PlattCalibrator.sigmoid(2 * x);
    }
    return new MiscalibratedSample(raw, churned);
  }

  double logLoss(double[] p) {
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      sum -= churned[i] ? Math.log(p[i]) : Math.log1p(-p[i]);
    }
    return sum / p.length;
  }
}
