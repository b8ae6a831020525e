package dev.treue.training.report;

import dev.treue.core.evaluation.BinaryMetrics;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** A column of the report's metrics table: how to read it, show it, and which end is better. */
enum MetricColumn {
  AUC("AUC", BinaryMetrics::auc, true, 3),
  PR_AUC("PR-AUC", BinaryMetrics::prAuc, true, 3),
  LOG_LOSS("Log loss", BinaryMetrics::logLoss, false, 4),
  BRIER("Brier", BinaryMetrics::brier, false, 4),
  LIFT_TOP_DECILE("Lift, top 10%", BinaryMetrics::liftTopDecile, true, 2);

  final String heading;
  final ToDoubleFunction<BinaryMetrics> value;
  final boolean higherIsBetter;
  final int decimals;

  MetricColumn(
      String heading, ToDoubleFunction<BinaryMetrics> value, boolean higherIsBetter, int decimals) {
    this.heading = heading;
    this.value = value;
    this.higherIsBetter = higherIsBetter;
    this.decimals = decimals;
  }

  String format(BinaryMetrics metrics) {
    return HtmlText.number(value.applyAsDouble(metrics), decimals);
  }

  /** The best value in the column, NaN when no row has one. */
  double best(List<BinaryMetrics> rows) {
    double best = Double.NaN;
    for (BinaryMetrics row : rows) {
      double v = value.applyAsDouble(row);
      if (Double.isFinite(v) && (Double.isNaN(best) || (higherIsBetter ? v > best : v < best))) {
        best = v;
      }
    }
    return best;
  }

  /** Whether the row shows the best value, compared as displayed so that visible ties all win. */
  boolean isBest(BinaryMetrics row, double best) {
    return Double.isFinite(best) && format(row).equals(HtmlText.number(best, decimals));
  }
}
