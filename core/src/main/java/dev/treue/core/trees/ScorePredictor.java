package dev.treue.core.trees;

import dev.treue.core.feature.FeatureSpec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.impl.ArrayExample;

/**
 * Uncalibrated probabilities of a binary classifier's positive label for batches of feature vectors.
 * Gradient-boosted models are evaluated in Java from the booster's trees ({@link JavaTreePredictor}:
 * no native call, a vector with its variants in a few microseconds), or by the XGBoost booster
 * itself ({@link NativeTreePredictor}, about 12 us a call) when their trees are not in a form the
 * Java evaluator reproduces exactly; Tribuo's own path costs about 80 us a row. Other models go
 * through Tribuo. {@code bench/scoring-path.sh} compares the three.
 */
public interface ScorePredictor extends Serializable {

  /** One probability per vector, in order. */
  double[] predict(List<double[]> vectors);

  /** Vectors in a chunk of {@link #predictAll}; a batch under two chunks is predicted whole. */
  int CHUNK = 16_384;

  /**
   * As {@link #predict}, with a big batch split into chunks that the common fork-join pool's threads
   * predict side by side: training scores hundreds of thousands of rows on the driver, where the
   * booster's fits use every core and the predictions otherwise one. Each row's probability is the
   * same as from {@link #predict}: rows are predicted apart, whatever batch they come in. Not for
   * Spark tasks, which are already one per core.
   */
  default double[] predictAll(List<double[]> vectors) {
    int n = vectors.size();
    if (n < 2 * CHUNK) {
      return predict(vectors);
    }
    double[] out = new double[n];
    java.util.stream.IntStream.range(0, (n + CHUNK - 1) / CHUNK)
        .parallel()
        .forEach(
            c -> {
              int from = c * CHUNK;
              double[] p = predict(vectors.subList(from, Math.min(n, from + CHUNK)));
              System.arraycopy(p, 0, out, from, p.length);
            });
    return out;
  }

  /** Which path predicts: {@code tribuo}, {@code java-trees} or {@code xgboost-native}. */
  String path();

  /**
   * This predictor, told which features describe the thing being ranked (an offer) rather than whom
   * it is ranked for: a batch's rows differ on them, but their combinations repeat call after call.
   * The Java trees keep those features' turns per combination; other paths ignore it. Predictions
   * are the same to the bit.
   *
   * @param features indexes into the vectors
   */
  default ScorePredictor withCatalogFeatures(int[] features) {
    return this;
  }

  /**
   * For each vector, its probability and then one per group of {@code groups} (in order) with that
   * group's features set to {@code reference}'s: the inputs of churn reason codes. Equal to
   * {@link #predict} on those vectors; this default makes them and predicts them in one batch, the
   * Java trees skip most of the work for the groups they were built with.
   */
  default double[][] predictWithVariants(
      List<double[]> vectors, double[] reference, FeatureGroups groups) {
    int stride = 1 + groups.size();
    List<double[]> all = new ArrayList<>(vectors.size() * stride);
    for (double[] v : vectors) {
      all.add(v);
      for (int g = 0; g < groups.size(); g++) {
        all.add(groups.withReference(v, reference, g));
      }
    }
    double[] p = predict(all);
    double[][] out = new double[vectors.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = Arrays.copyOfRange(p, i * stride, (i + 1) * stride);
    }
    return out;
  }

  /**
   * For each vector its probability, and its variants' ({@link #predictWithVariants}) only when
   * {@code wantsVariants} accepts that probability: row {@code i} is {@code {p}} or the whole row
   * {@link #predictWithVariants} gives. What a scorer that explains only its risky members needs:
   * this default predicts the vectors, then the variants of those accepted; the Java trees decide a
   * vector's splits once for both.
   */
  default double[][] predictWithVariantsWhere(
      List<double[]> vectors,
      double[] reference,
      FeatureGroups groups,
      java.util.function.DoublePredicate wantsVariants) {
    double[] p = predict(vectors);
    double[][] out = new double[p.length][];
    List<double[]> wanted = new ArrayList<>();
    int[] wantedIndex = new int[p.length];
    for (int i = 0; i < p.length; i++) {
      if (wantsVariants.test(p[i])) {
        wantedIndex[wanted.size()] = i;
        wanted.add(vectors.get(i));
      } else {
        out[i] = new double[] {p[i]};
      }
    }
    double[][] variants = predictWithVariants(wanted, reference, groups);
    for (int k = 0; k < variants.length; k++) {
      out[wantedIndex[k]] = variants[k];
    }
    return out;
  }

