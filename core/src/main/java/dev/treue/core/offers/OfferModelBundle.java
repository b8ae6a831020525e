package dev.treue.core.offers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.treue.core.calibration.ProbabilityCalibrator;
import dev.treue.core.feature.FeatureSpec;
import dev.treue.core.registry.BundleFormat;
import dev.treue.core.registry.ModelKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/**
 * The on-disk form of an offer response model, one folder in the shared {@link BundleFormat}:
 * {@code model.pb} (the Tribuo model in protobuf format, with its provenance), {@code bundle.json}
 * ({@code kind} {@code "offers"}, model name, feature spec with hash, the priors its features use,
 * calibrator if any, {@code training_base_rate})
 * and {@code provenance.txt}. Training adds metrics and the report beside these.
 */
public final class OfferModelBundle {
  /** File names inside a bundle folder. */
  public static final String MODEL = BundleFormat.MODEL;

  public static final String BUNDLE = BundleFormat.BUNDLE;
  public static final String PROVENANCE = BundleFormat.PROVENANCE;

  /** The {@code kind} a bundle.json of this form carries. */
  public static final String KIND = ModelKind.OFFERS.folder();

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * What a bundle says about its model besides the model itself.
   *
   * @param modelName which candidate won, e.g. {@code xgboost}
   * @param spec the feature spec it was trained on
   * @param trainingBaseRate share of training exposures redeemed ({@code training_base_rate}, the prior
   *     a cold-start ranking may use); NaN when the bundle has none
   */
  public record Info(String modelName, FeatureSpec spec, double trainingBaseRate) {}

  /** A loaded bundle. */
  public record Loaded(OfferResponseScorer scorer, Info info) {}

  private OfferModelBundle() {}

  /**
   * Writes the scorer into {@code dir} (created when missing).
   *
   * @param trainingBaseRate share of the training exposures redeemed
   */
  public static void write(
      Path dir, OfferResponseScorer scorer, String modelName, double trainingBaseRate)
      throws IOException {
    Files.createDirectories(dir);
    scorer.model().serializeToFile(dir.resolve(MODEL));
    Map<String, Object> bundle = new LinkedHashMap<>();
    bundle.put("kind", KIND);
    bundle.put("model_name", modelName);
    FeatureSpec spec = scorer.spec();
    bundle.put("feature_spec", BundleFormat.specEntry(spec));
    bundle.put("priors", scorer.priors().toMap());
    if (scorer.calibrator() != null) {
      bundle.put("calibrator", scorer.calibrator().toMap());
    }
    bundle.put(BundleFormat.TRAINING_BASE_RATE, trainingBaseRate);
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
    BundleFormat.Header header = BundleFormat.readHeader(dir, ModelKind.OFFERS, expected);
    Map<String, Object> bundle = header.fields();
    FeatureSpec spec = header.spec();
    Model<?> model = Model.deserializeFromFile(dir.resolve(MODEL));
    if (!model.validate(Label.class)) {
      throw new IOException("model in " + dir + " is not a classifier over labels");
    }
    Map<String, Object> calibratorMap = (Map<String, Object>) bundle.get("calibrator");
    Map<String, Object> priorsMap = (Map<String, Object>) bundle.get("priors");
    if (priorsMap == null) {
      throw new IOException(
          "offer model bundle " + dir + " has no priors (its features need them)");
    }
    ProbabilityCalibrator calibrator;
    OfferPriors priors;
    try {
      calibrator = calibratorMap == null ? null : ProbabilityCalibrator.fromMap(calibratorMap);
      priors = OfferPriors.fromMap(priorsMap);
    } catch (IllegalArgumentException e) {
      throw new IOException("model bundle " + dir + ": " + e.getMessage(), e);
    }
    String source = dir.resolve(BUNDLE).toString();
    double trainingRate = BundleFormat.rate(bundle, BundleFormat.TRAINING_BASE_RATE, source);
    if (Double.isNaN(trainingRate)) {
      // Written before the two rates had their own names: bundle.json's base_rate was the training
      // rate.
      trainingRate = BundleFormat.rate(bundle, BundleFormat.LEGACY_BASE_RATE, source);
    }
    Info info = new Info((String) bundle.get("model_name"), spec, trainingRate);
    OfferResponseScorer scorer;
    try {
      scorer = new OfferResponseScorer((Model<Label>) model, spec, calibrator, priors);
    } catch (IllegalStateException e) {
      throw new IOException("model in " + dir + ": " + e.getMessage(), e);
    }
    return new Loaded(scorer, info);
  }
}
