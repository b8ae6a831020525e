package dev.treue.training.churn;

import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;
import dev.treue.core.churn.ChurnScorer;
import dev.treue.core.concurrent.ChunkedSum;
import dev.treue.core.trees.FeatureIdsByPosition;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.Parameters;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.la.Tensor;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.provenance.impl.TrainerProvenanceImpl;

/**
 * Logistic regression with an L2 penalty, solved to convergence by Newton's method on the whole
 * training set (the churn features are a few dozen columns, so each Newton step is one pass and a
 * small linear solve). Tribuo's own logistic trainer runs a fixed number of SGD epochs and neither
 * regularises nor says whether it converged; here both are explicit and printed.
 *
 * <p>The result is an ordinary Tribuo linear model (built by {@link LinearSGDTrainer} whose optimiser
 * only places the Newton solution), so the bundle stores, and the service loads, what Tribuo
 * always stored. Wrap it in a {@code TransformTrainer} with a mean/standard-deviation
 * transformation: the scaling is then fitted on the training rows only and travels in the model.
 *
 * <p>Minimises {@code -(1/n) sum log p(y_i) + (lambda/2) |w|^2}, bias not penalised.
 */
final class L2Logistic implements Trainer<Label> {
  private static final int MAX_ITERATIONS = 100;
  private static final double GRADIENT_TOLERANCE = 1e-7;

