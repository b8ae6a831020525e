package dev.treue.serving.models;

import dev.treue.core.churn.ChurnModelBundle;
import dev.treue.core.churn.ChurnScorer;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A churn model ready to serve: the scorer, what the bundle says about it, and the base rate that
 * cold-start members get as an honest prior.
 *
 * @param version the registry version name
 * @param dir the bundle folder
 * @param scorer scores feature vectors
 * @param info model name, horizon, feature spec
 * @param baseRate share of churners in the training data ({@code metrics.json} {@code base_rate})
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
