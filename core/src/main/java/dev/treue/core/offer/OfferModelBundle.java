package dev.treue.core.offer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.treue.core.calibration.ProbabilityCalibrator;
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
 * The on-disk form of an offer response model, one folder like a churn bundle: {@code model.pb}
 * (the Tribuo model in protobuf format, with its provenance), {@code bundle.json} ({@code kind}
 * {@code "offers"}, model name, feature spec with hash, the priors its features use, calibrator if any,
 * base redemption rate)
 * and {@code provenance.txt}. Training adds metrics and the report beside these.
 */
public final class OfferModelBundle {
  /** File names inside a bundle folder. */
  public static final String MODEL = "model.pb";

  public static final String BUNDLE = "bundle.json";
  public static final String PROVENANCE = "provenance.txt";

  /** The {@code kind} a bundle.json of this form carries. */
  public static final String KIND = "offers";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * What a bundle says about its model besides the model itself.
   *
   * @param modelName which candidate won, e.g. {@code xgboost}
   * @param spec the feature spec it was trained on
   * @param baseRate share of training exposures redeemed (the prior a cold-start ranking may use)
   */
  public record Info(String modelName, FeatureSpec spec, double baseRate) {}

  /** A loaded bundle. */
  public record Loaded(OfferResponseScorer scorer, Info info) {}

  private OfferModelBundle() {}

  /** Writes the scorer into {@code dir} (created when missing). */
  public static void write(Path dir, OfferResponseScorer scorer, String modelName, double baseRate)
      throws IOException {
    Files.createDirectories(dir);
    scorer.model().serializeToFile(dir.resolve(MODEL));
    Map<String, Object> bundle = new LinkedHashMap<>();
    bundle.put("kind", KIND);
    bundle.put("model_name", modelName);
    FeatureSpec spec = scorer.spec();
    bundle.put("feature_spec", Map.of("version", spec.version(), "names", spec.names(), "hash", spec.hash()));
    bundle.put("priors", scorer.priors().toMap());
    if (scorer.calibrator() != null) {
      bundle.put("calibrator", scorer.calibrator().toMap());
    }
    bundle.put("base_rate", baseRate);
    JSON.writeValue(dir.resolve(BUNDLE).toFile(), bundle);
    Files.writeString(dir.resolve(PROVENANCE), scorer.model().getProvenance().toString());
  }

  /**
   * Reads a bundle and checks it against this code's offer features ({@link OfferFeatures#spec()}).
   *
   * @throws IOException as {@link #read(Path, FeatureSpec)}
   */
  public static Loaded read(Path dir) throws IOException {
    return read(dir, OfferFeatures.spec());
  }

  /**
   * Reads a bundle and checks it against the feature definition the caller computes.
   *
   * @param expected the spec this code builds vectors with ({@code OfferFeatures.spec()})
   * @throws IOException when a file is missing or unreadable, the bundle is not an offers bundle,
   *     or it was trained on a different feature spec (the message names both hashes)
   */
  @SuppressWarnings("unchecked")
  public static Loaded read(Path dir, FeatureSpec expected) throws IOException {
    Path bundleFile = dir.resolve(BUNDLE);
    if (!Files.isRegularFile(bundleFile) || !Files.isRegularFile(dir.resolve(MODEL))) {
      throw new IOException("not an offer model bundle: " + dir + " lacks " + BUNDLE + " or " + MODEL);
    }
    Map<String, Object> bundle;
    try (InputStream in = Files.newInputStream(bundleFile)) {
      bundle = JSON.readValue(in, Map.class);
    }
    if (!KIND.equals(bundle.get("kind"))) {
      throw new IOException("model bundle " + dir + " is of kind " + bundle.get("kind") + ", expected " + KIND);
    }
    Map<String, Object> specMap = (Map<String, Object>) bundle.get("feature_spec");
    if (specMap == null) {
      throw new IOException("model bundle " + dir + " has no feature_spec");
    }
    FeatureSpec spec = new FeatureSpec((String) specMap.get("version"), (List<String>) specMap.get("names"));
    if (!expected.hash().equals(spec.hash()) || !expected.hash().equals(specMap.get("hash"))) {
      throw new IOException("offer model bundle " + dir + " was trained on feature spec " + specMap.get("hash")
          + " (" + spec.version() + "), this code computes " + expected.hash() + " (" + expected.version() + ")");
    }
    Model<?> model = Model.deserializeFromFile(dir.resolve(MODEL));
    if (!model.validate(Label.class)) {
      throw new IOException("model in " + dir + " is not a classifier over labels");
    }
    Map<String, Object> calibratorMap = (Map<String, Object>) bundle.get("calibrator");
    Map<String, Object> priorsMap = (Map<String, Object>) bundle.get("priors");
    if (priorsMap == null) {
      throw new IOException("offer model bundle " + dir + " has no priors (its features need them)");
    }
    ProbabilityCalibrator calibrator;
    OfferPriors priors;
    try {
      calibrator = calibratorMap == null ? null : ProbabilityCalibrator.fromMap(calibratorMap);
      priors = OfferPriors.fromMap(priorsMap);
    } catch (IllegalArgumentException e) {
      throw new IOException("model bundle " + dir + ": " + e.getMessage(), e);
    }
    Number baseRate = (Number) bundle.get("base_rate");
    Info info = new Info((String) bundle.get("model_name"), spec, baseRate == null ? Double.NaN : baseRate.doubleValue());
    OfferResponseScorer scorer;
    try {
      scorer = new OfferResponseScorer((Model<Label>) model, spec, calibrator, priors);
    } catch (IllegalStateException e) {
      throw new IOException("model in " + dir + ": " + e.getMessage(), e);
    }
    return new Loaded(scorer, info);
  }
}
