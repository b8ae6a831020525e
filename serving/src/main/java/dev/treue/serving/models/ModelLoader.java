package dev.treue.serving.models;

import dev.treue.core.churn.ChurnModelBundle;
import dev.treue.core.churn.ChurnScore;
import dev.treue.core.reason.ReasonWords;
import dev.treue.core.registry.BundleFormat;
import dev.treue.core.registry.LocalRegistryFiles;
import dev.treue.core.registry.ModelKind;
import dev.treue.core.registry.RegistryException;
import dev.treue.core.registry.RegistryReader;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Reads the local registry's {@code churn/CURRENT} pointer (through core's {@link RegistryReader}, the
 * reader training uses, so both accept the same version names) and loads and checks the bundle it names
 * before anything may serve it: {@link ChurnModelBundle#read} checks that it is a churn bundle trained
 * on this code's feature spec; the bundle must carry a cold-start prior in [0, 1]
 * ({@code training_base_rate}); {@code metrics.json} must be readable; and a test prediction on the
 * bundle's reference vector must give a finite probability in [0, 1]. Blocking (file I/O and model
 * deserialisation): call it off the event loop.
 */
public final class ModelLoader implements ModelSource<ServingModel> {
  private final Path registry;
  private final Clock clock;
  private final ReasonWords words;

  public ModelLoader(Path registry, Clock clock) {
    this(registry, clock, ReasonWords.ENGLISH_EUR);
  }

  /**
   * @param words how the loaded models give reasons: the phrase table and the programme currency
   */
  public ModelLoader(Path registry, Clock clock, ReasonWords words) {
    this.registry = registry;
    this.clock = clock;
    this.words = words;
  }

  @Override
  public String kind() {
    return ModelKind.CHURN.folder();
  }

  @Override
  public Path registry() {
    return registry;
  }

  @Override
  public String currentVersion() throws ModelRefusedException {
    return currentVersion(registry, kind());
  }

  /**
   * The version {@code <registry>/<kind>/CURRENT} names, or null when there is none.
   *
   * @throws ModelRefusedException when CURRENT exists but cannot be read or names no valid version
   */
  public static String currentVersion(Path registry, String kind) throws ModelRefusedException {
    try {
      return new RegistryReader(new LocalRegistryFiles(registry)).current(kind).orElse(null);
    } catch (RegistryException e) {
      throw new ModelRefusedException(null, e.getMessage(), e);
    }
  }

  /**
   * The folder of a version under {@code <registry>/<kind>/}.
   *
   * @throws ModelRefusedException when the name is not a version name (which also keeps it inside the registry)
   */
  public static Path versionDir(Path registry, String kind, String version)
      throws ModelRefusedException {
    try {
      return registry.resolve(RegistryReader.versionPath(kind, version));
    } catch (RegistryException e) {
      throw new ModelRefusedException(null, e.getMessage(), e);
    }
  }

  @Override
  public ServingModel load(String version) throws ModelRefusedException {
    Path dir = versionDir(registry, kind(), version);
    ChurnModelBundle.Loaded loaded;
    try {
      loaded = ChurnModelBundle.read(dir);
    } catch (IOException | RuntimeException e) {
      throw new ModelRefusedException(
          version, "model " + version + " cannot be loaded from " + dir + ": " + e.getMessage(), e);
    }
    double baseRate = loaded.info().trainingBaseRate();
    double auc;
    Path metricsFile = dir.resolve(BundleFormat.METRICS);
    try {
      JsonObject metrics = new JsonObject(Files.readString(metricsFile));
      if (Double.isNaN(baseRate)) {
        // A bundle published before training_base_rate existed: its prior was metrics.json's
        // base_rate.
        baseRate =
            BundleFormat.rate(
                metrics.getMap(), BundleFormat.LEGACY_BASE_RATE, metricsFile.toString());
      }
      auc = metrics.getValue("auc") instanceof Number a ? a.doubleValue() : Double.NaN;
    } catch (IOException | RuntimeException e) {
      throw new ModelRefusedException(
          version, "model " + version + ": cannot read " + metricsFile + ": " + e.getMessage(), e);
    }
    if (Double.isNaN(baseRate)) {
      throw new ModelRefusedException(
          version,
          "model "
              + version
              + " has no "
              + BundleFormat.TRAINING_BASE_RATE
              + " in "
              + BundleFormat.BUNDLE
              + "; expected a number in [0, 1] (the cold-start prior)",
          null);
    }
    ChurnScore probe;
    try {
      probe = loaded.scorer().score(loaded.scorer().reference());
    } catch (RuntimeException e) {
      throw new ModelRefusedException(
          version,
          "model "
              + version
              + " fails a test prediction on its reference"
              + " vector: "
              + e.getMessage(),
          e);
    }
    if (!(probe.probability() >= 0 && probe.probability() <= 1)) {
      throw new ModelRefusedException(
          version,
          "model "
              + version
              + " predicts "
              + probe.probability()
              + " for its reference vector; expected a probability in [0, 1]",
          null);
    }
    return new ServingModel(
        version,
        dir,
        loaded.scorer().withWords(words),
        loaded.info(),
        baseRate,
        auc,
        clock.instant());
  }
}
