package dev.treue.core.churn;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.treue.core.calibration.ProbabilityCalibrator;
import dev.treue.core.clv.LifetimeModel;
import dev.treue.core.clv.LifetimeModelCheck;
import dev.treue.core.clv.LifetimeParameters;
import dev.treue.core.feature.ChurnFeatures;
import dev.treue.core.feature.FeatureSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/**
 * The on-disk form of a churn model, one folder: {@code model.pb} (the Tribuo model in protobuf
 * format, with its provenance), {@code bundle.json} (feature spec with hash, calibrator, reference
 * vector, lifetime model, model name, horizon) and {@code provenance.txt} (the provenance for people). Training
 * adds metrics, statistics and the report beside these.
 */
public final class ChurnModelBundle {
  /** File names inside a bundle folder. */
  public static final String MODEL = "model.pb";

  public static final String BUNDLE = "bundle.json";
  public static final String PROVENANCE = "provenance.txt";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * What a bundle says about its model besides the model itself.
   *
   * @param modelName which candidate won, e.g. {@code xgboost}
   * @param horizonDays the label window the model predicts
   * @param spec the feature spec it was trained on
   */
  public record Info(String modelName, int horizonDays, FeatureSpec spec) {}

  /** A loaded bundle. */
  public record Loaded(ChurnScorer scorer, Info info) {}

  private ChurnModelBundle() {}

  /**
   * Writes the scorer into {@code dir} (created when missing).
   *
   * @throws IllegalArgumentException when its lifetime model fails {@link LifetimeModelCheck}: no
   *     reader would accept the bundle, so it is not written
   */
  public static void write(Path dir, ChurnScorer scorer, String modelName, int horizonDays) throws IOException {
    LifetimeModelCheck.check(scorer.lifetime());
    Files.createDirectories(dir);
    scorer.model().serializeToFile(dir.resolve(MODEL));
    Map<String, Object> bundle = new LinkedHashMap<>();
    bundle.put("kind", "churn");
    bundle.put("model_name", modelName);
    bundle.put("horizon_days", horizonDays);
    FeatureSpec spec = scorer.spec();
    bundle.put("feature_spec", Map.of("version", spec.version(), "names", spec.names(), "hash", spec.hash()));
    bundle.put("calibrator", scorer.calibrator().toMap());
    bundle.put("reference", scorer.reference());
    bundle.put("lifetime", LifetimeParameters.toMap(scorer.lifetime()));
    JSON.writeValue(dir.resolve(BUNDLE).toFile(), bundle);
    Files.writeString(dir.resolve(PROVENANCE), scorer.model().getProvenance().toString());
  }

  /**
   * Reads a bundle and checks it against this code's feature definition.
   *
   * @throws IOException when a file is missing or unreadable, or the bundle was trained on a
   *     different feature spec (the message names both hashes)
   */
  @SuppressWarnings("unchecked")
  public static Loaded read(Path dir) throws IOException {
    Path bundleFile = dir.resolve(BUNDLE);
    if (!Files.isRegularFile(bundleFile) || !Files.isRegularFile(dir.resolve(MODEL))) {
      throw new IOException("not a churn model bundle: " + dir + " lacks " + BUNDLE + " or " + MODEL);
    }
    Map<String, Object> bundle;
    try (InputStream in = Files.newInputStream(bundleFile)) {
      bundle = JSON.readValue(in, Map.class);
    }
    Map<String, Object> specMap = (Map<String, Object>) bundle.get("feature_spec");
    FeatureSpec spec = new FeatureSpec((String) specMap.get("version"), (List<String>) specMap.get("names"));
    FeatureSpec expected = ChurnFeatures.SPEC;
    if (!expected.hash().equals(spec.hash()) || !expected.hash().equals(specMap.get("hash"))) {
      throw new IOException("model bundle " + dir + " was trained on feature spec " + specMap.get("hash")
          + " (" + spec.version() + "), this code computes " + expected.hash() + " (" + expected.version() + ")");
    }
    Model<?> model = Model.deserializeFromFile(dir.resolve(MODEL));
    if (!model.validate(Label.class)) {
      throw new IOException("model in " + dir + " is not a classifier over labels");
    }
    ProbabilityCalibrator calibrator =
        ProbabilityCalibrator.fromMap((Map<String, Object>) bundle.get("calibrator"));
    List<Number> ref = (List<Number>) bundle.get("reference");
    double[] reference = new double[ref.size()];
    for (int i = 0; i < reference.length; i++) {
      reference[i] = ref.get(i).doubleValue();
    }
    Info info = new Info((String) bundle.get("model_name"),
        ((Number) bundle.get("horizon_days")).intValue(), spec);
    Object lifetime = bundle.get("lifetime");
    if (!(lifetime instanceof Map)) {
      throw new IOException("model bundle " + dir + " has no lifetime model in " + BUNDLE);
    }
    LifetimeModel lifetimeModel;
    try {
      lifetimeModel = LifetimeParameters.fromMap((Map<String, Object>) lifetime);
    } catch (IllegalArgumentException e) {
      throw new IOException("model bundle " + dir + " has an unusable lifetime model: " + e.getMessage(), e);
    }
    return new Loaded(new ChurnScorer((Model<Label>) model, calibrator, reference, lifetimeModel), info);
  }
}
