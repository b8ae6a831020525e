package dev.treue.training.score;

import dev.treue.core.cli.Arguments;
import dev.treue.core.cli.UsageException;
import dev.treue.core.offers.OfferCatalog;
import dev.treue.core.offers.OfferFeatures;
import dev.treue.core.offers.OfferModelBundle;
import dev.treue.core.offers.RankingObjective;
import dev.treue.core.offers.RankingPolicy;
import dev.treue.training.ingest.LoyaltyReader;
import dev.treue.training.ingest.OfferTable;
import dev.treue.training.registry.ModelRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds what the score command needs for retention offers: the offers model from the registry and
 * the catalogue from the data folder. Without either, scoring goes on without retention offers and
 * says why; a version asked for by name must exist.
 */
final class RetentionModel {
  static final String KIND = "offers";

  private RetentionModel() {}

  static RetentionSettings load(Arguments a, LoyaltyReader reader) throws IOException {
    String asked = a.has("offers-version") ? a.string("offers-version") : "";
    if (asked.equals("none")) {
      return null;
    }
    Path data = a.path("data");
    try (ModelRegistry registry = ModelRegistry.open(a.string("registry"))) {
      Optional<String> version = asked.isEmpty() ? registry.current(KIND) : Optional.of(asked);
      if (version.isEmpty()) {
        System.out.println(
            "No current offers model in "
                + a.string("registry")
                + ": at-risk rows carry no retention offer (run ./treue train offers)");
        return null;
      }
      if (!reader.has(data, KIND)) {
        if (!asked.isEmpty()) {
          throw new UsageException(
              "--offers-version " + asked + " needs an offers table in " + data);
        }
        System.out.println(
            "No offers table in " + data + ": at-risk rows carry no retention offer");
        return null;
      }
      OfferModelBundle.Loaded bundle =
          OfferModelBundle.read(registry.localBundle(KIND, version.get()), OfferFeatures.spec());
      OfferCatalog catalog = OfferCatalog.of(OfferTable.offers(reader.offers(data).rows()));
      double from = a.decimal("retention-from");
      RankingPolicy defaults = RankingPolicy.defaults();
      RankingPolicy policy =
          new RankingPolicy(
              RankingObjective.EXPECTED_PROFIT,
              defaults.marginRate(),
              defaults.defaultBasket(),
              from,
              defaults.retentionWeight(),
              0);
      return new RetentionSettings(bundle.scorer(), catalog, policy, from, version.get());
    }
  }
}
