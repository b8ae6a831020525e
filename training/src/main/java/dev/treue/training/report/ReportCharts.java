package dev.treue.training.report;

import dev.treue.core.evaluation.CalibrationBin;
import dev.treue.core.evaluation.CalibrationTable;
import dev.treue.core.evaluation.GainsPoint;
import dev.treue.core.evaluation.RocPoint;
import java.util.ArrayList;
import java.util.List;

/** The three charts of a churn report: ROC, calibration before/after, cumulative gains. */
final class ReportCharts {
  static final String MODEL_COLOUR = "#2563eb";
  private static final String[] BASELINE_COLOURS = {
    "#ea580c", "#16a34a", "#9333ea", "#0891b2", "#be123c", "#a16207"
  };
  private static final String RAW_COLOUR = "#ea580c";

  private ReportCharts() {}

  static String roc(ChurnReportInput input) {
    SvgChart chart =
        new SvgChart("ROC curves", "False positive rate", "True positive rate (recall)");
    List<ScorerEvaluation> scorers = scorers(input);
    for (int i = 0; i < scorers.size(); i++) {
      ScorerEvaluation s = scorers.get(i);
      List<RocPoint> points = s.curves().roc().points();
      double[] x = new double[points.size()];
      double[] y = new double[points.size()];
      for (int k = 0; k < points.size(); k++) {
        x[k] = points.get(k).falsePositiveRate();
        y[k] = points.get(k).truePositiveRate();
      }
      String label = s.name() + " (AUC " + HtmlText.number(s.metrics().auc(), 3) + ")";
      chart.add(styled(label, x, y, i));
    }
    return chart.add(ChartSeries.diagonal("random")).render();
  }

  static String gains(ChurnReportInput input) {
    SvgChart chart =
        new SvgChart(
            "Cumulative gains",
            "Share of members contacted (highest risk first)",
            "Share of churners reached");
    List<ScorerEvaluation> scorers = scorers(input);
    for (int i = 0; i < scorers.size(); i++) {
      ScorerEvaluation s = scorers.get(i);
      List<GainsPoint> points = s.curves().gains().points();
      // The curve starts at the origin: contacting nobody reaches nobody.
      double[] x = new double[points.size() + 1];
      double[] y = new double[points.size() + 1];
      for (int k = 0; k < points.size(); k++) {
        x[k + 1] = points.get(k).depth();
        y[k + 1] = points.get(k).gain();
      }
      String label =
          s.name() + " (lift@10% " + HtmlText.number(s.metrics().liftTopDecile(), 2) + ")";
      chart.add(styled(label, x, y, i));
    }
    return chart.add(ChartSeries.diagonal("random")).render();
  }

  static String calibration(ChurnReportInput input) {
    SvgChart chart =
        new SvgChart("Calibration", "Mean predicted churn probability", "Observed churn rate");
    chart.add(
        reliability(
            "before (ECE " + ece(input.calibrationBefore()) + ")",
            input.calibrationBefore(),
            RAW_COLOUR));
    chart.add(
        reliability(
            "after (ECE " + ece(input.calibrationAfter()) + ")",
            input.calibrationAfter(),
            MODEL_COLOUR));
    return chart.add(ChartSeries.diagonal("perfectly calibrated")).render();
  }

  private static String ece(CalibrationTable table) {
    return HtmlText.number(table.expectedCalibrationError(), 3);
  }

  private static ChartSeries reliability(String name, CalibrationTable table, String colour) {
    List<CalibrationBin> bins = table.bins();
    double[] x = new double[bins.size()];
    double[] y = new double[bins.size()];
    for (int k = 0; k < bins.size(); k++) {
      x[k] = bins.get(k).meanPredicted();
      y[k] = bins.get(k).observedRate();
    }
    return new ChartSeries(name, x, y, colour, 2, false, true);
  }

  /** The model first, then baselines in input order. */
  private static List<ScorerEvaluation> scorers(ChurnReportInput input) {
    List<ScorerEvaluation> all = new ArrayList<>();
    all.add(input.model());
    all.addAll(input.baselines());
    return all;
  }

  /** Index 0 is the model, drawn thicker in the model colour; baselines cycle a palette. */
  private static ChartSeries styled(String name, double[] x, double[] y, int index) {
    if (index == 0) {
      return new ChartSeries(name, x, y, MODEL_COLOUR, 2.75, false, false);
    }
    String colour = BASELINE_COLOURS[(index - 1) % BASELINE_COLOURS.length];
    return new ChartSeries(name, x, y, colour, 1.75, false, false);
  }
}
