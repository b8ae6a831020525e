package dev.treue.core.calibration;

/**
 * Newton's method for the two-parameter logistic fit of {@link PlattCalibrator}, with step halving
 * so that every accepted step lowers the cross-entropy.
 */
final class PlattNewton {
  private static final double TOLERANCE = 1e-10;
  // Keeps the Hessian invertible when every row has the same raw score.
  private static final double RIDGE = 1e-12;

  private final double[] x;
  private final double[] target;
  private final double[] weights;

  PlattNewton(double[] x, double[] target, double[] weights) {
    this.x = x;
    this.target = target;
    this.weights = weights;
  }

  PlattCalibrator solve(int maxIterations) {
    double a = 1;
    double b = 0;
    double loss = loss(a, b);
    for (int iteration = 0; iteration < maxIterations; iteration++) {
      double ga = 0;
      double gb = 0;
      double haa = RIDGE;
      double hab = 0;
      double hbb = RIDGE;
      for (int i = 0; i < x.length; i++) {
        double p = PlattCalibrator.sigmoid(a * x[i] + b);
        double residual = weights[i] * (p - target[i]);
        double curvature = weights[i] * p * (1 - p);
        ga += residual * x[i];
        gb += residual;
        haa += curvature * x[i] * x[i];
        hab += curvature * x[i];
        hbb += curvature;
      }
      double determinant = haa * hbb - hab * hab;
      if (!(determinant > 0)) {
        break;
      }
      double stepA = (hbb * ga - hab * gb) / determinant;
      double stepB = (haa * gb - hab * ga) / determinant;
      double scale = 1;
      double nextLoss = loss(a - stepA, b - stepB);
      while (nextLoss > loss && scale > 1e-8) {
        scale /= 2;
        nextLoss = loss(a - scale * stepA, b - scale * stepB);
      }
      if (nextLoss > loss) {
        break;
      }
      a -= scale * stepA;
      b -= scale * stepB;
      loss = nextLoss;
      if (Math.abs(scale * stepA) + Math.abs(scale * stepB) < TOLERANCE) {
        break;
      }
    }
    return new PlattCalibrator(a, b);
  }

  private double loss(double a, double b) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      double z = a * x[i] + b;
      // log(1 + e^z) - t z, written to stay finite for large |z|.
      double softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
      sum += weights[i] * (softplus - target[i] * z);
    }
    return sum;
  }
}
