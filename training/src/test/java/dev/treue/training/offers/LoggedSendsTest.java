package dev.treue.training.offers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.treue.training.report.OffPolicyResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Targeting probabilities of the logged sends: a ranking's top share of each campaign, random
 * exploration blended in, and the logging policy itself recovered when everything is explored.
 */
class LoggedSendsTest {
  /** Two campaigns logged at random to a quarter and a half of their eligible members. */
  private static LoggedSends sends() {
    return new LoggedSends(
        new String[] {"a", "a", "a", "a", "b", "b"},
        new double[] {0.25, 0.25, 0.25, 0.25, 0.5, 0.5},
        new boolean[] {true, false, false, true, true, false},
        Map.of(LoggedSends.MODEL, new double[] {0.9, 0.1, 0.2, 0.8, 0.3, 0.7}));
  }

  @Test
  void withoutExplorationTheRankingSendsEachCampaignToItsTopShare() {
    assertArrayEquals(
        new double[] {1, 0, 0, 0, 0, 1}, sends().targeting(LoggedSends.MODEL, 0), 1e-12);
  }

  @Test
  void explorationSendsEveryoneWithTheCampaignsShareAtRandom() {
    assertArrayEquals(
        new double[] {0.775, 0.075, 0.075, 0.075, 0.15, 0.85},
        sends().targeting(LoggedSends.MODEL, 0.3),
        1e-12);
  }

  @Test
  void fullExplorationIsTheLoggingPolicyAndItsEstimateTheLoggedRate() {
    LoggedSends s = sends();
    assertArrayEquals(s.propensities(), s.targeting(LoggedSends.MODEL, 1), 1e-12);
    OffPolicyResult.Estimated e = (OffPolicyResult.Estimated) s.estimate(LoggedSends.MODEL, 1);
    assertEquals(0.5, e.loggedRedemptionRate(), 1e-12);
    assertEquals(0.5, e.ipsRedemptionRate(), 1e-12);
    assertEquals(0.5, e.snipsRedemptionRate(), 1e-12);
  }

  @Test
  void theModelsTopSharesEstimateTheirRedemptions() {
    // Weights 4 (campaign a's top send, redeemed) and 2 (b's top send, not redeemed) over 6 sends.
    OffPolicyResult.Estimated e =
        (OffPolicyResult.Estimated) sends().estimate(LoggedSends.MODEL, 0);
    assertEquals(4.0 / 6, e.ipsRedemptionRate(), 1e-12);
    assertEquals(4.0 / 6, e.snipsRedemptionRate(), 1e-12);
    assertEquals(2, e.campaigns());
  }

  @Test
  void anUnknownRankingOrExplorationIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> sends().estimate("nope", 0));
    assertThrows(IllegalArgumentException.class, () -> sends().targeting(LoggedSends.MODEL, 1.5));
  }

  @Test
  void withoutLoggedSendsThereIsNoEstimate() {
    LoggedSends none =
        new LoggedSends(
            new String[0], new double[0], new boolean[0], Map.of(LoggedSends.MODEL, new double[0]));
    assertEquals(OffPolicyResult.Unavailable.class, none.estimate(LoggedSends.MODEL, 0).getClass());
  }
}
