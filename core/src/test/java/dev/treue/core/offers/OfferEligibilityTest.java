package dev.treue.core.offers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.offers.OfferEligibility.Context;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OfferEligibilityTest {
  private static final int FROM = 20_000;
  private static final int TO = 20_030;
  private static final Offer GOLD_POINTS =
      new Offer(
          "o1", OfferKind.GIFT, "coffee", 10, 4, 500, 2, FROM, TO, 100, 2, Set.of("email", "app"));
  private static final Context OK = new Context(true, 2, 500, 1, FROM, "app", 4);

  private static Optional<Ineligibility> with(Context c) {
    return OfferEligibility.check(GOLD_POINTS, c);
  }

  @Test
  void aMemberWhoMeetsEveryRuleIsEligibleAtTheEdges() {
    assertTrue(with(OK).isEmpty(), "tier, points, cap and budget exactly at their limits");
    assertTrue(
        with(new Context(true, 3, 900, 0, TO, null, 100)).isEmpty(), "last valid day, any channel");
  }

  @Test
  void eachRuleRefusesWithItsOwnReason() {
    assertEquals(
        Optional.of(Ineligibility.NO_CONSENT), with(new Context(false, 2, 500, 1, FROM, "app", 4)));
    assertEquals(
        Optional.of(Ineligibility.NOT_VALID_TODAY),
        with(new Context(true, 2, 500, 1, TO + 1, "app", 4)));
    assertEquals(
        Optional.of(Ineligibility.NOT_VALID_TODAY),
        with(new Context(true, 2, 500, 1, FROM - 1, "app", 4)));
    assertEquals(
        Optional.of(Ineligibility.WRONG_CHANNEL),
        with(new Context(true, 2, 500, 1, FROM, "sms", 4)));
    assertEquals(
        Optional.of(Ineligibility.TIER_TOO_LOW),
        with(new Context(true, 1, 500, 1, FROM, "app", 4)));
    assertEquals(
        Optional.of(Ineligibility.NOT_ENOUGH_POINTS),
        with(new Context(true, 2, 499, 1, FROM, "app", 4)));
    assertEquals(
        Optional.of(Ineligibility.CAP_REACHED), with(new Context(true, 2, 500, 2, FROM, "app", 4)));
    assertEquals(
        Optional.of(Ineligibility.BUDGET_SPENT),
        with(new Context(true, 2, 500, 1, FROM, "app", 3.99)));
  }

  @Test
  void theFirstFailingRuleIsReported() {
    assertEquals(
        Optional.of(Ineligibility.NO_CONSENT), with(new Context(false, 0, 0, 9, TO + 5, "sms", 0)));
  }
}