  /**
   * The fastest exact predictor of {@code P(positive)} for any binary classifier trained on
   * {@code spec} (vectors in its order), without variants: the offer response model's.
   */
  static ScorePredictor of(Model<Label> model, FeatureSpec spec, String positive) {
    return of(model, spec, positive, FeatureGroups.NONE);
  }

  /**
   * The fastest exact predictor of {@code P(positive)} for any binary classifier trained on
   * {@code spec} (vectors in its order), built for the variants of {@code groups}
   * ({@link #predictWithVariants}): the churn model's, with its reason groups.
   */
  @SuppressWarnings("unchecked")
  static ScorePredictor of(
      Model<Label> model, FeatureSpec spec, String positive, FeatureGroups groups) {
    if (model instanceof XGBoostModel<?> trees && trees.getInnerModels().size() == 1) {
      XGBoostModel<Label> xgb = (XGBoostModel<Label>) trees;
      StringBuilder whyNot = new StringBuilder();
      Optional<JavaTreePredictor> java =
          JavaTreePredictor.of(xgb, spec.names(), positive, groups, whyNot);
      if (java.isPresent()) {
        return java.get();
      }
      System.getLogger(ScorePredictor.class.getName())
          .log(
              System.Logger.Level.INFO,
              "XGBoost trees not evaluated in Java (" + whyNot + "); using the native booster");
      return NativeTreePredictor.of(xgb, spec.names(), positive);
    }
    return new TribuoPredictor(model, spec, positive);
  }

  /**
   * The predictor of one named path, to compare paths (benchmarks) or to bypass one.
   *
   * @param path {@code tribuo} for any model; {@code java-trees} or {@code xgboost-native} for a
   *     Tribuo XGBoost model with one booster
   * @throws IllegalArgumentException naming the path when it is unknown or not possible for the model
   */
  @SuppressWarnings("unchecked")
  static ScorePredictor of(
      Model<Label> model, String path, FeatureSpec spec, String positive, FeatureGroups groups) {
    if (path.equals("tribuo")) {
      return new TribuoPredictor(model, spec, positive);
    }
    if (!(model instanceof XGBoostModel<?> trees) || trees.getInnerModels().size() != 1) {
      throw new IllegalArgumentException(
          "predictor path '"
              + path
              + "' needs an XGBoost model with one booster, got "
              + model.getClass().getSimpleName());
    }
    XGBoostModel<Label> xgb = (XGBoostModel<Label>) trees;
    StringBuilder whyNot = new StringBuilder();
    return switch (path) {
      case "xgboost-native" -> NativeTreePredictor.of(xgb, spec.names(), positive);
      case "java-trees" ->
          JavaTreePredictor.of(xgb, spec.names(), positive, groups, whyNot)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "predictor path 'java-trees' cannot read these trees: " + whyNot));
      default ->
          throw new IllegalArgumentException(
              "unknown predictor path '"
                  + path
                  + "', expected tribuo, java-trees or xgboost-native");
    };
  }

  /** Tribuo's own prediction path, used for models without a faster one. */
  final class TribuoPredictor implements ScorePredictor {
    private static final long serialVersionUID = 1L;
    private final Model<Label> model;
    private final String[] names;
    private final String positive;

    /** Tribuo's path for any classifier trained on {@code spec}, giving the probability of {@code positive}. */
    public TribuoPredictor(Model<Label> model, FeatureSpec spec, String positive) {
      this.model = model;
      this.names = spec.names().toArray(new String[0]);
      this.positive = positive;
    }

    @Override
    public String path() {
      return "tribuo";
    }

    @Override
    public double[] predict(List<double[]> vectors) {
      List<Example<Label>> examples = new ArrayList<>(vectors.size());
      for (double[] v : vectors) {
        examples.add(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, v));
      }
      List<Prediction<Label>> predictions = model.predict(examples);
      double[] p = new double[predictions.size()];
      for (int i = 0; i < p.length; i++) {
        Label label = predictions.get(i).getOutputScores().get(positive);
        if (label == null) {
          throw new IllegalStateException(
              "the model does not predict the label '" + positive + "'");
        }
        p[i] = label.getScore();
      }
      return p;
    }
  }
}
