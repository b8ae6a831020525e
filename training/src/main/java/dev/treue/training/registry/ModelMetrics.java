package dev.treue.training.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.treue.core.registry.BundleFormat;
import dev.treue.core.registry.RegistryException;
import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The numeric entries of a version's {@code metrics.json} (a JSON object with at least {@code auc}),
 * plus each baseline's AUC under {@code baselines.<name>.auc}. Other non-numeric and nested entries
 * are ignored here; {@code models show} prints the whole file.
 *
 * @param values metric name to value, sorted by name
 */
public record ModelMetrics(Map<String, Double> values) {
  /** The file every trainer writes into a version folder. */
  public static final String FILE_NAME = BundleFormat.METRICS;

  /** The nested object of {@code metrics.json} with one entry per baseline. */
  public static final String BASELINES = "baselines";

  private static final ObjectMapper JSON = new ObjectMapper();

  public ModelMetrics {
    values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  /** No metrics, for versions without a readable {@code metrics.json}. */
  public static ModelMetrics empty() {
    return new ModelMetrics(Map.of());
  }

  /**
   * Reads the numeric top-level entries of a {@code metrics.json}.
   *
   * @param source names the file in the error message
   * @throws RegistryException when the bytes are not a JSON object
   */
  public static ModelMetrics parse(byte[] json, String source) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new RegistryException(
          source + " is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
    }
    if (root == null || !root.isObject()) {
      throw new RegistryException(source + " should hold a JSON object like {\"auc\": 0.81}");
    }
    Map<String, Double> values = new TreeMap<>();
    for (Map.Entry<String, JsonNode> field : root.properties()) {
      if (field.getValue().isNumber()) {
        values.put(field.getKey(), field.getValue().doubleValue());
      } else if (field.getKey().equals(BASELINES) && field.getValue().isObject()) {
        // Each baseline's AUC, so the gate can ask whether the model beats the rules.
        for (Map.Entry<String, JsonNode> b : field.getValue().properties()) {
          JsonNode auc = b.getValue().get("auc");
          if (auc != null && auc.isNumber()) {
            values.put(baselineAucKey(b.getKey()), auc.doubleValue());
          }
        }
      } else if (field.getValue().isTextual()
          && field.getValue().asText().equalsIgnoreCase("NaN")) {
        // Some writers spell a failed metric as the string "NaN"; keep it so the gate can refuse
        // it.
        values.put(field.getKey(), Double.NaN);
      }
    }
    return new ModelMetrics(values);
  }

  /** The validation AUC, NaN when missing. */
  public double auc() {
    return get("auc");
  }

  /** The validation log loss, NaN when missing. */
  public double logLoss() {
    return get("log_loss");
  }

  /** The key a baseline's AUC is kept under: {@code baselines.<name>.auc}. */
  public static String baselineAucKey(String baseline) {
    return BASELINES + "." + baseline + ".auc";
  }

  /** A baseline's validation AUC, NaN when missing. */
  public double baselineAuc(String baseline) {
    return get(baselineAucKey(baseline));
  }

  /** A metric by name, NaN when missing. */
  public double get(String name) {
    Double v = values.get(name);
    return v == null ? Double.NaN : v;
  }
}
