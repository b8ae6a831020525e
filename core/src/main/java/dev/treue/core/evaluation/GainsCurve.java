package dev.treue.core.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * Cumulative gains and lift by percentile of score, the chart a retention team reads to choose how
 * many members to contact. Ties at a bucket edge are split as in {@link Lift}.
 *
 * @param points one per bucket at depths 1/buckets, 2/buckets, ..., 1; empty without churners
 */
public record GainsCurve(List<GainsPoint> points) {
  /** Deciles, the usual resolution of a gains table. */
  public static final int DEFAULT_BUCKETS = 10;

  /** Defensive copy; points are immutable. */
  public GainsCurve {
    points = List.copyOf(points);
  }

  /** Gains by decile. */
  public static GainsCurve of(double[] scores, boolean[] churned) {
    return of(scores, churned, DEFAULT_BUCKETS);
  }

  /**
   * Gains in {@code buckets} equal slices of the ranked members.
   *
   * @param buckets 10 (deciles) or 20 (vingtiles) are usual; anything from 2 to 100 is accepted
   */
  public static GainsCurve of(double[] scores, boolean[] churned, int buckets) {
    return of(ScoreRanking.of(scores, churned), buckets);
  }

  static GainsCurve of(ScoreRanking ranking, int buckets) {
    if (buckets < 2 || buckets > 100) {
      throw new IllegalArgumentException("buckets is " + buckets + ", expected 2 to 100");
    }
    if (ranking.positives == 0) {
      return new GainsCurve(List.of());
    }
    List<GainsPoint> points = new ArrayList<>();
    for (int b = 1; b <= buckets; b++) {
      double depth = (double) b / buckets;
      double gain = ranking.positivesInTop(depth * ranking.n()) / ranking.positives;
      points.add(new GainsPoint(depth, gain, gain / depth));
    }
    return new GainsCurve(points);
  }
}
