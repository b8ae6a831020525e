package dev.treue.training.churn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.treue.core.feature.ChurnFeatures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureStatisticsTest {
  private static final int FEATURES = ChurnFeatures.SPEC.size();

  /** Row i has feature f equal to (i + 1) * (f + 1), and feature 0 is zero on even rows. */
  private static LabelledSnapshots rows(int n) {
    String[] ids = new String[n];
    int[] days = new int[n];
    double[][] x = new double[n][FEATURES];
    boolean[] churned = new boolean[n];
    for (int i = 0; i < n; i++) {
      ids[i] = "m" + i;
      days[i] = 20_000;
      for (int f = 0; f < FEATURES; f++) {
        x[i][f] = (double) (n - i) * (f + 1); // descending, so each column must be sorted
      }
      if (i % 2 == 0) {
        x[i][0] = 0;
      }
      churned[i] = i >= n / 2;
    }
    return new LabelledSnapshots(ids, days, x, churned);
  }

  @Test
  void everyFeatureHasItsOwnFiguresInTheSpecOrder() {
    LabelledSnapshots rows = rows(1000);
    Map<String, Map<String, Double>> stats = FeatureStatistics.of(rows);
    List<String> names = ChurnFeatures.SPEC.names();
    assertEquals(names, List.copyOf(stats.keySet()));
    for (int f = 1; f < FEATURES; f++) {
      Map<String, Double> s = stats.get(names.get(f));
      double k = f + 1;
      assertEquals(500.5 * k, s.get("mean"), 1e-9 * k, names.get(f));
      assertEquals(k, s.get("min"), 0, names.get(f));
      assertEquals(11 * k, s.get("p01"), 0, names.get(f));
      assertEquals(501 * k, s.get("p50"), 0, names.get(f));
      assertEquals(1000 * k, s.get("max"), 0, names.get(f));
      assertEquals(Math.sqrt((1000.0 * 1000 - 1) / 12) * k, s.get("std"), 1e-6 * k, names.get(f));
      assertEquals(0.0, s.get("zero_share"), 0, names.get(f));
    }
    assertEquals(0.5, stats.get(names.get(0)).get("zero_share"), 0);
    assertEquals(0.0, stats.get(names.get(0)).get("min"), 0);
  }

  @Test
  void theReferenceIsTheMedianOfTheMembersWhoStayed() {
    // Rows 0..499 stayed; their feature f runs (1000 - i) * (f + 1): 501..1000 times f + 1.
    double[] reference = FeatureStatistics.retainedReference(rows(1000));
    double[] expected = new double[FEATURES];
    for (int f = 0; f < FEATURES; f++) {
      expected[f] = 751.0 * (f + 1);
    }
    expected[0] = 501; // feature 0 of the stayed rows: 250 zeros, then 501, 503, ..., 999
    assertArrayEquals(expected, reference, 0);
  }
}