  /** How a fit ended, for the console and the tests. */
  record Convergence(double lambda, int iterations, double loss, boolean converged) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "L2 %.0e: %s in %d Newton iterations, final penalised loss %.5f",
          lambda,
          converged ? "converged" : "NOT converged",
          iterations,
          loss);
    }
  }

  private final double lambda;

  /** Where the solver starts: coefficients by feature name, the bias under {@link #BIAS}. */
  private final Map<String, Double> start;

  private Convergence last;
  private int invocations;

  /** The key of the bias in a starting solution (not a feature name: those are the spec's). */
  private static final String BIAS = "";

  L2Logistic(double lambda) {
    this(lambda, Map.of());
  }

  private L2Logistic(double lambda, Map<String, Double> start) {
    if (!(lambda > 0)) {
      throw new IllegalArgumentException("lambda must be > 0, got " + lambda);
    }
    this.lambda = lambda;
    this.start = start;
  }

  /**
   * A trainer whose solver starts at a solution found already ({@code beta} by the ids of {@code
   * features}, the bias last), not at zero: the search's chosen strength trained once more through
   * the standardising trainer, on the same rows scaled the same way, starts at its optimum and
   * confirms it in a step at most. On other rows it solves on from there to their optimum.
   */
  static L2Logistic startingAt(double lambda, ImmutableFeatureMap features, double[] beta) {
    Map<String, Double> start = new HashMap<>();
    for (int id = 0; id < features.size(); id++) {
      start.put(features.get(id).getName(), beta[id]);
    }
    start.put(BIAS, beta[features.size()]);
    return new L2Logistic(lambda, Map.copyOf(start));
  }

  /** How the latest {@link #train} ended. */
  Convergence lastConvergence() {
    return last;
  }

  @Override
  public Model<Label> train(
      Dataset<Label> examples, Map<String, com.oracle.labs.mlrg.olcut.provenance.Provenance> run) {
    return train(examples, run, INCREMENT_INVOCATION_COUNT);
  }

  @Override
  public Model<Label> train(
      Dataset<Label> examples,
      Map<String, com.oracle.labs.mlrg.olcut.provenance.Provenance> run,
      int invocationCount) {
    return train(examples, Rows.of(examples), run);
  }

  /**
   * A dataset's rows as the solver reads them: each row's features by the dataset's feature ids,
   * the bias last, churn as 1. Read once when several strengths train on the same dataset; the
   * solver only reads them, so they can be shared between threads.
   */
  record Rows(double[][] x, double[] y) {
    static Rows of(Dataset<Label> examples) {
      double[] y = new double[examples.size()];
      int i = 0;
      for (Example<Label> e : examples) {
        y[i++] = e.getOutput().getLabel().equals(ChurnScorer.CHURN) ? 1 : 0;
      }
      return new Rows(matrix(examples, examples.getFeatureIDMap(), examples.size()), y);
    }

    /**
     * Examples as the solver's rows: each by the feature ids of {@code features} (a feature the map
     * does not know is left out, as a model's prediction leaves it out), the bias last.
     */
    static double[][] matrix(
        Iterable<? extends Example<Label>> examples, ImmutableFeatureMap features, int size) {
      int d = features.size();
      double[][] x = new double[size][d + 1];
      FeatureIdsByPosition ids = new FeatureIdsByPosition(features);
      int i = 0;
      for (Example<Label> e : examples) {
        int k = 0;
        for (Feature f : e) {
          int id = ids.id(k++, f.getName());
          if (id >= 0) {
            x[i][id] = f.getValue();
          }
        }
        x[i][d] = 1;
        i++;
      }
      return x;
    }
  }

  /**
   * The solutions for several strengths on the same rows, each with how its fit ended. Solved from
   * the strongest to the weakest, each starting at the solution of the one before: neighbouring
   * strengths' solutions are close, so Newton's method needs a few steps where it needed five to
   * nine from zero (on the churn rows at 200,000 members). Every solution meets the same gradient
   * tolerance as one solved from zero; both are the same optimum within it.
   *
   * @param lambdas the strengths, in any order; the solutions come back in that order
   * @throws IllegalArgumentException without rows to fit
   */
  static Path path(Rows rows, double[] lambdas) {
    if (rows.x().length == 0) {
      throw new IllegalArgumentException("the logistic regression has no rows to fit");
    }
    Integer[] strongestFirst = new Integer[lambdas.length];
    for (int k = 0; k < lambdas.length; k++) {
      strongestFirst[k] = k;
    }
    Arrays.sort(strongestFirst, (a, b) -> Double.compare(lambdas[b], lambdas[a]));
    double[][] betas = new double[lambdas.length][];
    Convergence[] fits = new Convergence[lambdas.length];
    double[] beta = new double[rows.x()[0].length];
    for (int k : strongestFirst) {
      fits[k] = newton(rows.x(), rows.y(), lambdas[k], beta);
      betas[k] = beta.clone();
    }
    return new Path(betas, fits);
  }

  /**
   * Solutions along a strength path ({@link #path}).
   *
   * @param betas per strength, the coefficients by the rows' feature ids, the bias last
   * @param fits per strength, how its solve ended
   */
  record Path(double[][] betas, Convergence[] fits) {}

  /** The churn probability of each row under coefficients {@code beta} (bias last). */
  static double[] probabilities(double[][] x, double[] beta) {
    double[] p = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      p[i] = sigmoid(dot(x[i], beta));
    }
    return p;
  }

  /** Trains on {@code examples}, whose rows {@code rows} holds already ({@link Rows#of}). */
  private Model<Label> train(
      Dataset<Label> examples,
      Rows rows,
      Map<String, com.oracle.labs.mlrg.olcut.provenance.Provenance> run) {
    ImmutableOutputInfo<Label> labels = examples.getOutputIDInfo();
    int d = examples.getFeatureIDMap().size();
    double[][] x = rows.x();
    double[] y = rows.y();
    double[] beta = new double[d + 1];
    if (!start.isEmpty()) {
      ImmutableFeatureMap features = examples.getFeatureIDMap();
      for (int id = 0; id < d; id++) {
        beta[id] = start.getOrDefault(features.get(id).getName(), 0.0);
      }
      beta[d] = start.get(BIAS);
    }
    last = newton(x, y, lambda, beta);
    invocations++;
    // Softmax over two labels with the stay row at zero is the logistic function of the churn row.
    DenseMatrix w = new DenseMatrix(labels.size(), d + 1);
    int churn = labels.getID(new Label(ChurnScorer.CHURN));
    if (churn >= 0) {
      for (int j = 0; j <= d; j++) {
        w.set(churn, j, beta[j]);
      }
    }
    LinearSGDTrainer placing =
        new LinearSGDTrainer(new LogMulticlass(), new Place(w), 0, -1, 1024, 1L);
    return placing.train(examples, run);
  }

  /** Newton's method with step halving from the given {@code beta}, which it fills (bias last). */
  static Convergence newton(double[][] x, double[] y, double lambda, double[] beta) {
    int p = beta.length;
    double loss = loss(x, y, lambda, beta);
    for (int it = 1; it <= MAX_ITERATIONS; it++) {
      double[] sums = gradientAndHessian(x, y, beta);
      double[] g = new double[p];
      double[][] h = new double[p][p];
      double gmax = 0;
      for (int a = 0, t = p; a < p; a++) {
        g[a] = sums[a];
        for (int b = 0; b <= a; b++) {
          h[a][b] = sums[t++];
          h[b][a] = h[a][b];
        }
        if (a < p - 1) {
          g[a] += lambda * beta[a];
          h[a][a] += lambda;
        } else {
          h[a][a] += 1e-10;
        }
        gmax = Math.max(gmax, Math.abs(g[a]));
      }
      if (gmax < GRADIENT_TOLERANCE) {
        return new Convergence(lambda, it - 1, loss, true);
      }
      double[] step = solve(h, g);
      double t = 1;
      double[] next = new double[p];
      double nextLoss;
      do {
        for (int a = 0; a < p; a++) {
          next[a] = beta[a] - t * step[a];
        }
        nextLoss = loss(x, y, lambda, next);
        t /= 2;
      } while (!(nextLoss <= loss) && t > 1e-10);
      System.arraycopy(next, 0, beta, 0, p);
      double change = loss - nextLoss;
      loss = nextLoss;
      if (change >= 0 && change < 1e-14) {
        return new Convergence(lambda, it, loss, true);
      }
    }
    return new Convergence(lambda, MAX_ITERATIONS, loss, false);
  }

  /**
   * The unpenalised mean log loss's gradient (first {@code p} values) and Hessian (its lower
   * triangle, row by row) at {@code beta}, summed on every core in chunks added in a fixed order
   * ({@link ChunkedSum}), so the sums do not depend on how many cores there are.
   */
  private static double[] gradientAndHessian(double[][] x, double[] y, double[] beta) {
    int n = x.length;
    int p = beta.length;
    int width = p + p * (p + 1) / 2;
    return ChunkedSum.ofVectors(
        n,
        width,
        (from, to) -> {
          double[] g = new double[p];
          double[][] h = new double[p][];
          for (int a = 0; a < p; a++) {
            h[a] = new double[a + 1];
          }
          for (int i = from; i < to; i++) {
            double[] xi = x[i];
            double mu = sigmoid(dot(xi, beta));
            double r = (mu - y[i]) / n;
            double wgt = Math.max(mu * (1 - mu), 1e-12) / n;
            for (int a = 0; a < p; a++) {
              g[a] += r * xi[a];
              double wa = wgt * xi[a];
              double[] ha = h[a];
              for (int b = 0; b <= a; b++) {
                ha[b] += wa * xi[b];
              }
            }
          }
          double[] packed = new double[width];
          System.arraycopy(g, 0, packed, 0, p);
          for (int a = 0, t = p; a < p; t += a + 1, a++) {
            System.arraycopy(h[a], 0, packed, t, a + 1);
          }
          return packed;
        });
  }

  static double loss(double[][] x, double[] y, double lambda, double[] beta) {
    double sum =
        ChunkedSum.of(
            x.length,
            i -> {
              double z = dot(x[i], beta);
              // log(1 + e^z) - y z, computed without overflow.
              return (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[i] * z;
            });
    double penalty = 0;
    for (int a = 0; a < beta.length - 1; a++) {
      penalty += beta[a] * beta[a];
    }
    return sum / x.length + lambda / 2 * penalty;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      s += a[k] * b[k];
    }
    return s;
  }

  private static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  /** Solves the symmetric positive definite system by Cholesky. */
  private static double[] solve(double[][] h, double[] g) {
    int p = g.length;
    double[][] l = new double[p][p];
    for (int a = 0; a < p; a++) {
      for (int b = 0; b <= a; b++) {
        double s = h[a][b];
        for (int k = 0; k < b; k++) {
          s -= l[a][k] * l[b][k];
        }
        l[a][b] = a == b ? Math.sqrt(Math.max(s, 1e-300)) : s / l[b][b];
      }
    }
    double[] z = new double[p];
    for (int a = 0; a < p; a++) {
      double s = g[a];
      for (int k = 0; k < a; k++) {
        s -= l[a][k] * z[k];
      }
      z[a] = s / l[a][a];
    }
    double[] out = new double[p];
    for (int a = p - 1; a >= 0; a--) {
      double s = z[a];
      for (int k = a + 1; k < p; k++) {
        s -= l[k][a] * out[k];
      }
      out[a] = s / l[a][a];
    }
    return out;
  }

  @Override
  public int getInvocationCount() {
    return invocations;
  }

  @Override
  public void setInvocationCount(int count) {
    invocations = count;
  }

  @Override
  public String toString() {
    return "L2Logistic(lambda=" + lambda + ")";
  }

  @Override
  public TrainerProvenance getProvenance() {
    return new TrainerProvenanceImpl(this);
  }

  /** An "optimiser" that ignores the SGD steps and leaves the given weights in place. */
  private static final class Place implements StochasticGradientOptimiser {
    private final DenseMatrix weights;
    private Parameters parameters;

    Place(DenseMatrix weights) {
      this.weights = weights;
    }

    @Override
    public void initialise(Parameters p) {
      parameters = p;
    }

    @Override
    public Tensor[] step(Tensor[] updates, double weight) {
      for (Tensor t : updates) {
        t.scaleInPlace(0);
      }
      return updates;
    }

    @Override
    public void finalise() {
      parameters.set(new Tensor[] {weights.copy()});
    }

    @Override
    public void reset() {
      parameters = null;
    }

    @Override
    public StochasticGradientOptimiser copy() {
      return new Place(weights);
    }

    @Override
    public ConfiguredObjectProvenance getProvenance() {
      return new ConfiguredObjectProvenanceImpl(this, "StochasticGradientOptimiser");
    }
  }
}
