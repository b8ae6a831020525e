package dev.treue.serving.models;

import dev.treue.core.registry.BundleFormat;
import dev.treue.core.registry.LocalRegistryFiles;
import dev.treue.core.registry.RegistryReader;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/models/quality}: what the dashboard's model-quality page shows about a served model,
 * read from its registry bundle: the trainer's metrics beside the baselines, the calibration table,
 * the targeting table of the validation rows, and the change of each headline metric against the
 * version registered before it. Files a bundle lacks (published by an older build) read as null.
 * Blocking file reads: call off the event loop.
 */
final class ModelQuality {
  /** The headline metrics whose change against the previous version is shown. */
  static final List<String> HEADLINE =
      List.of("auc", "pr_auc", "log_loss", "brier", "lift_top_decile");

  private ModelQuality() {}

  /**
   * One kind's quality document.
   *
   * @param served the served version, or null when nothing of this kind is served
   */
  static JsonObject of(Path registry, String kind, String served) {
    JsonObject out = new JsonObject().put("version", served);
    if (served == null) {
      return out.put("previous_version", null).put("metrics", null);
    }
    RegistryReader reader = new RegistryReader(new LocalRegistryFiles(registry));
    JsonObject metrics = json(reader, kind, served, BundleFormat.METRICS);
    out.put("metrics", metrics);
    String previous = previous(reader.versions(kind), served);
    out.put("previous_version", previous);
    JsonObject previousMetrics =
        previous == null ? null : json(reader, kind, previous, BundleFormat.METRICS);
    out.put("previous_metrics", previousMetrics);
    out.put("changes", changes(metrics, previousMetrics));
    JsonObject report = json(reader, kind, served, BundleFormat.REPORT_JSON);
    out.put("calibration", report == null ? null : report.getValue("calibration"));
    out.put("targeting", json(reader, kind, served, BundleFormat.TARGETING));
    return out;
  }

  /** The newest version registered before {@code served} (promoted or not), or null. */
  static String previous(List<String> versions, String served) {
    String best = null;
    for (String v : versions) {
      // Version names sort by their timestamp.
      if (v.compareTo(served) < 0 && (best == null || v.compareTo(best) > 0)) {
        best = v;
      }
    }
    return best;
  }

  private static JsonObject changes(JsonObject now, JsonObject before) {
    if (now == null || before == null) {
      return null;
    }
    JsonObject changes = new JsonObject();
    for (String key : HEADLINE) {
      Object a = now.getValue(key);
      Object b = before.getValue(key);
      changes.put(
          key,
          a instanceof Number x && b instanceof Number y
              ? x.doubleValue() - y.doubleValue()
              : null);
    }
    return changes;
  }

  private static JsonObject json(RegistryReader reader, String kind, String version, String file) {
    if (!reader.files().exists(RegistryReader.versionPath(kind, version) + "/" + file)) {
      return null;
    }
    try {
      return new JsonObject(new String(reader.read(kind, version, file), StandardCharsets.UTF_8));
    } catch (DecodeException e) {
      // A broken file in an old bundle must not hide the rest of the page.
      return new JsonObject(Map.of("unreadable", file + ": " + e.getMessage()));
    }
  }
}
