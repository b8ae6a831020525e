package dev.treue.core.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import dev.treue.core.feature.ChurnFeature;
import dev.treue.core.feature.ChurnFeatures;
import dev.treue.core.time.Days;
import org.junit.jupiter.api.Test;

class WinBackTest {
  private static final int DAY = 20_000;

  @Test
  void aOneDayBuyersCertainPAliveIsNotQuotedAsAChanceTheyStillBuy() {
    WinBack w = WinBack.of(buyer(DAY - 467), vector(buyer(DAY - 467), 1.0), DAY);
    assertEquals("last bought 467 days ago, bought on one day only", w.reasons().get(0));
    assertTrue(
        w.reasons().stream().noneMatch(r -> r.contains("chance they still buy")),
        w.reasons().toString());
  }

  @Test
  void aRepeatBuyersPAliveIsQuoted() {
    CustomerState s = buyer(DAY - 500, DAY - 440);
    WinBack w = WinBack.of(s, vector(s, 0.08), DAY);
    assertEquals("last bought 440 days ago, usually every 60 days", w.reasons().get(0));
    assertEquals("8% chance they still buy (P(alive))", w.reasons().get(1));
    assertEquals(0.2, w.value(), 1e-9);
  }

  /**
   * The list ranks by the chance of coming back, expected purchases: a one-day buyer's P(alive) of 1
   * (BG/NBD's by construction) and a high CLV no longer put them above a repeat buyer who is likelier
   * to buy again, as P(alive) x CLV did (100 against 15).
   */
  @Test
  void theListRanksByExpectedPurchasesNotByPAliveTimesClv() {
    CustomerState once = buyer(DAY - 467);
    double[] onceVector = vector(once, 1.0);
    onceVector[ChurnFeature.EXPECTED_PURCHASES_90.ordinal()] = 0.05;
    CustomerState repeat = buyer(DAY - 500, DAY - 440);
    double[] repeatVector = vector(repeat, 0.3);
    repeatVector[ChurnFeature.EXPECTED_PURCHASES_90.ordinal()] = 0.4;
    repeatVector[ChurnFeature.CLV.ordinal()] = 50;

    WinBack first = WinBack.of(repeat, repeatVector, DAY);
    WinBack second = WinBack.of(once, onceVector, DAY);

    assertTrue(first.value() > second.value(), first.value() + " vs " + second.value());
    assertEquals(0.4, first.value(), 1e-12);
    assertEquals(WinBack.value(onceVector), second.value(), 0, "one definition");
  }

  private static CustomerState buyer(int... days) {
    CustomerState s = new CustomerState("c");
    int i = 0;
    for (int d : days) {
      s.apply(
          new LoyaltyEvent(
              "e" + i++,
              "c",
              d * Days.DAY_MILLIS + Days.DAY_MILLIS / 2,
              EventType.PURCHASE,
              20.0,
              0,
              "coffee",
              null,
              "web"));
    }
    return s;
  }

  /** The state's vector with lifetime figures set by hand: P(alive), 0.2 purchases, CLV 100. */
  private static double[] vector(CustomerState s, double alive) {
    double[] v = ChurnFeatures.compute(s, DAY);
    v[ChurnFeature.P_ALIVE.ordinal()] = alive;
    v[ChurnFeature.EXPECTED_PURCHASES_90.ordinal()] = 0.2;
    v[ChurnFeature.CLV.ordinal()] = 100;
    return v;
  }
}
