package dev.treue.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TargetingTableTest {
  @Test
  void contactingTheTopReachesTheHighestScoredChurnersAndTheirValue() {
    // 200 rows: scores descending by index, every third row churned, value = index.
    int n = 200;
    double[] scores = new double[n];
    boolean[] churned = new boolean[n];
    double[] value = new double[n];
    for (int i = 0; i < n; i++) {
      scores[i] = 1 - i / 1000.0;
      churned[i] = i % 3 == 0;
      value[i] = i;
    }
    TargetingTable table = TargetingTable.of(scores, churned, value);
    TargetingStep tenth = table.at(10);
    assertEquals(20, tenth.contacted());
    // Rows 0..19: churned at 0,3,...,18 = 7 rows; value 0+1+...+19 = 190.
    assertEquals(7, tenth.churnersReached(), 1e-12);
    assertEquals(13, tenth.falseAlarms(), 1e-12);
    assertEquals(190, tenth.valueAtRiskCovered(), 1e-9);
    TargetingStep all = table.at(100);
    assertEquals(n, all.contacted());
    assertEquals(table.churners(), all.churnersReached(), 1e-9);
    assertEquals(table.valueAtRisk(), all.valueAtRiskCovered(), 1e-9);
    assertEquals(67, table.churners());
  }

  @Test
  void aCutThroughATieCountsTheTiedGroupProRataWhateverTheInputOrder() {
    // Four rows tie at 0.5 (two churned, values 10 and 30 among 0,10,20,30), two rows above.
    double[] scores = {0.5, 0.9, 0.5, 0.5, 0.8, 0.5};
    boolean[] churned = {true, false, false, true, true, false};
    double[] value = {10, 1, 0, 30, 2, 20};
    TargetingTable a = TargetingTable.of(scores, churned, value);
    // 50% = 3 rows: the two above plus one quarter... one of four tied rows: 1/4 of the group.
    TargetingStep half = a.at(50);
    assertEquals(3, half.contacted());
    assertEquals(1 + 0.25 * 2, half.churnersReached(), 1e-12);
    assertEquals(3 + 0.25 * 60, half.valueAtRiskCovered(), 1e-12);
    // The same rows in another order give the same table.
    int[] perm = {5, 3, 1, 0, 4, 2};
    double[] s2 = new double[6];
    boolean[] c2 = new boolean[6];
    double[] v2 = new double[6];
    for (int i = 0; i < 6; i++) {
      s2[i] = scores[perm[i]];
      c2[i] = churned[perm[i]];
      v2[i] = value[perm[i]];
    }
    assertEquals(a, TargetingTable.of(s2, c2, v2));
  }

  @Test
  void reachedChurnersNeverDecreaseAndNeverExceedContacts() {
    Random r = new Random(7);
    int n = 1_003;
    double[] scores = new double[n];
    boolean[] churned = new boolean[n];
    double[] value = new double[n];
    for (int i = 0; i < n; i++) {
      scores[i] = Math.round(r.nextDouble() * 20) / 20.0; // many ties
      churned[i] = r.nextDouble() < scores[i];
      value[i] = r.nextDouble() * 100;
    }
    TargetingTable t = TargetingTable.of(scores, churned, value);
    double previous = 0;
    for (TargetingStep step : t.steps()) {
      assertEquals(step.contacted(), step.churnersReached() + step.falseAlarms(), 1e-9);
      org.junit.jupiter.api.Assertions.assertTrue(step.churnersReached() >= previous - 1e-9);
      org.junit.jupiter.api.Assertions.assertTrue(
          step.churnersReached() <= step.contacted() + 1e-9);
      previous = step.churnersReached();
    }
  }

  @Test
  void refusesNegativeOrMissingValueAtRisk() {
    double[] s = {0.1, 0.2};
    boolean[] c = {true, false};
    assertThrows(
        IllegalArgumentException.class, () -> TargetingTable.of(s, c, new double[] {1, -1}));
    assertThrows(
        IllegalArgumentException.class,
        () -> TargetingTable.of(s, c, new double[] {1, Double.NaN}));
    assertThrows(IllegalArgumentException.class, () -> TargetingTable.of(s, c, new double[] {1}));
    assertThrows(
        IllegalArgumentException.class, () -> TargetingTable.of(s, c, new double[2]).at(0));
  }
}
