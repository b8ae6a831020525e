package dev.treue.core.offers;

import dev.treue.core.calibration.ProbabilityCalibrator;
import dev.treue.core.feature.FeatureSpec;
import dev.treue.core.trees.ScorePredictor;
import java.io.Serializable;
import java.util.List;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/**
 * The offer response model at prediction time: P(the member redeems the offer within its validity
 * window) for batches of offer feature vectors. Gradient-boosted models are evaluated by the exact
 * Java tree evaluator (no native call per request; the ranking budget is well under a millisecond
 * for 50 offers), other models through Tribuo; an optional calibrator maps the raw probability.
 * Immutable and serializable, so Spark broadcasts it and service threads share it.
 */
public final class OfferResponseScorer implements ResponsePredictor, Serializable {
  private static final long serialVersionUID = 1L;

  /** Tribuo label of an exposure the member redeemed within the validity window. */
  public static final String REDEEMED = "redeemed";

  /** Tribuo label of an exposure the member let pass. */
  public static final String IGNORED = "ignored";

  private final Model<Label> model;
  // FeatureSpec is not serializable; its parts are.
  private final String specVersion;
  private final List<String> specNames;
  private final ProbabilityCalibrator calibrator;
  private final ScorePredictor predictor;
  private final OfferPriors priors;

  /**
   * @param model a Tribuo classifier over {@link #REDEEMED} and {@link #IGNORED} trained on {@code spec}
   * @param spec the feature names in vector order the model was trained on
   * @param calibrator maps the raw probability to a calibrated one, or null to use it as it is
   */
  public OfferResponseScorer(
      Model<Label> model, FeatureSpec spec, ProbabilityCalibrator calibrator) {
    this(model, spec, calibrator, OfferPriors.NONE);
  }

  /**
   * @param priors the redemption rates by kind and category its training vectors were computed with
   */
  public OfferResponseScorer(
      Model<Label> model, FeatureSpec spec, ProbabilityCalibrator calibrator, OfferPriors priors) {
    this.priors = priors;
    this.model = model;
    this.specVersion = spec.version();
    this.specNames = List.copyOf(spec.names());
    this.calibrator = calibrator;
    // A ranking's rows differ on the offer's features only, and those repeat request after request.
    this.predictor =
        ScorePredictor.of(model, spec, REDEEMED)
            .withCatalogFeatures(
                spec.names().equals(OfferFeatures.spec().names())
                    ? OfferFeatures.offerOnlyFeatures()
                    : new int[0]);
  }

  /**
   * The model's raw redemption probabilities, before a calibrator exists (training, on the driver:
   * a big batch on several cores, {@link ScorePredictor#predictAll}).
   */
  public static double[] rawProbabilities(
      Model<Label> model, FeatureSpec spec, List<double[]> vectors) {
    return ScorePredictor.of(model, spec, REDEEMED).predictAll(vectors);
  }

  public Model<Label> model() {
    return model;
  }

  /** The feature spec this scorer expects. */
  public FeatureSpec spec() {
    return new FeatureSpec(specVersion, specNames);
  }

  /** The calibrator, or null when the raw probability is used. */
  public ProbabilityCalibrator calibrator() {
    return calibrator;
  }

  /** Which prediction path this scorer uses: {@code java-trees}, {@code xgboost-native} or {@code tribuo}. */
  public String predictorPath() {
    return predictor.path();
  }

  /**
   * Redemption probabilities, one per vector, in one batched prediction.
   *
   * @throws IllegalArgumentException when a vector's length is not the spec's
   */
  @Override
  public double[] predict(List<double[]> vectors) {
    for (double[] v : vectors) {
      if (v.length != specNames.size()) {
        throw new IllegalArgumentException(
            "offer feature vector has "
                + v.length
                + " values, the model's feature spec "
                + specVersion
                + " has "
                + specNames.size());
      }
    }
    double[] p = predictor.predict(vectors);
    return calibrator == null ? p : calibrator.calibrateAll(p);
  }

  @Override
  public OfferPriors priors() {
    return priors;
  }
}
