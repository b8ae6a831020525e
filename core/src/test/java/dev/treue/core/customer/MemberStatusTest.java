package dev.treue.core.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MemberStatusTest {
  @Test
  void theWindowEndsOnTheDayAndHoldsExactlyActiveDaysDays() {
    int day = 20_000;
    assertEquals(MemberStatus.ACTIVE, MemberStatus.of(day, day, 365));
    assertEquals(MemberStatus.ACTIVE, MemberStatus.of(day - 364, day, 365));
    assertEquals(MemberStatus.LAPSED, MemberStatus.of(day - 365, day, 365));
    assertEquals(MemberStatus.ACTIVE, MemberStatus.of(day, day, 1));
    assertEquals(MemberStatus.LAPSED, MemberStatus.of(day - 1, day, 1));
  }

  @Test
  void noPurchaseIsNeverPurchasedWhateverTheWindow() {
    assertEquals(MemberStatus.NEVER_PURCHASED, MemberStatus.of(CustomerState.NONE, 20_000, 365));
    assertEquals(MemberStatus.NEVER_PURCHASED, MemberStatus.of(new CustomerState("c"), 20_000, 30));
  }

  @Test
  void extremesDoNotOverflow() {
    assertEquals(
        MemberStatus.LAPSED, MemberStatus.of(Integer.MIN_VALUE + 1, Integer.MAX_VALUE, 365));
  }

  @Test
  void badInputIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> MemberStatus.of(10, 20, 0));
    assertThrows(IllegalArgumentException.class, () -> MemberStatus.of(21, 20, 365));
    assertThrows(IllegalArgumentException.class, () -> MemberStatus.fromWireName("Active"));
  }

  @Test
  void wireNamesRoundTrip() {
    for (MemberStatus s : MemberStatus.values()) {
      assertEquals(s, MemberStatus.fromWireName(s.wireName()));
    }
    assertEquals("never_purchased", MemberStatus.NEVER_PURCHASED.wireName());
  }
}
