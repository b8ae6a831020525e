package dev.treue.core.churn;

import dev.treue.core.calibration.ProbabilityCalibrator;
import dev.treue.core.clv.LifetimeModel;
import dev.treue.core.customer.CustomerState;
import dev.treue.core.feature.ChurnFeatures;
import dev.treue.core.feature.FeatureSpec;
import dev.treue.core.reason.Reason;
import dev.treue.core.reason.ReasonWords;
import dev.treue.core.trees.ScorePredictor;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/**
 * Scores feature vectors with a trained churn model: Tribuo's raw probability, then the calibrator,
 * then reason codes. Reasons compare the member with a typical retained member (the reference
 * vector) one {@link ReasonGroup} at a time, all in one batched prediction.
 */
public final class ChurnScorer implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Tribuo label of the positive class. */
  public static final String CHURN = "churn";

  /** Tribuo label of the negative class. */
  public static final String STAY = "stay";

  /** Reasons shown per member. */
  public static final int MAX_REASONS = 3;

  private static final ReasonGroup[] GROUPS = ReasonGroup.values();

  private final Model<Label> model;
  private final ProbabilityCalibrator calibrator;
  private final double[] reference;
  private final LifetimeModel lifetime;
  private final ScorePredictor predictor;
  private final ReasonWords words;

  /**
   * @param model a Tribuo classifier over {@link #CHURN} and {@link #STAY} trained on {@code spec}
   * @param calibrator maps the model's raw churn probability to a calibrated one
   * @param reference a typical retained member's feature vector
   * @param lifetime the lifetime model the training vectors' lifetime features came from
   */
  public ChurnScorer(
      Model<Label> model,
      ProbabilityCalibrator calibrator,
      double[] reference,
      LifetimeModel lifetime) {
    this(model, calibrator, reference, lifetime, predictor(model), ReasonWords.ENGLISH_EUR);
  }

  /**
   * A scorer on one named prediction path (see {@link #predictor(Model, String)}), to
   * compare paths; the other constructor picks the fastest.
   */
  public ChurnScorer(
      Model<Label> model,
      ProbabilityCalibrator calibrator,
      double[] reference,
      LifetimeModel lifetime,
      String predictorPath) {
    this(
        model,
        calibrator,
        reference,
        lifetime,
        predictor(model, predictorPath),
        ReasonWords.ENGLISH_EUR);
  }

  private ChurnScorer(
      Model<Label> model,
      ProbabilityCalibrator calibrator,
      double[] reference,
      LifetimeModel lifetime,
      ScorePredictor predictor,
      ReasonWords words) {
    this.model = model;
    this.words = java.util.Objects.requireNonNull(words, "reason words");
    this.calibrator = calibrator;
    this.reference = reference.clone();
    this.lifetime = java.util.Objects.requireNonNull(lifetime, "lifetime model");
    this.predictor = predictor;
    if (reference.length != ChurnFeatures.SPEC.size()) {
      throw new IllegalArgumentException(
          "reference vector has "
              + reference.length
              + " values, the feature spec "
              + ChurnFeatures.SPEC.size());
    }
  }

  /**
   * This scorer with reasons in other words: another language's table or the programme's
   * currency ({@link ReasonWords#in}). The model and its predictor are shared, not copied.
   */
  public ChurnScorer withWords(ReasonWords other) {
    return new ChurnScorer(model, calibrator, reference, lifetime, predictor, other);
  }

  /** The words reasons are given in. */
  public ReasonWords words() {
    return words;
  }

  /** The feature spec this scorer expects. */
  public FeatureSpec spec() {
    return ChurnFeatures.SPEC;
  }

  public Model<Label> model() {
    return model;
  }

  public ProbabilityCalibrator calibrator() {
    return calibrator;
  }

  /** The lifetime model whose features this scorer's vectors carry. */
  public LifetimeModel lifetime() {
    return lifetime;
  }

  /**
   * The member's full feature vector on {@code asOfDay}, lifetime features included: what every
   * caller that scores a state should use.
   */
  public double[] features(CustomerState state, int asOfDay) {
    return ChurnFeatures.compute(state, asOfDay, lifetime);
  }

  /** The typical retained member's vector the reasons compare against. */
  public double[] reference() {
    return reference.clone();
  }

  /** Which prediction path this scorer uses, e.g. {@code java-trees}. */
  public String predictorPath() {
    return predictor.path();
  }

  /** The model's uncalibrated churn probabilities, one batched prediction. */
  public double[] rawProbabilities(List<double[]> vectors) {
    return predictor.predict(vectors);
  }

  /**
   * A churn model's uncalibrated probabilities, before a calibrator exists (training, on the
   * driver): a big batch is predicted on several cores ({@link ScorePredictor#predictAll}).
   */
  public static double[] rawProbabilities(Model<Label> model, List<double[]> vectors) {
    return predictor(model).predictAll(vectors);
  }

  /** The fastest exact predictor of a churn model's uncalibrated probabilities, with fast reason variants. */
  public static ScorePredictor predictor(Model<Label> model) {
    return ScorePredictor.of(model, ChurnFeatures.SPEC, CHURN, ReasonGroup.VARIANTS);
  }

  /**
   * A churn model's predictor on one named path: {@code tribuo}, {@code java-trees} or
   * {@code xgboost-native}, to compare paths (benchmarks) or to bypass one.
   */
  public static ScorePredictor predictor(Model<Label> model, String path) {
    return ScorePredictor.of(model, path, ChurnFeatures.SPEC, CHURN, ReasonGroup.VARIANTS);
  }

  /** Calibrated probability of one vector, without reasons. */
  public double probability(double[] vector) {
    return calibrator.calibrate(predictor.predict(List.of(vector))[0]);
  }

  /** Scores one vector with reasons. */
  public ChurnScore score(double[] vector) {
    return scoreAll(List.of(vector)).get(0);
  }

  /** Scores many vectors with reasons in one batched prediction (for Spark partitions). */
  public List<ChurnScore> scoreAll(List<double[]> vectors) {
    return scoreAll(vectors, 0);
  }

  /**
   * Scores many vectors, with reasons only for members whose probability reaches
   * {@code reasonsFrom}: reasons cost one extra prediction per {@link ReasonGroup}, and a list of
   * at-risk members rarely needs them for the safe majority.
   */
  public List<ChurnScore> scoreAll(List<double[]> vectors, double reasonsFrom) {
    int n = vectors.size();
    // Row i: the raw probability, then its variants' when the member gets reasons.
    double[][] rows =
        reasonsFrom <= 0
            // Everyone gets reasons: one pass gives each member's probability with its variants'.
            ? predictor.predictWithVariants(vectors, reference, ReasonGroup.VARIANTS)
            // Each vector's splits are decided once for its probability and its variants'.
            : predictor.predictWithVariantsWhere(
                vectors,
                reference,
                ReasonGroup.VARIANTS,
                r -> calibrator.calibrate(r) >= reasonsFrom);
    List<ChurnScore> scores = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double[] row = rows[i];
      double p = calibrator.calibrate(row[0]);
      List<Reason> reasons = List.of();
      if (row.length > 1) {
        double[] lift = new double[GROUPS.length];
        for (int g = 0; g < GROUPS.length; g++) {
          // Positive when the member's own values in this group raise the risk above the typical
          // one.
          lift[g] = row[0] - row[1 + g];
        }
        reasons = reasons(vectors.get(i), lift);
      }
      scores.add(new ChurnScore(p, RiskBand.of(p), words.render(reasons), reasons));
    }
    return scores;
  }

  /**
   * The strongest reasons, strongest first: groups whose reference values lower the probability
   * and whose words quote a value on the high-risk side of the reference (see {@link ReasonGroup}).
   */
  private List<Reason> reasons(double[] vector, double[] lift) {
    Integer[] order = new Integer[lift.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(lift[b], lift[a]));
    List<Reason> out = new ArrayList<>(MAX_REASONS);
    for (int i = 0; i < order.length && out.size() < MAX_REASONS; i++) {
      if (lift[order[i]] <= 1e-6) {
        break;
      }
      Reason reason = GROUPS[order[i]].reason(vector, reference, words);
      if (reason != null && !out.contains(reason)) {
        out.add(reason);
      }
    }
    return out;
  }
}
