package dev.treue.serving.models;

import dev.treue.core.churn.ChurnModelBundle;
import dev.treue.core.churn.ChurnScorer;
import java.nio.file.Path;
import java.time.Instant;

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
 * @param baseRate the cold-start prior: share of churners in the training rows ({@code bundle.json}
 *     {@code training_base_rate}; for a bundle published before that entry, {@code metrics.json}
 *     {@code base_rate})
 * @param auc validation AUC when recorded, else NaN
 * @param loadedAt when this service loaded it
 */
public record ServingModel(String version, Path dir, ChurnScorer scorer, ChurnModelBundle.Info info, double baseRate,
    double auc, Instant loadedAt) implements ModelSource.Versioned {

  @Override
  public String modelName() {
    return info.modelName();
  }
}
