package dev.treue.core.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.treue.core.feature.FeatureSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The folder form every model bundle shares: {@value #MODEL} (the Tribuo model), {@value #BUNDLE}
 * (at least {@code kind}, {@code model_name}, {@code feature_spec} with its hash, and
 * {@value #TRAINING_BASE_RATE}), {@value #PROVENANCE}, and beside them the trainer's {@value #METRICS}.
 * {@link #readHeader} does the checks every reader needs, once: the files are there, the bundle is of
 * the kind the caller loads, and it was trained on the feature spec this code computes.
 *
 * <p>Base rates have one meaning each. {@value #TRAINING_BASE_RATE} in {@code bundle.json} is the share
 * of positive rows (churners, redeemed exposures) among the rows the model was trained on: the prior the
 * service gives a member it knows nothing about. {@value #VALIDATION_BASE_RATE} in {@code metrics.json}
 * is the same share among the held-out rows the metrics were computed on, for the report only.
 */
public final class BundleFormat {
  /** The Tribuo model in protobuf form, with its provenance. */
  public static final String MODEL = "model.pb";

  /** What the bundle says about its model (JSON). */
  public static final String BUNDLE = "bundle.json";

  /** The provenance for people. */
  public static final String PROVENANCE = "provenance.txt";

  /** The trainer's evaluation figures (JSON object). */
  public static final String METRICS = "metrics.json";

  /**
   * Churn bundles: the targeting table of the validation rows (JSON object), what contacting the top
   * 1% .. 100% of active members would have reached. Bundles published before it have none.
   */
  public static final String TARGETING = "targeting.json";

  /** The report's figures as JSON (curves, calibration, feature importance). */
  public static final String REPORT_JSON = "report.json";

  /** {@code bundle.json}: the positive share of the training rows, the service's cold-start prior. */
  public static final String TRAINING_BASE_RATE = "training_base_rate";

  /** {@code metrics.json}: the positive share of the held-out evaluation rows. */
  public static final String VALIDATION_BASE_RATE = "validation_base_rate";

  /**
   * The name both files used before the two rates were told apart: a bundle that lacks
   * {@value #TRAINING_BASE_RATE} is read with this entry (in {@code bundle.json} for offers,
   * {@code metrics.json} for churn) so registries published before keep loading.
   */
  public static final String LEGACY_BASE_RATE = "base_rate";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A checked {@code bundle.json}.
   *
   * @param fields every entry, for the kind's own reader
   * @param spec the feature spec, equal to the one the caller computes
   */
  public record Header(Map<String, Object> fields, FeatureSpec spec) {}

  private BundleFormat() {}

  /** The {@code feature_spec} entry a writer puts into {@code bundle.json}. */
  public static Map<String, Object> specEntry(FeatureSpec spec) {
    // Ordered, so two bundles of the same model are the same bytes (Map.of iterates in a per-run
    // order).
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("version", spec.version());
    entry.put("names", spec.names());
    entry.put("hash", spec.hash());
    return entry;
  }

  /**
   * Reads {@code bundle.json} of {@code dir} and checks the bundle: both files present, of {@code kind},
   * trained on {@code expected}.
   *
   * @throws IOException naming the bundle and what is wrong: a missing file, another kind (naming
   *     both kinds), or another feature spec (naming both hashes)
   */
  @SuppressWarnings("unchecked")
  public static Header readHeader(Path dir, ModelKind kind, FeatureSpec expected)
      throws IOException {
    Path bundleFile = dir.resolve(BUNDLE);
    if (!Files.isRegularFile(bundleFile) || !Files.isRegularFile(dir.resolve(MODEL))) {
      throw new IOException(
          "not a " + kind + " model bundle: " + dir + " lacks " + BUNDLE + " or " + MODEL);
    }
    Map<String, Object> bundle;
    try (InputStream in = Files.newInputStream(bundleFile)) {
      bundle = JSON.readValue(in, Map.class);
    }
    if (bundle == null || !kind.folder().equals(bundle.get("kind"))) {
      Object found = bundle == null ? null : bundle.get("kind");
      throw new IOException(
          "model bundle "
              + dir
              + " is of kind '"
              + found
              + "', expected kind '"
              + kind
              + "': a "
              + kind
              + " loader cannot serve it");
    }
    if (!(bundle.get("feature_spec") instanceof Map<?, ?> specMap)) {
      throw new IOException("model bundle " + dir + " has no feature_spec");
    }
    FeatureSpec spec =
        new FeatureSpec((String) specMap.get("version"), (List<String>) specMap.get("names"));
    if (!expected.hash().equals(spec.hash()) || !expected.hash().equals(specMap.get("hash"))) {
      throw new IOException(
          kind
              + " model bundle "
              + dir
              + " was trained on feature spec "
              + specMap.get("hash")
              + " ("
              + spec.version()
              + "), this code computes "
              + expected.hash()
              + " ("
              + expected.version()
              + ")");
    }
    return new Header(bundle, spec);
  }

  /**
   * A rate entry of {@code fields}: its value when it is a number in [0, 1], NaN when absent.
   *
   * @throws IOException when present but not a number in [0, 1]
   */
  public static double rate(Map<String, Object> fields, String name, String source)
      throws IOException {
    Object value = fields.get(name);
    if (value == null) {
      return Double.NaN;
    }
    if (!(value instanceof Number n) || !(n.doubleValue() >= 0 && n.doubleValue() <= 1)) {
      throw new IOException(
          source + " has " + name + " " + value + "; expected a number in [0, 1]");
    }
    return n.doubleValue();
  }
}
