package dev.treue.training.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.treue.core.registry.BundleFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The evaluation report of one trained churn model: {@code report.json} with every number and
 * curve, and a self-contained {@code report.html} (metrics table with baselines, cutoffs,
 * calibration tables, ROC, calibration and gains charts as inline SVG).
 */
public final class ChurnReport {
  /** File name of the JSON report. */
  public static final String JSON_FILE = BundleFormat.REPORT_JSON;

  /** File name of the HTML report. */
  public static final String HTML_FILE = "report.html";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final ChurnReportInput input;

  /** A report of {@code input}. */
  public ChurnReport(ChurnReportInput input) {
    this.input = Objects.requireNonNull(input, "input");
  }

  /** What the report shows. */
  public ChurnReportInput input() {
    return input;
  }

  /**
   * The bundle's {@code metrics.json}: {@code auc, pr_auc, log_loss, brier, lift_top_decile,
   * validation_base_rate, n_train, n_valid, horizon_days, validation_cutoff, chosen_model, ece_before,
   * ece_after} and {@code baselines: {name: {auc, pr_auc, log_loss, brier, lift_top_decile}}}.
   * Missing or NaN metrics are null (JSON null).
   */
  public Map<String, Object> metrics() {
    return ReportJson.metrics(input);
  }

  /** The {@code report.json} document as maps and lists; includes {@link #metrics()}. */
  public Map<String, Object> document() {
    return ReportJson.document(input);
  }

  /** The HTML page. */
  public String html() {
    return ReportHtml.render(input);
  }

  /**
   * Writes {@value #JSON_FILE} and {@value #HTML_FILE} into {@code directory}, creating it.
   *
   * @return the two files written
   */
  public List<Path> writeTo(Path directory) {
    try {
      Files.createDirectories(directory);
      Path json = directory.resolve(JSON_FILE);
      JSON.writeValue(json.toFile(), document());
      Path html = directory.resolve(HTML_FILE);
      Files.writeString(html, html(), StandardCharsets.UTF_8);
      return List.of(json, html);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the churn report to " + directory, e);
    }
  }
}
