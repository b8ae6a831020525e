package dev.treue.training.churn;

import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * Labelled snapshot rows held on the driver for Tribuo: one member at one cutoff each.
 *
 * @param customerIds member ids
 * @param cutoffDays cutoff epoch days
 * @param features feature vectors in {@code ChurnFeatures.SPEC} order
 * @param churned labels (true = no purchase in the horizon)
 */
public record LabelledSnapshots(
    String[] customerIds, int[] cutoffDays, double[][] features, boolean[] churned) {

  /** All rows of several parts, in order. */
  public static LabelledSnapshots concat(List<LabelledSnapshots> parts) {
    int n = 0;
    for (LabelledSnapshots p : parts) {
      n += p.size();
    }
    String[] ids = new String[n];
    int[] days = new int[n];
    double[][] x = new double[n][];
    boolean[] y = new boolean[n];
    int at = 0;
    for (LabelledSnapshots p : parts) {
      System.arraycopy(p.customerIds, 0, ids, at, p.size());
      System.arraycopy(p.cutoffDays, 0, days, at, p.size());
      System.arraycopy(p.features, 0, x, at, p.size());
      System.arraycopy(p.churned, 0, y, at, p.size());
      at += p.size();
    }
    return new LabelledSnapshots(ids, days, x, y);
  }

  public int size() {
    return features.length;
  }

  /** The rows whose index passes {@code keep}, in order. */
  public LabelledSnapshots where(IntPredicate keep) {
    return at(IntStream.range(0, size()).filter(keep).toArray());
  }

  /** The rows at {@code indexes}, in that order. */
  public LabelledSnapshots at(int[] indexes) {
    int n = indexes.length;
    String[] ids = new String[n];
    int[] days = new int[n];
    double[][] x = new double[n][];
    boolean[] y = new boolean[n];
    for (int k = 0; k < n; k++) {
      int i = indexes[k];
      ids[k] = customerIds[i];
      days[k] = cutoffDays[i];
      x[k] = features[i];
      y[k] = churned[i];
    }
    return new LabelledSnapshots(ids, days, x, y);
  }

  /** One feature's values across rows. */
  public double[] column(int feature) {
    double[] c = new double[size()];
    for (int i = 0; i < c.length; i++) {
      c[i] = features[i][feature];
    }
    return c;
  }

  /** Share of churned rows. */
  public double churnRate() {
    int k = 0;
    for (boolean b : churned) {
      k += b ? 1 : 0;
    }
    return size() == 0 ? Double.NaN : (double) k / size();
  }
}
