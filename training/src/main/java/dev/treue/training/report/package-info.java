/**
 * The evaluation report of one trained churn model: {@code report.json}, a self-contained {@code
 * report.html} with inline SVG charts, and the {@code metrics.json} map stored in the bundle; and
 * that of an offer model ({@link dev.treue.training.report.OfferReportInput}, {@code report.html}
 * and {@code metrics.json}). The model is always shown beside its baselines on the same out-of-time rows.
 */
package dev.treue.training.report;
