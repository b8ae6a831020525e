package dev.treue.serving;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.Member;
import dev.treue.core.customer.TierLadder;
import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import dev.treue.core.offers.Offer;
import dev.treue.core.offers.OfferCatalog;
import dev.treue.core.offers.OfferFeature;
import dev.treue.core.offers.OfferFeatures;
import dev.treue.core.offers.OfferKind;
import dev.treue.core.offers.OfferModelBundle;
import dev.treue.core.offers.OfferPriors;
import dev.treue.core.offers.OfferResponseScorer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.transform.TransformTrainer;
import org.tribuo.transform.TransformationMap;
import org.tribuo.transform.transformations.MeanStdDevTransformation;

/**
 * An offer response model for tests, written as a real bundle ({@link OfferModelBundle#write}) under
 * {@code offers/} with a {@code CURRENT} pointer: a logistic model trained once on the real feature
 * vectors of simulated members, labelled so that redemption rises with the member's spend share in
 * the offer's category and with the offer's value.
 */
public final class TestOfferModels {
  /** The version the test registries promote. */
  public static final String VERSION = "20240610-000000-0ffe25";

  private static OfferResponseScorer scorer;

  private TestOfferModels() {}

  /** The trained scorer (trained on first use). */
  public static synchronized OfferResponseScorer scorer() {
    if (scorer == null) {
      scorer = train();
    }
    return scorer;
  }

  /** Writes the bundle as {@code version} under {@code registry/offers/} and promotes it. */
  public static void write(Path registry, String version) {
    try {
      Path dir = registry.resolve(OfferModelBundle.KIND).resolve(version);
      OfferModelBundle.write(dir, scorer(), "logistic", 0.2);
      Files.writeString(registry.resolve(OfferModelBundle.KIND).resolve("CURRENT"), version + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static OfferResponseScorer train() {
    java.util.logging.Logger.getLogger("org.tribuo").setLevel(java.util.logging.Level.WARNING);
    SplittableRandom rnd = new SplittableRandom(11);
    String[] names = OfferFeatures.spec().names().toArray(new String[0]);
    int share = OfferFeature.CATEGORY_SPEND_SHARE.ordinal();
    int value = OfferFeature.VALUE.ordinal();
    String[] categories = {"coffee", "books", "grocery", "sports"};
    int day = 19_900;
    List<Offer> pool = new ArrayList<>();
    for (int o = 0; o < 20; o++) {
      pool.add(
          new Offer(
              "t" + o,
              OfferKind.values()[o % OfferKind.values().length],
              categories[o % categories.length],
              2 + o,
              1 + o / 2.0,
              0,
              0,
              day - 10,
              day + 20,
              1_000,
              1,
              java.util.Set.of()));
    }
    OfferCatalog catalog = OfferCatalog.of(pool);
    LabelFactory labels = new LabelFactory();
    List<Example<Label>> examples = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      // Real vectors from simulated members, so that the scale of every feature is a real one.
      String id = "t" + i;
      CustomerState s =
          CustomerState.of(
              new Member(
                  id,
                  day - 200 - rnd.nextInt(500),
                  TierLadder.name(rnd.nextInt(4)),
                  CustomerState.NONE,
                  null,
                  "app",
                  true));
      String favourite = categories[rnd.nextInt(categories.length)];
      for (int k = 0; k < 3 + rnd.nextInt(10); k++) {
        String category =
            rnd.nextDouble() < 0.8 ? favourite : categories[rnd.nextInt(categories.length)];
        s.apply(
            new LoyaltyEvent(
                id + "-" + k,
                id,
                (day - 1 - rnd.nextInt(300)) * 86_400_000L,
                EventType.PURCHASE,
                10 + rnd.nextInt(60),
                0,
                category,
                null,
                "app"));
      }
      for (int k = 0; k < 4; k++) {
        double[] v =
            OfferFeatures.vector(
                s, day, pool.get(rnd.nextInt(pool.size())), catalog, OfferPriors.NONE);
        double logit = -3 + 4 * v[share] + 0.1 * v[value];
        boolean redeemed = rnd.nextDouble() < 1 / (1 + Math.exp(-logit));
        for (int f = 0; f < v.length; f++) {
          // Features constant in this simulation would standardise to NaN; unit noise keeps them
          // finite and their weights small.
          v[f] += rnd.nextDouble();
        }
        examples.add(
            new ArrayExample<>(
                new Label(redeemed ? OfferResponseScorer.REDEEMED : OfferResponseScorer.IGNORED),
                names,
                v));
      }
    }
    MutableDataset<Label> data =
        new MutableDataset<>(
            new ListDataSource<>(
                examples,
                labels,
                new SimpleDataSourceProvenance("synthetic offers", OffsetDateTime.now(), labels)));
    Model<Label> model =
        new TransformTrainer<>(
                new LogisticRegressionTrainer(),
                new TransformationMap(List.of(new MeanStdDevTransformation())),
                true)
            .train(data);
    return new OfferResponseScorer(model, OfferFeatures.spec(), null);
  }
}
