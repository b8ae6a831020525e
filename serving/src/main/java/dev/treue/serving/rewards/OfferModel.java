package dev.treue.serving.rewards;

import dev.treue.core.offers.OfferModelBundle;
import dev.treue.core.offers.OfferResponseScorer;
import dev.treue.serving.models.ModelSource;
import java.nio.file.Path;
import java.time.Instant;

/**
 * An offer response model ready to rank with.
 *
 * @param version the registry version name
 * @param dir the bundle folder
 * @param scorer P(redeem) for feature vectors
 * @param info model name, feature spec, base redemption rate
 * @param loadedAt when this service loaded it
 */
public record OfferModel(
    String version,
    Path dir,
    OfferResponseScorer scorer,
    OfferModelBundle.Info info,
    Instant loadedAt)
    implements ModelSource.Versioned {

  @Override
  public String modelName() {
    return info.modelName();
  }
}
