package dev.treue.training.report;

import static dev.treue.training.report.HtmlText.escape;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The short HTML report of an offer response model: the model and its baselines side by side on
 * the out-of-time evaluation exposures, the candidates, and the off-policy estimate of the model's
 * targeting. Self-contained like the churn report; its numbers are those of {@code metrics.json}.
 */
public final class OfferReport {
  /** The file name in a version folder. */
  public static final String HTML_FILE = "report.html";

  /** Column headings of the metric tables, in the order of {@link #row}'s cells. */
  private static final String[] COLUMNS = {"AUC", "log loss", "hit@1", "nDCG@3", "MAP"};

  private OfferReport() {}

  /** Writes {@link #HTML_FILE} into {@code dir}. */
  public static Path write(Path dir, OfferReportInput report) throws IOException {
    Path file = dir.resolve(HTML_FILE);
    Files.writeString(file, render(report));
    return file;
  }

  static String render(OfferReportInput report) {
    OfferModelEvaluation evaluation = report.evaluation();
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(escape(report.title()))
        .append("</title>\n<style>\n")
        .append(ReportStyle.CSS)
        .append("</style>\n</head>\n<body>\n<main>\n<h1>")
        .append(escape(report.title()))
        .append("</h1>\n<p class=\"subtitle\">")
        .append(
            "offer response model: P(redeem within the validity window) &middot; chosen candidate: <strong>")
        .append(escape(report.modelName()))
        .append("</strong> &middot; all numbers on out-of-time evaluation exposures</p>\n");
    html.append("<section class=\"card\"><h2>Data</h2>\n<dl class=\"facts\">\n");
    report
        .facts()
        .forEach(
            (k, v) ->
                html.append("<div><dt>")
                    .append(escape(k.replace('_', ' ')))
                    .append("</dt><dd>")
                    .append(escape(show(v)))
                    .append("</dd></div>\n"));
    html.append("</dl></section>\n");

    html.append(
        "<section class=\"card\"><h2>Model and baselines</h2>\n<table>\n<thead><tr><th></th>");
    for (String c : COLUMNS) {
      html.append("<th>").append(c).append("</th>");
    }
    html.append("<th>members ranked</th></tr></thead>\n<tbody>\n");
    row(
        html,
        "model",
        evaluation.model().auc(),
        evaluation.model().logLoss(),
        evaluation.model().ranking());
    evaluation.baselines().forEach((name, m) -> row(html, name, m.auc(), m.logLoss(), m.ranking()));
    html.append(
        "</tbody></table>\n<p class=\"note\">Ranking metrics order the offers each member was sent in the "
            + "window, over members who redeemed at least one. popular: training redemption rate of the kind and "
            + "category; last_kind: the kind the member redeemed last first; oracle: the generator's true P(redeem).");
    evaluation
        .ndcgVsOracle()
        .ifPresent(
            r ->
                html.append(" Model nDCG@3 is ")
                    .append(String.format(Locale.ROOT, "%.1f%%", 100 * r))
                    .append(" of the oracle's."));
    html.append("</p></section>\n");

    // Most members get one or two offers in a window; the members with a real choice separate the
    // rankings.
    html.append(
        "<section class=\"card\"><h2>Members sent two or more offers</h2>\n<table>\n<thead><tr><th></th>");
    for (String c : COLUMNS) {
      html.append("<th>").append(c).append("</th>");
    }
    html.append("<th>members ranked</th></tr></thead>\n<tbody>\n");
    row(html, "model", null, null, evaluation.model().membersWithAChoice());
    evaluation
        .baselines()
        .forEach((name, m) -> row(html, name, null, null, m.membersWithAChoice()));
    html.append("</tbody></table></section>\n");

    html.append(
        "<section class=\"card\"><h2>Candidates</h2>\n<table>\n<thead><tr><th></th>"
            + "<th>calibration-fold log loss</th><th>seconds</th></tr></thead>\n<tbody>\n");
    report
        .candidates()
        .forEach(
            (name, c) ->
                html.append("<tr><td>")
                    .append(escape(name))
                    .append("</td><td>")
                    .append(show(c.calibrationLogLoss()))
                    .append("</td><td>")
                    .append(show(c.seconds()))
                    .append("</td></tr>\n"));
    html.append("</tbody></table></section>\n");

    html.append("<section class=\"card\"><h2>Off-policy estimate of the model's targeting</h2>\n");
    if (evaluation.offPolicy() instanceof OffPolicyResult.Estimated op) {
      html.append("<p>")
          .append(escape(op.policy()))
          .append(": redemption rate per offer " + "sent ")
          .append(show(op.snipsRedemptionRate()))
          .append(" (SNIPS; IPS ")
          .append(show(op.ipsRedemptionRate()))
          .append(" &plusmn; ")
          .append(show(op.ipsStandardError()))
          .append(") against ")
          .append(show(op.loggedRedemptionRate()))
          .append(" logged, over ")
          .append(show(op.loggedSends()))
          .append(" sends (effective sample size ")
          .append(show(op.effectiveSampleSize()))
          .append(").</p>\n");
    } else if (evaluation.offPolicy() instanceof OffPolicyResult.Unavailable none) {
      html.append("<p>").append(escape(none.reason())).append("</p>\n");
    }
    html.append(
        "</section>\n<footer>Generated by Treue. Self-contained: no external scripts, styles or fonts."
            + "</footer>\n</main>\n</body>\n</html>\n");
    return html.toString();
  }

  /** One table row; AUC and log loss are absent (a dash) in the members-with-a-choice table. */
  private static void row(
      StringBuilder html, String name, Double auc, Double logLoss, OfferMetrics.Ranking r) {
    html.append("<tr><td><strong>").append(escape(name)).append("</strong></td>");
    for (Object v : new Object[] {auc, logLoss, r.hitAt1(), r.ndcgAt3(), r.map()}) {
      html.append("<td>").append(show(v)).append("</td>");
    }
    html.append("<td>").append(show(r.queries())).append("</td></tr>\n");
  }

  private static String show(Object v) {
    if (v instanceof Double || v instanceof Float) {
      return String.format(Locale.ROOT, "%.4f", ((Number) v).doubleValue());
    }
    return v == null ? "\u2014" : String.valueOf(v);
  }
}
