package dev.treue.core.churn;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.treue.core.calibration.ProbabilityCalibrator;
import dev.treue.core.clv.LifetimeModel;
import dev.treue.core.clv.LifetimeModelCheck;
import dev.treue.core.clv.LifetimeParameters;
import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.MemberStatus;
import dev.treue.core.feature.ChurnFeatures;
import dev.treue.core.feature.FeatureSpec;
import dev.treue.core.registry.BundleFormat;
import dev.treue.core.registry.ModelKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/**
 * The on-disk form of a churn model, one folder in the shared {@link BundleFormat}: {@code model.pb}
 * (the Tribuo model in protobuf format, with its provenance), {@code bundle.json} ({@code kind}
 * {@code "churn"}, feature spec with hash, calibrator, reference vector, lifetime model, model name,
 * horizon, {@code training_base_rate}, {@code active_days}: the activity window of
 * {@link MemberStatus} the model was trained for) and {@code provenance.txt} (the provenance for people). Training
 * adds metrics, statistics and the report beside these.
 */
public final class ChurnModelBundle {
  /** File names inside a bundle folder. */
  public static final String MODEL = BundleFormat.MODEL;

  public static final String BUNDLE = BundleFormat.BUNDLE;
  public static final String PROVENANCE = BundleFormat.PROVENANCE;

  /** The {@code bundle.json} entry holding the activity window. */
  public static final String ACTIVE_DAYS = "active_days";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * What a bundle says about its model besides the model itself.
   *
   * @param modelName which candidate won, e.g. {@code xgboost}
   * @param horizonDays the label window the model predicts
   * @param spec the feature spec it was trained on
   * @param trainingBaseRate share of churners among the training rows ({@code training_base_rate}), the
   *     cold-start prior; NaN for a bundle written before the entry existed
   * @param activeDays the activity window ({@code active_days}) that decides which members the model
   *     scores for churn ({@link MemberStatus#of(int, int, int)}); {@link
   *     MemberStatus#DEFAULT_ACTIVE_DAYS} for a bundle written before the entry existed
   */
  public record Info(
      String modelName,
      int horizonDays,
      FeatureSpec spec,
      double trainingBaseRate,
      int activeDays) {

    /** Info of a bundle with the default activity window. */
    public Info(String modelName, int horizonDays, FeatureSpec spec, double trainingBaseRate) {
      this(modelName, horizonDays, spec, trainingBaseRate, MemberStatus.DEFAULT_ACTIVE_DAYS);
    }

    /** The member's group on {@code asOfDay} under this model's activity window. */
    public MemberStatus status(CustomerState state, int asOfDay) {
      return MemberStatus.of(state, asOfDay, activeDays);
    }
  }

  /** A loaded bundle. */
  public record Loaded(ChurnScorer scorer, Info info) {}

  private ChurnModelBundle() {}

  /**
   * Writes the scorer into {@code dir} (created when missing) with the default activity window
   * ({@link MemberStatus#DEFAULT_ACTIVE_DAYS}).
   *
   * @see #write(Path, ChurnScorer, String, int, double, int)
   */
  public static void write(
      Path dir, ChurnScorer scorer, String modelName, int horizonDays, double trainingBaseRate)
      throws IOException {
    write(dir, scorer, modelName, horizonDays, trainingBaseRate, MemberStatus.DEFAULT_ACTIVE_DAYS);
  }

  /**
   * Writes the scorer into {@code dir} (created when missing).
   *
   * @param trainingBaseRate share of churners among the rows the model was trained on, in [0, 1]
   * @param activeDays the activity window the model was trained for ({@code --active-days}), at least 1
   * @throws IllegalArgumentException when its lifetime model fails {@link LifetimeModelCheck}: no
   *     reader would accept the bundle, so it is not written
   */
  public static void write(
      Path dir,
      ChurnScorer scorer,
      String modelName,
      int horizonDays,
      double trainingBaseRate,
      int activeDays)
      throws IOException {
    if (activeDays < 1) {
      throw new IllegalArgumentException("active days must be at least 1, got " + activeDays);
    }
    LifetimeModelCheck.check(scorer.lifetime());
    if (!(trainingBaseRate >= 0 && trainingBaseRate <= 1)) {
      throw new IllegalArgumentException(
          "training base rate " + trainingBaseRate + " is not in [0, 1]");
    }
    Files.createDirectories(dir);
    scorer.model().serializeToFile(dir.resolve(MODEL));
    Map<String, Object> bundle = new LinkedHashMap<>();
    bundle.put("kind", ModelKind.CHURN.folder());
    bundle.put("model_name", modelName);
    bundle.put("horizon_days", horizonDays);
    FeatureSpec spec = scorer.spec();
    bundle.put("feature_spec", BundleFormat.specEntry(spec));
    bundle.put("calibrator", scorer.calibrator().toMap());
    bundle.put("reference", scorer.reference());
    bundle.put("lifetime", LifetimeParameters.toMap(scorer.lifetime()));
    bundle.put(BundleFormat.TRAINING_BASE_RATE, trainingBaseRate);
    bundle.put(ACTIVE_DAYS, activeDays);
    JSON.writeValue(dir.resolve(BUNDLE).toFile(), bundle);
    Files.writeString(dir.resolve(PROVENANCE), scorer.model().getProvenance().toString());
  }

  /**
   * Reads a bundle and checks it against this code's feature definition.
   *
   * @throws IOException when a file is missing or unreadable, the bundle is of another kind (the
   *     message names both kinds), or it was trained on a different feature spec (naming both hashes)
   */
  @SuppressWarnings("unchecked")
  public static Loaded read(Path dir) throws IOException {
    BundleFormat.Header header = BundleFormat.readHeader(dir, ModelKind.CHURN, ChurnFeatures.SPEC);
    Map<String, Object> bundle = header.fields();
    FeatureSpec spec = header.spec();
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
    Info info =
        new Info(
            (String) bundle.get("model_name"),
            ((Number) bundle.get("horizon_days")).intValue(),
            spec,
            BundleFormat.rate(
                bundle, BundleFormat.TRAINING_BASE_RATE, dir.resolve(BUNDLE).toString()),
            activeDays(bundle, dir));
    Object lifetime = bundle.get("lifetime");
    if (!(lifetime instanceof Map)) {
      throw new IOException("model bundle " + dir + " has no lifetime model in " + BUNDLE);
    }
    LifetimeModel lifetimeModel;
    try {
      lifetimeModel = LifetimeParameters.fromMap((Map<String, Object>) lifetime);
    } catch (IllegalArgumentException e) {
      throw new IOException(
          "model bundle " + dir + " has an unusable lifetime model: " + e.getMessage(), e);
    }
    return new Loaded(
        new ChurnScorer((Model<Label>) model, calibrator, reference, lifetimeModel), info);
  }

  /** The bundle's activity window; the default for a bundle written before the entry existed. */
  private static int activeDays(Map<String, Object> bundle, Path dir) throws IOException {
    Object days = bundle.get(ACTIVE_DAYS);
    if (days == null) {
      return MemberStatus.DEFAULT_ACTIVE_DAYS;
    }
    if (!(days instanceof Integer || days instanceof Long)
        || ((Number) days).longValue() < 1
        || ((Number) days).longValue() > Integer.MAX_VALUE) {
      throw new IOException(
          "model bundle "
              + dir
              + " has "
              + ACTIVE_DAYS
              + " "
              + days
              + "; expected a whole number >= 1");
    }
    return ((Number) days).intValue();
  }
}
