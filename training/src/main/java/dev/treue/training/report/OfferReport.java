package dev.treue.training.report;

import static dev.treue.training.report.HtmlText.escape;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The short HTML report of an offer response model: the model and its baselines side by side on
 * the out-of-time evaluation exposures, the candidates, and the off-policy estimate of the model's
 * targeting. Self-contained like the churn report; its numbers are those of {@code metrics.json}.
 */
public final class OfferReport {
  /** The file name in a version folder. */
  public static final String HTML_FILE = "report.html";

  private static final String[][] COLUMNS = {
    {"auc", "AUC"}, {"log_loss", "log loss"}, {"hit_at_1", "hit@1"}, {"ndcg_at_3", "nDCG@3"}, {"map", "MAP"}
  };

  private OfferReport() {}

  /** Writes {@link #HTML_FILE} into {@code dir} from the metrics and the run's facts. */
  public static Path write(Path dir, String title, Map<String, Object> metrics, Map<String, Object> facts)
      throws IOException {
    Path file = dir.resolve(HTML_FILE);
    Files.writeString(file, render(title, metrics, facts));
    return file;
  }

  @SuppressWarnings("unchecked")
  static String render(String title, Map<String, Object> metrics, Map<String, Object> facts) {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(escape(title)).append("</title>\n<style>\n").append(ReportStyle.CSS).append("</style>\n</head>\n")
        .append("<body>\n<main>\n<h1>").append(escape(title)).append("</h1>\n<p class=\"subtitle\">")
        .append("offer response model: P(redeem within the validity window) &middot; chosen candidate: <strong>")
        .append(escape(String.valueOf(metrics.get("model_name"))))
        .append("</strong> &middot; all numbers on out-of-time evaluation exposures</p>\n");
    html.append("<section class=\"card\"><h2>Data</h2>\n<dl class=\"facts\">\n");
    facts.forEach((k, v) -> html.append("<div><dt>").append(escape(k.replace('_', ' '))).append("</dt><dd>")
        .append(escape(show(v))).append("</dd></div>\n"));
    html.append("</dl></section>\n");

    html.append("<section class=\"card\"><h2>Model and baselines</h2>\n<table>\n<thead><tr><th></th>");
    for (String[] c : COLUMNS) {
      html.append("<th>").append(c[1]).append("</th>");
    }
    html.append("<th>members ranked</th></tr></thead>\n<tbody>\n");
    row(html, "model", metrics);
    Map<String, Object> baselines = (Map<String, Object>) metrics.getOrDefault("baselines", Map.of());
    baselines.forEach((name, m) -> row(html, name, (Map<String, Object>) m));
    html.append("</tbody></table>\n<p class=\"note\">Ranking metrics order the offers each member was sent in the "
        + "window, over members who redeemed at least one. popular: training redemption rate of the kind and "
        + "category; last_kind: the kind the member redeemed last first; oracle: the generator's true P(redeem).");
    if (metrics.get("ndcg_vs_oracle") instanceof Number r) {
      html.append(" Model nDCG@3 is ").append(String.format(Locale.ROOT, "%.1f%%", 100 * r.doubleValue()))
          .append(" of the oracle's.");
    }
    html.append("</p></section>\n");

    // Most members get one or two offers in a window; the members with a real choice separate the rankings.
    html.append("<section class=\"card\"><h2>Members sent two or more offers</h2>\n<table>\n<thead><tr><th></th>");
    for (String[] c : COLUMNS) {
      html.append("<th>").append(c[1]).append("</th>");
    }
    html.append("<th>members ranked</th></tr></thead>\n<tbody>\n");
    row(html, "model", (Map<String, Object>) metrics.getOrDefault("members_with_a_choice", Map.of()));
    baselines.forEach((name, m) -> row(html, name,
        (Map<String, Object>) ((Map<String, Object>) m).getOrDefault("members_with_a_choice", Map.of())));
    html.append("</tbody></table></section>\n");

    Map<String, Object> candidates = (Map<String, Object>) metrics.getOrDefault("candidates", Map.of());
    html.append("<section class=\"card\"><h2>Candidates</h2>\n<table>\n<thead><tr><th></th>"
        + "<th>calibration-fold log loss</th><th>seconds</th></tr></thead>\n<tbody>\n");
    candidates.forEach((name, c) -> {
      Map<String, Object> m = (Map<String, Object>) c;
      html.append("<tr><td>").append(escape(name)).append("</td><td>").append(show(m.get("calibration_log_loss")))
          .append("</td><td>").append(show(m.get("seconds"))).append("</td></tr>\n");
    });
    html.append("</tbody></table></section>\n");

    Map<String, Object> offPolicy = (Map<String, Object>) metrics.getOrDefault("off_policy", Map.of());
    html.append("<section class=\"card\"><h2>Off-policy estimate of the model's targeting</h2>\n");
    if (Boolean.TRUE.equals(offPolicy.get("available"))) {
      html.append("<p>").append(escape(String.valueOf(offPolicy.get("policy")))).append(": redemption rate per offer "
          + "sent ").append(show(offPolicy.get("snips_redemption_rate"))).append(" (SNIPS; IPS ")
          .append(show(offPolicy.get("ips_redemption_rate"))).append(" &plusmn; ")
          .append(show(offPolicy.get("ips_standard_error"))).append(") against ")
          .append(show(offPolicy.get("logged_redemption_rate"))).append(" logged, over ")
          .append(show(offPolicy.get("logged_sends"))).append(" sends (effective sample size ")
          .append(show(offPolicy.get("effective_sample_size"))).append(").</p>\n");
    } else {
      html.append("<p>").append(escape(String.valueOf(offPolicy.getOrDefault("reason", "not estimated"))))
          .append("</p>\n");
    }
    html.append("</section>\n<footer>Generated by Treue. Self-contained: no external scripts, styles or fonts."
        + "</footer>\n</main>\n</body>\n</html>\n");
    return html.toString();
  }

  private static void row(StringBuilder html, String name, Map<String, Object> m) {
    html.append("<tr><td><strong>").append(escape(name)).append("</strong></td>");
    for (String[] c : COLUMNS) {
      html.append("<td>").append(show(m.get(c[0]))).append("</td>");
    }
    html.append("<td>").append(show(m.get("queries"))).append("</td></tr>\n");
  }

  private static String show(Object v) {
    if (v instanceof Double || v instanceof Float) {
      return String.format(Locale.ROOT, "%.4f", ((Number) v).doubleValue());
    }
    return v == null ? "\u2014" : String.valueOf(v);
  }
}
