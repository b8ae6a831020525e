package dev.treue.serving.models;

import dev.treue.core.churn.ChurnModelBundle;
import dev.treue.core.churn.ChurnScore;
import dev.treue.core.churn.ChurnScorer;
import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.MemberStatus;
import dev.treue.core.feature.ChurnFeatures;
import dev.treue.core.i18n.Language;
import dev.treue.core.reason.ReasonWords;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A churn model ready to serve: the scorer, what the bundle says about it, and the base rate that
 * cold-start members get as an honest prior. That prior is the bundle's {@code training_base_rate}: the
 * share of churners among the rows the model was trained on (fit and calibration folds). It is
 * not {@code metrics.json}'s {@code validation_base_rate}, the churn rate of the later
 * held-out cutoff the report describes.
 *
 * @param version the registry version name
 * @param dir the bundle folder
 * @param scorer scores feature vectors
 * @param info model name, horizon, feature spec
 * @param trainingBaseRate the cold-start prior: share of churners in the training rows ({@code bundle.json}
 *     {@code training_base_rate}; for a bundle published before that entry, {@code metrics.json}
 *     {@code base_rate})
 * @param auc validation AUC when recorded, else NaN
 * @param loadedAt when this service loaded it
 */
public record ServingModel(
    String version,
    Path dir,
    ChurnScorer scorer,
    ChurnModelBundle.Info info,
    double trainingBaseRate,
    double auc,
    Instant loadedAt)
    implements ModelSource.Versioned {

  @Override
  public String modelName() {
    return info.modelName();
  }

  /** The member's feature vector for the day, lifetime features from this model's lifetime model. */
  public double[] features(CustomerState state, int asOfDay) {
    return scorer.features(state, asOfDay);
  }

  /** Scores vectors in one batched prediction; members below {@code reasonsFrom} get no reasons. */
  public List<ChurnScore> scoreAll(List<double[]> vectors, double reasonsFrom) {
    return scorer.scoreAll(vectors, reasonsFrom);
  }

  /** As {@link #scoreAll(List, double)}, with reasons in {@code language}. */
  public List<ChurnScore> scoreAll(List<double[]> vectors, double reasonsFrom, Language language) {
    ChurnScorer s =
        language == scorer.words().language() ? scorer : scorer.withWords(words(language));
    return s.scoreAll(vectors, reasonsFrom);
  }

  /** Reasons in {@code language}, money in the programme currency this model was loaded with. */
  public ReasonWords words(Language language) {
    return ReasonWords.of(language, scorer.words().currency());
  }

  /** The member's calibrated churn probability for the day, without reasons. */
  public double probability(CustomerState state, int asOfDay) {
    return scorer.probability(scorer.features(state, asOfDay));
  }

  /**
   * The whole vector {@link #features(CustomerState, int)} gives, from the vector without lifetime
   * features ({@code ChurnFeatures.compute(state, asOfDay)}) a caller already has.
   */
  public double[] features(double[] base) {
    return ChurnFeatures.withLifetime(base, scorer.lifetime());
  }

  /** The calibrated churn probability of a whole vector ({@link #features}), without reasons. */
  public double probability(double[] features) {
    return scorer.probability(features);
  }

  /**
   * The member's group on the day under the bundle's activity window ({@code active_days}): only
   * active members are scored for churn.
   */
  public MemberStatus status(CustomerState state, int asOfDay) {
    return info.status(state, asOfDay);
  }

  /** Months the lifetime model's CLV looks ahead. */
  public int clvHorizonMonths() {
    return scorer.lifetime().horizon().months();
  }
}
