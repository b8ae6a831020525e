package dev.treue.serving;

import dev.treue.core.calibration.PlattCalibrator;
import dev.treue.core.churn.ChurnModelBundle;
import dev.treue.core.churn.ChurnScorer;
import dev.treue.core.clv.ClvHorizon;
import dev.treue.core.clv.LifetimeModel;
import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.Member;
import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import dev.treue.core.feature.ChurnFeature;
import dev.treue.core.feature.ChurnFeatures;
import dev.treue.core.feature.LifetimeFeatures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
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
 * Model registries for tests: a small logistic churn model trained once on synthetic vectors in
 * which churn rises with recency and falls with recent purchases, written as a real bundle
 * ({@link ChurnModelBundle#write}) with {@code metrics.json} and a {@code CURRENT} pointer. As in
 * training, a lifetime model (BG/NBD and Gamma-Gamma, in days) is fitted on the same members first
 * and fills every training vector's lifetime features; the bundle carries it.
 */
public final class TestModels {
  /** The training base rate test bundles record: the cold-start prior. */
  public static final double BASE_RATE = 0.31;

  /** The validation base rate their {@code metrics.json} records: unlike the prior, so tests tell them apart. */
  public static final double VALIDATION_BASE_RATE = 0.27;

  private static ChurnScorer scorer;
  private static ChurnScorer trees;

  private TestModels() {}

  /** The trained scorer (trained on first use). */
  public static synchronized ChurnScorer scorer() {
    if (scorer == null) {
      scorer = train();
    }
    return scorer;
  }

  /** A gradient-boosted scorer on the same data: the kind training usually picks, with the fast native path. */
  public static synchronized ChurnScorer treeScorer() {
    if (trees == null) {
      trees = train(dev.treue.core.trees.BinaryTreesTrainer.of(30, 0.3, 3, 1.0, 1L));
    }
    return trees;
  }

  /** Writes a gradient-boosted bundle as {@code version} and promotes it. */
  public static void writeTreeVersion(Path registry, String version) {
    try {
      Path dir = registry.resolve("churn").resolve(version);
      ChurnModelBundle.write(dir, treeScorer(), "xgboost", 90, BASE_RATE);
      Files.writeString(
          dir.resolve("metrics.json"),
          "{\"validation_base_rate\": " + VALIDATION_BASE_RATE + ", \"auc\": 0.83}");
      promote(registry, version);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ChurnScorer train() {
    return train(
        new TransformTrainer<>(
            new LogisticRegressionTrainer(),
            new TransformationMap(List.of(new MeanStdDevTransformation())),
            true));
  }

  private static ChurnScorer train(org.tribuo.Trainer<Label> trainer) {
    java.util.logging.Logger.getLogger("org.tribuo").setLevel(java.util.logging.Level.WARNING);
    SplittableRandom rnd = new SplittableRandom(7);
    String[] names = ChurnFeatures.SPEC.names().toArray(new String[0]);
    LabelFactory labels = new LabelFactory();
    List<double[]> vectors = new ArrayList<>();
    int asOf = 19_900;
    for (int i = 0; i < 1_500; i++) {
      // Real feature vectors from simulated histories: a regular buyer of any tier who started some
      // time after joining and stopped some days ago.
      String id = "s" + i;
      String tier = List.of("basic", "silver", "gold").get(rnd.nextInt(3));
      CustomerState s =
          CustomerState.of(new Member(id, asOf - 700, tier, CustomerState.NONE, null, null, true));
      int gap = 5 + rnd.nextInt(40);
      int stoppedAgo = rnd.nextInt(300);
      int firstAgo = stoppedAgo + rnd.nextInt(700 - stoppedAgo);
      for (int day = asOf - firstAgo; day <= asOf - stoppedAgo; day += gap) {
        s.apply(
            new LoyaltyEvent(
                id + day,
                id,
                day * 86_400_000L,
                EventType.PURCHASE,
                20 + rnd.nextInt(50),
                0,
                "food",
                null,
                "store"));
      }
      vectors.add(ChurnFeatures.compute(s, asOf));
    }
    // Fitted as training fits it, on the members' base vectors.
    LifetimeModel lifetime = LifetimeFeatures.fit(vectors, ClvHorizon.DEFAULT).model();
    List<Example<Label>> examples = new ArrayList<>();
    double[] reference = null;
    for (double[] v : vectors) {
      LifetimeFeatures.fill(v, lifetime);
      double overdue = v[ChurnFeature.OVERDUE_RATIO.ordinal()];
      boolean churn = rnd.nextDouble() < 1 / (1 + Math.exp(-(overdue - 3)));
      if (!churn && reference == null && overdue < 1) {
        reference = v.clone();
      }
      double[] jittered = v.clone();
      for (int f = 0; f < jittered.length; f++) {
        // Features constant in this simulation would standardise to NaN; unit noise keeps them
        // finite and their weights small.
        jittered[f] += rnd.nextDouble();
      }
      examples.add(
          new ArrayExample<>(
              new Label(churn ? ChurnScorer.CHURN : ChurnScorer.STAY), names, jittered));
    }
    MutableDataset<Label> data =
        new MutableDataset<>(
            new ListDataSource<>(
                examples,
                labels,
                new SimpleDataSourceProvenance("synthetic", OffsetDateTime.now(), labels)));
    Model<Label> model = trainer.train(data);
    return new ChurnScorer(model, new PlattCalibrator(1, 0), reference, lifetime);
  }

  /** Writes a good bundle as {@code version} under {@code registry/churn/} (not promoted). */
  public static Path writeVersion(Path registry, String version) {
    try {
      Path dir = registry.resolve("churn").resolve(version);
      ChurnModelBundle.write(dir, scorer(), "logistic", 90, BASE_RATE);
      Files.writeString(
          dir.resolve("metrics.json"),
          "{\"validation_base_rate\": " + VALIDATION_BASE_RATE + ", \"auc\": 0.81}");
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a bundle whose model file is corrupt. */
  public static Path writeBrokenVersion(Path registry, String version) {
    Path dir = writeVersion(registry, version);
    try {
      Files.write(dir.resolve(ChurnModelBundle.MODEL), new byte[] {1, 2, 3, 4, 5});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  /** Points CURRENT at a version. */
  public static void promote(Path registry, String version) {
    try {
      Path pointer = registry.resolve("churn").resolve("CURRENT");
      Files.createDirectories(pointer.getParent());
      Path tmp = pointer.resolveSibling("CURRENT.tmp");
      Files.writeString(tmp, version + "\n");
      Files.move(
          tmp,
          pointer,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A registry folder with one good version promoted. */
  public static Path registry(Path root, String version) {
    writeVersion(root, version);
    promote(root, version);
    return root;
  }

  /** Deletes a folder tree. */
  public static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
