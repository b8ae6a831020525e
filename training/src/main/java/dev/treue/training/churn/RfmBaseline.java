package dev.treue.training.churn;

import dev.treue.core.feature.ChurnFeature;
import java.util.Arrays;

/**
 * The classic RFM score as a churn baseline: recency, 12-month frequency and 12-month spend each
 * cut into quintiles (edges learnt on the calibration rows), summed to 3..15; a low score means
 * high churn risk. This is what many programmes use today, so the model has to beat it.
 */
final class RfmBaseline {
  private static final int BINS = 5;

  private final double[] recencyEdges;
  private final double[] frequencyEdges;
  private final double[] monetaryEdges;

  private RfmBaseline(double[] recencyEdges, double[] frequencyEdges, double[] monetaryEdges) {
    this.recencyEdges = recencyEdges;
    this.frequencyEdges = frequencyEdges;
    this.monetaryEdges = monetaryEdges;
  }

  /** Learns quintile edges from rows. */
  static RfmBaseline fit(LabelledSnapshots rows) {
    return new RfmBaseline(
        edges(rows.column(ChurnFeature.RECENCY_DAYS.ordinal())),
        edges(rows.column(ChurnFeature.FREQUENCY_365.ordinal())),
        edges(rows.column(ChurnFeature.MONETARY_365.ordinal())));
  }

  /** Churn scores (higher = riskier): the negated RFM sum. */
  double[] churnScores(LabelledSnapshots rows) {
    double[] out = new double[rows.size()];
    for (int i = 0; i < out.length; i++) {
      double[] v = rows.features()[i];
      // Recent buyers get a high R: invert the recency bin.
      int r = BINS + 1 - bin(recencyEdges, v[ChurnFeature.RECENCY_DAYS.ordinal()]);
      int f = bin(frequencyEdges, v[ChurnFeature.FREQUENCY_365.ordinal()]);
      int m = bin(monetaryEdges, v[ChurnFeature.MONETARY_365.ordinal()]);
      out[i] = -(r + f + m);
    }
    return out;
  }

  private static double[] edges(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double[] edges = new double[BINS - 1];
    for (int k = 1; k < BINS; k++) {
      edges[k - 1] =
          sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, k * sorted.length / BINS)];
    }
    return edges;
  }

  /** 1..5: one plus the number of edges strictly below the value. */
  private static int bin(double[] edges, double value) {
    int b = 1;
    for (double e : edges) {
      if (value > e) {
        b++;
      }
    }
    return b;
  }
}
