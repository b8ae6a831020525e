package dev.treue.core.offers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** IPS and SNIPS recover a known policy value from decisions another policy logged. */
class OffPolicyEstimateTest {
  private static final double[] REDEEM = {0.05, 0.10, 0.30, 0.15};

  @Test
  void recoversTheValueOfADeterministicPolicyFromUniformLogs() {
    SplittableRandom r = new SplittableRandom(7);
    OffPolicyEstimate e = new OffPolicyEstimate(Double.POSITIVE_INFINITY);
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      int shown = r.nextInt(4);
      double reward = r.nextDouble() < REDEEM[shown] ? 1 : 0;
      e.add(reward, 0.25, shown == 2 ? 1 : 0); // the new policy always shows offer 2
    }
    assertEquals(0.30, e.ips(), 4 * e.ipsStandardError());
    assertEquals(0.30, e.snips(), 0.01);
    assertEquals(0.15, e.loggedValue(), 0.005);
    assertEquals(n / 4.0, e.effectiveSampleSize(), n * 0.01);
    assertEquals(0, e.clipped());
  }

  @Test
  void clipsLargeWeightsAndCountsThem() {
    OffPolicyEstimate e = new OffPolicyEstimate(5);
    e.add(1, 0.01, 1);
    e.add(0, 0.5, 1);
    assertEquals(1, e.clipped());
    assertEquals((5 * 1 + 2 * 0) / 2.0, e.ips(), 1e-12);
    assertEquals(5.0 / 7.0, e.snips(), 1e-12);
  }

  @Test
  void refusesImpossiblePropensities() {
    OffPolicyEstimate e = new OffPolicyEstimate(10);
    assertThrows(IllegalArgumentException.class, () -> e.add(1, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> e.add(1, 1.5, 1));
    assertThrows(IllegalArgumentException.class, () -> e.add(1, 0.5, -0.1));
    assertTrue(Double.isNaN(e.snips()));
  }
}
