package dev.treue.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.evaluation.RankingMetrics.Query;
import dev.treue.core.evaluation.RankingMetrics.Summary;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-computed rankings. */
class RankingMetricsTest {
  private static final double EPS = 1e-12;

  @Test
  void perfectAndWorstRankings() {
    Query perfect = new Query(new double[] {0.9, 0.5, 0.1}, new boolean[] {true, false, false});
    Query worst = new Query(new double[] {0.9, 0.5, 0.1}, new boolean[] {false, false, true});
    Summary p = RankingMetrics.of(List.of(perfect), 3);
    assertEquals(1, p.hitAt1(), EPS);
    assertEquals(1, p.ndcgAtK(), EPS);
    assertEquals(1, p.map(), EPS);
    Summary w = RankingMetrics.of(List.of(worst), 3);
    assertEquals(0, w.hitAt1(), EPS);
    assertEquals(0.5, w.ndcgAtK(), EPS, "1/log2(4) over 1/log2(2)");
    assertEquals(1.0 / 3, w.map(), EPS);
    assertEquals(0, RankingMetrics.of(List.of(worst), 2).ndcgAtK(), EPS, "outside the top 2");
  }

  @Test
  void twoRedemptionsAndAveraging() {
    // Ranked: R, -, R, -: AP = (1/1 + 2/3) / 2; DCG@3 = 1 + 1/log2(4) = 1.5; IDCG@3 = 1 +
    // 1/log2(3).
    Query q = new Query(new double[] {4, 3, 2, 1}, new boolean[] {true, false, true, false});
    Summary s = RankingMetrics.of(List.of(q), 3);
    assertEquals((1 + 2.0 / 3) / 2, s.map(), EPS);
    assertEquals(1.5 / (1 + 1 / (Math.log(3) / Math.log(2))), s.ndcgAtK(), EPS);
    // A member with no redemption does not count; the others average.
    Query none = new Query(new double[] {1, 2}, new boolean[] {false, false});
    Query miss = new Query(new double[] {2, 1}, new boolean[] {false, true});
    Summary avg = RankingMetrics.of(List.of(q, none, miss), 3);
    assertEquals(2, avg.queries());
    assertEquals(0.5, avg.hitAt1(), EPS);
    assertEquals(((1 + 2.0 / 3) / 2 + 0.5) / 2, avg.map(), EPS);
  }

  @Test
  void tiesNeverFlatterTheRanking() {
    Query constant =
        new Query(new double[] {1, 1, 1, 1}, new boolean[] {true, false, false, false});
    Summary s = RankingMetrics.of(List.of(constant), 3);
    assertEquals(0, s.hitAt1(), EPS);
    assertEquals(0.25, s.map(), EPS);
    assertTrue(Double.isNaN(RankingMetrics.of(List.of(), 3).map()));
    assertThrows(IllegalArgumentException.class, () -> RankingMetrics.of(List.of(), 0));
    assertThrows(IllegalArgumentException.class, () -> new Query(new double[1], new boolean[2]));
  }
}
