package dev.treue.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BinaryMetricsTest {
  private static final double TOLERANCE = 1e-12;

  // Ten members, four churned, at ranks 1, 2, 4 and 7 of the scores.
  private static final double[] P = {0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05};
  private static final boolean[] Y = {
    true, true, false, true, false, false, true, false, false, false
  };

  @Test
  void handWorkedExample() {
    BinaryMetrics m = BinaryMetrics.of(P, Y);
    // Positive-negative pairs ranked correctly: 6 + 6 + 5 + 3 of 4 * 6.
    assertEquals(20.0 / 24, m.auc(), TOLERANCE);
    // Precision at each churner's rank: 1/1, 2/2, 3/4, 4/7.
    assertEquals((1 + 1 + 0.75 + 4.0 / 7) / 4, m.prAuc(), TOLERANCE);
    double brier = (0.01 + 0.04 + 0.49 + 0.16 + 0.25 + 0.16 + 0.49 + 0.04 + 0.01 + 0.0025) / 10;
    assertEquals(brier, m.brier(), TOLERANCE);
    double logLoss =
        -(Math.log(0.9)
                + Math.log(0.8)
                + Math.log(0.3)
                + Math.log(0.6)
                + Math.log(0.5)
                + Math.log(0.6)
                + Math.log(0.3)
                + Math.log(0.8)
                + Math.log(0.9)
                + Math.log(0.95))
            / 10;
    assertEquals(logLoss, m.logLoss(), TOLERANCE);
    // Top decile = the single top row, a churner: rate 1 against a base rate of 0.4.
    assertEquals(2.5, m.liftTopDecile(), TOLERANCE);
    assertEquals(0.4, m.baseRate(), TOLERANCE);
    assertEquals(10, m.n());
    assertTrue(m.hasProbabilityMetrics());
  }

  @Test
  void logLossOfCoinFlipsIsLnTwoAndClipsCertainMistakes() {
    assertEquals(
        Math.log(2), LogLoss.of(new double[] {0.5, 0.5}, new boolean[] {true, false}), TOLERANCE);
    double clipped = LogLoss.of(new double[] {0.0}, new boolean[] {true});
    assertEquals(-Math.log(1e-15), clipped, 1e-9);
  }

  @Test
  void tiesShareCredit() {
    double[] s = {0.8, 0.5, 0.5, 0.2};
    boolean[] y = {true, true, false, false};
    BinaryMetrics m = BinaryMetrics.of(s, y);
    // The tied churner/non-churner pair counts half.
    assertEquals(3.5 / 4, m.auc(), TOLERANCE);
    // The tie group is one threshold: precision 1 after the first row, 2/3 after the tie.
    assertEquals(0.5 * 1 + 0.5 * 2.0 / 3, m.prAuc(), TOLERANCE);
  }

  @Test
  void liftSplitsTiesAtTheDecileBoundaryWhateverTheRowOrder() {
    double[] s = {0.9, 0.9, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1};
    boolean[] churnerFirst = {true, false, false, false, false, false, false, false, false, false};
    boolean[] churnerSecond = {false, true, false, false, false, false, false, false, false, false};
    // The top row is half of a tie group holding one churner: 0.5 churners against a base of 0.1.
    assertEquals(5.0, Lift.topDecile(s, churnerFirst), TOLERANCE);
    assertEquals(5.0, Lift.topDecile(s, churnerSecond), TOLERANCE);
  }

  @Test
  void oneClassAbsentGivesNaNWithoutCrashing() {
    boolean[] none = new boolean[P.length];
    BinaryMetrics noChurn = BinaryMetrics.of(P, none);
    assertTrue(Double.isNaN(noChurn.auc()));
    assertTrue(Double.isNaN(noChurn.prAuc()));
    assertTrue(Double.isNaN(noChurn.liftTopDecile()));
    assertEquals(0.0, noChurn.baseRate());
    assertTrue(Double.isFinite(noChurn.logLoss()));

    boolean[] all = new boolean[P.length];
    java.util.Arrays.fill(all, true);
    BinaryMetrics allChurn = BinaryMetrics.of(P, all);
    assertTrue(Double.isNaN(allChurn.auc()));
    assertEquals(1.0, allChurn.prAuc(), TOLERANCE);
    assertEquals(1.0, allChurn.liftTopDecile(), TOLERANCE);
    assertTrue(RocCurve.of(P, all).points().isEmpty());
    assertTrue(CalibrationTable.of(P, all).bins().size() > 0);

    BinaryMetrics empty = BinaryMetrics.of(new double[0], new boolean[0]);
    assertEquals(0, empty.n());
    assertTrue(Double.isNaN(empty.auc()) && Double.isNaN(empty.logLoss()));
    assertTrue(Double.isNaN(empty.baseRate()));
  }

  @Test
  void rankingScoresGetNoProbabilityMetrics() {
    double[] daysSinceLastPurchase = {400, 12, 250, 3, 90};
    boolean[] y = {true, false, true, false, false};
    BinaryMetrics m = BinaryMetrics.ofScores(daysSinceLastPurchase, y);
    assertEquals(1.0, m.auc(), TOLERANCE);
    assertTrue(Double.isNaN(m.logLoss()));
    assertTrue(Double.isNaN(m.brier()));
    assertFalse(m.hasProbabilityMetrics());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> BinaryMetrics.of(daysSinceLastPurchase, y));
    assertTrue(e.getMessage().contains("probability 0 is 400.0"), e.getMessage());
  }

  @Test
  void rejectsMismatchedLengthsAndNaNScores() {
    assertThrows(
        IllegalArgumentException.class, () -> BinaryMetrics.of(new double[2], new boolean[3]));
    assertThrows(
        IllegalArgumentException.class,
        () -> BinaryMetrics.ofScores(new double[] {Double.NaN}, new boolean[] {true}));
  }

  @Test
  void aucMatchesBruteForcePairsOnRandomTiedData() {
    Random random = new Random(42);
    for (int trial = 0; trial < 20; trial++) {
      int n = 50 + random.nextInt(300);
      double[] s = new double[n];
      boolean[] y = new boolean[n];
      for (int i = 0; i < n; i++) {
        y[i] = random.nextDouble() < 0.3;
        // Rounded so that ties are common.
        s[i] = Math.round((random.nextGaussian() + (y[i] ? 0.7 : 0)) * 4) / 4.0;
      }
      assertEquals(bruteForceAuc(s, y), BinaryMetrics.ofScores(s, y).auc(), 1e-12);
    }
  }

  private static double bruteForceAuc(double[] s, boolean[] y) {
    double wins = 0;
    long pairs = 0;
    for (int i = 0; i < s.length; i++) {
      for (int j = 0; j < s.length; j++) {
        if (y[i] && !y[j]) {
          pairs++;
          wins += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
        }
      }
    }
    return wins / pairs;
  }
}
