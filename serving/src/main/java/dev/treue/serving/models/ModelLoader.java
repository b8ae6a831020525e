package dev.treue.serving.models;

import dev.treue.core.churn.ChurnModelBundle;
import dev.treue.core.churn.ChurnScore;
import dev.treue.core.feature.ChurnFeatures;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Pattern;

/**
 * Reads the registry's {@code churn/CURRENT} pointer and loads and checks the bundle it names
 * before anything may serve it: the feature spec hash must be this code's
 * ({@link ChurnModelBundle#read} refuses others), {@code metrics.json} must give a base rate in
 * [0, 1], and a test prediction on the bundle's reference vector must give a finite probability in
 * [0, 1]. Blocking (file I/O and model deserialisation): call it off the event loop.
 */
public final class ModelLoader implements ModelSource<ServingModel> {
  /** Model kind folder in the registry. */
  public static final String KIND = "churn";

  /** Pointer file naming the promoted version. */
  public static final String CURRENT = "CURRENT";

  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private final Path registry;
  private final Clock clock;

  public ModelLoader(Path registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Path registry() {
    return registry;
  }

  @Override
  public String currentVersion() throws ModelRefusedException {
    return currentVersion(registry, KIND);
  }

  /**
   * The version {@code <registry>/<kind>/CURRENT} names, or null when there is none.
   *
   * @throws ModelRefusedException when CURRENT exists but cannot be read or names no valid version
   */
  public static String currentVersion(Path registry, String kind) throws ModelRefusedException {
    Path pointer = registry.resolve(kind).resolve(CURRENT);
    try {
      String version = Files.readString(pointer, StandardCharsets.UTF_8).trim();
      if (!VERSION.matcher(version).matches()) {
        throw new ModelRefusedException(null, pointer + " holds '" + version + "'; expected a version folder name", null);
      }
      return version;
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new ModelRefusedException(null, "cannot read " + pointer + ": " + e.getMessage(), e);
    }
  }

  @Override
  public ServingModel load(String version) throws ModelRefusedException {
    Path dir = registry.resolve(KIND).resolve(version);
    ChurnModelBundle.Loaded loaded;
    try {
      loaded = ChurnModelBundle.read(dir);
    } catch (IOException | RuntimeException e) {
      throw new ModelRefusedException(version, "model " + version + " cannot be loaded from " + dir + ": "
          + e.getMessage(), e);
    }
    double baseRate;
    double auc;
    Path metricsFile = dir.resolve("metrics.json");
    try {
      JsonObject metrics = new JsonObject(Files.readString(metricsFile));
      Object rate = metrics.getValue("base_rate");
      if (!(rate instanceof Number n) || !(n.doubleValue() >= 0 && n.doubleValue() <= 1)) {
        throw new ModelRefusedException(version, metricsFile + " has base_rate " + rate
            + "; expected a number in [0, 1] (the cold-start prior)", null);
      }
      baseRate = n.doubleValue();
      auc = metrics.getValue("auc") instanceof Number a ? a.doubleValue() : Double.NaN;
    } catch (IOException | RuntimeException e) {
      throw new ModelRefusedException(version, "model " + version + ": cannot read " + metricsFile + ": "
          + e.getMessage(), e);
    }
    ChurnScore probe;
    try {
      probe = loaded.scorer().score(loaded.scorer().reference());
    } catch (RuntimeException e) {
      throw new ModelRefusedException(version, "model " + version + " fails a test prediction on its reference"
          + " vector: " + e.getMessage(), e);
    }
    if (!(probe.probability() >= 0 && probe.probability() <= 1)) {
      throw new ModelRefusedException(version, "model " + version + " predicts " + probe.probability()
          + " for its reference vector; expected a probability in [0, 1]", null);
    }
    if (!ChurnFeatures.SPEC.hash().equals(loaded.info().spec().hash())) {
      throw new ModelRefusedException(version, "model " + version + " has feature spec " + loaded.info().spec().hash()
          + ", this service computes " + ChurnFeatures.SPEC.hash(), null);
    }
    return new ServingModel(version, dir, loaded.scorer(), loaded.info(), baseRate, auc, clock.instant());
  }
}
