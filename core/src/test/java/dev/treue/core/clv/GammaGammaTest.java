package dev.treue.core.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Gamma-Gamma spend: the posterior mean shrinks a member's own mean towards the population's. */
class GammaGammaTest {
  private static final GammaGamma CDNOW = new GammaGamma(6.25, 3.74, 15.44);

  @Test
  void expectedValueMovesFromThePopulationMeanTowardsTheMembersOwn() {
    double population = 6.25 * 15.44 / (3.74 - 1);
    assertEquals(population, CDNOW.expectedAverageValue(0, 0), 1e-12);
    double one = CDNOW.expectedAverageValue(1, 100);
    double many = CDNOW.expectedAverageValue(50, 100);
    assertTrue(
        population < one && one < many && many < 100,
        population + " < " + one + " < " + many + " < 100");
    assertEquals(
        6.25 * (15.44 + 2 * 20.0) / (6.25 * 2 + 3.74 - 1),
        CDNOW.expectedAverageValue(2, 20),
        1e-12);
    assertTrue(Double.isFinite(CDNOW.logLikelihood(500, 35.5)));
    assertThrows(IllegalArgumentException.class, () -> CDNOW.logLikelihood(0, 10));
  }
}
