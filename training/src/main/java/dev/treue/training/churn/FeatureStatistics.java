package dev.treue.training.churn;

import dev.treue.core.feature.ChurnFeatures;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Per-feature statistics of the training rows, stored with each model so that drift can be checked
 * later against live traffic, and the reference vector the reason codes compare with.
 */
final class FeatureStatistics {
  private FeatureStatistics() {}

  /** name -> {mean, std, min, p01, p25, p50, p75, p99, max, zero_share}. */
  static Map<String, Map<String, Double>> of(LabelledSnapshots rows) {
    List<String> names = ChurnFeatures.SPEC.names();
    // Each feature's column is copied out and sorted on its own: the features go side by side on
    // every core (800,000 training rows made this a few seconds on one).
    List<Map<String, Double>> stats =
        IntStream.range(0, names.size()).parallel().mapToObj(f -> of(rows.column(f))).toList();
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    for (int f = 0; f < names.size(); f++) {
      out.put(names.get(f), stats.get(f));
    }
    return out;
  }

  private static Map<String, Double> of(double[] values) {
    Arrays.sort(values);
    double sum = 0;
    double sumSq = 0;
    int zeros = 0;
    for (double v : values) {
      sum += v;
      sumSq += v * v;
      zeros += v == 0 ? 1 : 0;
    }
    int n = Math.max(1, values.length);
    double mean = sum / n;
    Map<String, Double> s = new LinkedHashMap<>();
    s.put("mean", mean);
    s.put("std", Math.sqrt(Math.max(0, sumSq / n - mean * mean)));
    s.put("min", quantile(values, 0));
    s.put("p01", quantile(values, 0.01));
    s.put("p25", quantile(values, 0.25));
    s.put("p50", quantile(values, 0.5));
    s.put("p75", quantile(values, 0.75));
    s.put("p99", quantile(values, 0.99));
    s.put("max", quantile(values, 1));
    s.put("zero_share", (double) zeros / n);
    return s;
  }

  /** Median of every feature over the members who stayed: "a typical retained member". */
  static double[] retainedReference(LabelledSnapshots rows) {
    LabelledSnapshots stayed = rows.where(i -> !rows.churned()[i]);
    LabelledSnapshots basis = stayed.size() > 0 ? stayed : rows;
    return IntStream.range(0, ChurnFeatures.SPEC.size())
        .parallel()
        .mapToDouble(
            f -> {
              double[] values = basis.column(f);
              Arrays.sort(values);
              return quantile(values, 0.5);
            })
        .toArray();
  }

  private static double quantile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  }
}
