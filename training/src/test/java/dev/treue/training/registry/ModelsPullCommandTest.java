package dev.treue.training.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.calibration.PlattCalibrator;
import dev.treue.core.churn.ChurnModelBundle;
import dev.treue.core.churn.ChurnScorer;
import dev.treue.core.clv.BgNbd;
import dev.treue.core.clv.ClvHorizon;
import dev.treue.core.clv.GammaGamma;
import dev.treue.core.clv.LifetimeModel;
import dev.treue.core.feature.ChurnFeatures;
import dev.treue.core.registry.LocalRegistryFiles;
import dev.treue.core.registry.RegistryReader;
import dev.treue.training.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * {@code ./treue models pull} through the real CLI from a {@code file:} URI registry (Hadoop's local file
 * system, as for {@code hdfs:} and {@code s3a:}) into a local registry the service's reader follows.
 */
class ModelsPullCommandTest {
  private static final LifetimeModel LIFETIME =
      new LifetimeModel(
          new BgNbd(0.243, 4.414 * 7, 0.793, 2.426),
          new GammaGamma(6.25, 3.74, 15.44),
          1,
          new ClvHorizon(18, 0.08));

  @TempDir Path tmp;

  private static CliRun treue(String... words) {
    return CliRun.of(List.of(words));
  }

  /** A real churn bundle: a small logistic model on random vectors, with metrics for the gate. */
  private Path churnStaging(String name) throws IOException {
    SplittableRandom rnd = new SplittableRandom(3);
    String[] names = ChurnFeatures.SPEC.names().toArray(new String[0]);
    LabelFactory labels = new LabelFactory();
    List<Example<Label>> rows = new ArrayList<>();
    double[] reference = null;
    for (int i = 0; i < 200; i++) {
      double[] v = new double[names.length];
      for (int j = 0; j < v.length; j++) {
        v[j] = rnd.nextDouble() * 10;
      }
      reference = reference == null ? v : reference;
      rows.add(
          new ArrayExample<>(new Label(v[0] > 5 ? ChurnScorer.CHURN : ChurnScorer.STAY), names, v));
    }
    Model<Label> model =
        new LogisticRegressionTrainer()
            .train(
                new MutableDataset<>(
                    new ListDataSource<>(
                        rows,
                        labels,
                        new SimpleDataSourceProvenance("random", OffsetDateTime.now(), labels))));
    Path dir = tmp.resolve(name);
    ChurnModelBundle.write(
        dir,
        new ChurnScorer(model, new PlattCalibrator(1, 0), reference, LIFETIME),
        "logistic",
        90,
        0.5);
    Files.writeString(dir.resolve("metrics.json"), "{\"auc\": 0.8, \"log_loss\": 0.4}");
    return dir;
  }

  private static List<String> tree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.map(
              p -> dir.relativize(p) + (Files.isDirectory(p) ? "/" : " " + p.toFile().length()))
          .sorted()
          .toList();
    }
  }

  @Test
  void pullsTheCurrentVersionAndRefusesABrokenOneLeavingTheMirrorAsItWas() throws IOException {
    String remote = tmp.resolve("remote").toUri().toString(); // file:/..., read through Hadoop
    Path local = tmp.resolve("local");
    String good;
    String broken;
    try (ModelRegistry registry = ModelRegistry.open(remote)) {
      good = registry.publish("churn", churnStaging("good"), QualityGate.defaults()).version();
      Path bad = churnStaging("bad");
      Files.write(bad.resolve(ChurnModelBundle.MODEL), new byte[] {1, 2, 3, 4, 5});
      broken = registry.publish("churn", bad, QualityGate.defaults()).version();
      if (!registry.current("churn").orElseThrow().equals(good)) {
        registry.promote("churn", good);
      }
    }

    CliRun pulled = treue("models", "pull", "--registry", remote, "--to", local.toString());
    assertEquals(0, pulled.status(), pulled.err());
    assertTrue(pulled.out().contains("pulled churn " + good), pulled.out());
    RegistryReader reader = new RegistryReader(new LocalRegistryFiles(local));
    assertEquals(Optional.of(good), reader.current("churn"));
    assertEquals(List.of(good), reader.versions("churn"));
    Path remoteDir = tmp.resolve("remote/churn").resolve(good);
    for (String file : List.of("model.pb", "bundle.json", "metrics.json", "provenance.txt")) {
      assertTrue(
          java.util.Arrays.equals(
              Files.readAllBytes(remoteDir.resolve(file)),
              Files.readAllBytes(local.resolve("churn").resolve(good).resolve(file))),
          file);
    }
    assertEquals(
        0.5, ChurnModelBundle.read(local.resolve("churn").resolve(good)).info().trainingBaseRate());

    List<String> before = tree(local);
    CliRun refused =
        treue(
            "models", "pull", "--registry", remote, "--version", broken, "--to", local.toString());
    assertEquals(1, refused.status(), refused.out());
    assertTrue(
        refused.err().contains(broken) && refused.err().contains("unchanged"), refused.err());
    assertEquals(before, tree(local), "a refused pull leaves the mirror as it was");
    assertEquals(Optional.of(good), reader.current("churn"));

    CliRun traversal =
        treue(
            "models", "pull", "--registry", remote, "--version", "../x", "--to", local.toString());
    assertEquals(1, traversal.status());
    assertFalse(Files.exists(local.resolve("x")));
    assertEquals(before, tree(local));
  }
}
