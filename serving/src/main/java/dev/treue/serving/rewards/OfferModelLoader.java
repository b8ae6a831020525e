package dev.treue.serving.rewards;

import dev.treue.core.offers.Offer;
import dev.treue.core.offers.OfferCatalog;
import dev.treue.core.offers.OfferFeatures;
import dev.treue.core.offers.OfferKind;
import dev.treue.core.offers.OfferModelBundle;
import dev.treue.serving.models.ModelLoader;
import dev.treue.serving.models.ModelRefusedException;
import dev.treue.serving.models.ModelSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Loads {@code <registry>/offers/<version>} (the bundle {@code ./treue train offers} writes) and
 * checks it before it may rank: it must be an offers bundle trained on this code's feature spec
 * ({@link OfferModelBundle#read} refuses others, naming the kind or both hashes); the pointer and version
 * names follow the registry's one rule (core's {@code RegistryReader}),
 * and a test prediction for a new member and a plain offer must be a probability.
 */
public final class OfferModelLoader implements ModelSource<OfferModel> {
  private final Path registry;
  private final Clock clock;

  public OfferModelLoader(Path registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
  }

  @Override
  public String kind() {
    return OfferModelBundle.KIND;
  }

  @Override
  public Path registry() {
    return registry;
  }

  @Override
  public String currentVersion() throws ModelRefusedException {
    return ModelLoader.currentVersion(registry, kind());
  }

  @Override
  public OfferModel load(String version) throws ModelRefusedException {
    Path dir = ModelLoader.versionDir(registry, kind(), version);
    OfferModelBundle.Loaded loaded;
    try {
      loaded = OfferModelBundle.read(dir, OfferFeatures.spec());
    } catch (IOException | RuntimeException e) {
      throw new ModelRefusedException(
          version,
          "offer model " + version + " cannot be loaded from " + dir + ": " + e.getMessage(),
          e);
    }
    Offer probe =
        new Offer("probe", OfferKind.DISCOUNT, null, 5, 2, 0, 0, 0, 36_500, 100, 1, Set.of());
    double p;
    try {
      p =
          loaded.scorer()
              .predict(
                  List.of(
                      OfferFeatures.vector(
                          null,
                          20_000,
                          probe,
                          OfferCatalog.of(List.of(probe)),
                          loaded.scorer().priors())))[0];
    } catch (RuntimeException e) {
      throw new ModelRefusedException(
          version, "offer model " + version + " fails a test prediction: " + e.getMessage(), e);
    }
    if (!(p >= 0 && p <= 1)) {
      throw new ModelRefusedException(
          version,
          "offer model "
              + version
              + " predicts "
              + p
              + " for a new member and a plain discount; expected a probability in [0, 1]",
          null);
    }
    return new OfferModel(version, dir, loaded.scorer(), loaded.info(), clock.instant());
  }
}
