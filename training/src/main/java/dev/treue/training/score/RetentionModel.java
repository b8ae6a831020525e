package dev.treue.training.score;

import dev.treue.core.cli.Arguments;
import dev.treue.core.cli.Option;
import dev.treue.core.cli.UsageException;
import dev.treue.core.offers.OfferCatalog;
import dev.treue.core.offers.OfferFeatures;
import dev.treue.core.offers.OfferModelBundle;
import dev.treue.core.offers.RankingObjective;
import dev.treue.core.offers.RankingPolicy;
import dev.treue.training.files.Location;
import dev.treue.training.ingest.LoyaltyReader;
import dev.treue.training.ingest.OfferTable;
import dev.treue.training.registry.ModelRegistry;
import java.io.IOException;
import java.util.Optional;

/**
 * Finds what the commands that pick retention offers ({@code score}, {@code materialize}) need: the
 * offers model from the registry and the catalogue from the data folder. Without either, they go on
 * without retention offers and say why; a version asked for by name must exist.
 */
public final class RetentionModel {
  static final String KIND = "offers";

  /** {@code --offers-version}: which offers model picks the retention offers. */
  public static final Option OFFERS_VERSION =
      Option.of(
          "offers-version",
          "",
          "offers model version for retention offers (empty: the current one "
              + "when the registry has one and the data an offers table; none: no retention offers)");

  /** {@code --retention-from}: the churn probability from which an active member gets one. */
  public static final Option RETENTION_FROM =
      Option.of(
          "retention-from",
          String.valueOf(dev.treue.core.churn.RiskBand.MEDIUM_FROM),
          "recommend a retention offer to members from this churn probability up");

  private RetentionModel() {}

  /**
   * The retention offers' model, catalogue and policy from {@code --registry}, {@code --data},
   * {@link #OFFERS_VERSION} and {@link #RETENTION_FROM}, or null for none (said on stdout).
   */
  public static RetentionSettings load(Arguments a, LoyaltyReader reader, Location data)
      throws IOException {
    String asked = a.has("offers-version") ? a.string("offers-version") : "";
    if (asked.equals("none")) {
      return null;
    }
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
