package dev.treue.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The stored text of an at-risk row: the lifetime figures round-trip, and rows from before them still read. */
class AtRiskEntryTest {

  @Test
  void lifetimeFiguresRoundTripAndMayBeMissing() {
    AtRiskEntry buyer =
        new AtRiskEntry(
            "c1",
            0.62,
            "medium",
            "gold",
            "family",
            31.0,
            50.0,
            0.41,
            List.of("no purchase for 74 days, usually every 12", "points"),
            1_700_000_000_000L,
            19_900);
    assertEquals(buyer, AtRiskEntry.decode(buyer.encode()));
    AtRiskEntry browser =
        new AtRiskEntry("c2", 0.9, "high", "basic", null, 0.0, 0.0, null, List.of(), 1L, 19_900);
    assertEquals(browser, AtRiskEntry.decode(browser.encode()));
    assertNull(AtRiskEntry.decode(browser.encode()).probabilityAlive());
  }

  @Test
  void rowsStoredBeforeTheLifetimeFiguresStillRead() {
    AtRiskEntry old =
        AtRiskEntry.decode("c3\t0.7\thigh\tsilver\t\t12.5\t1700000000000\t19900\tlow spend");
    assertEquals(12.5, old.valueAtRisk());
    assertNull(old.clv());
    assertNull(old.probabilityAlive());
    assertEquals(List.of("low spend"), old.reasons());
    assertThrows(IllegalArgumentException.class, () -> AtRiskEntry.decode("c3\t0.7\thigh"));
  }

  @Test
  void theLastPurchaseRoundTripsAndRowsStoredBeforeItReadWithout() {
    AtRiskEntry row =
        new AtRiskEntry(
            "c4",
            0.5,
            "medium",
            "gold",
            null,
            10.0,
            20.0,
            0.5,
            List.of("x"),
            1L,
            19_900,
            dev.treue.core.customer.MemberStatus.ACTIVE,
            1.5,
            null,
            19_880);
    assertEquals(19_880, AtRiskEntry.decode(row.encode()).lastPurchaseDay());
    assertEquals(row, AtRiskEntry.decode(row.encode()));
    AtRiskEntry before =
        AtRiskEntry.decode("c5\t0.5\tmedium\tgold\t\t10.0\t1\t19900\tx\t20.0\t0.5\tactive\t1.5\t");
    assertNull(before.lastPurchaseDay());
    assertEquals(1.5, before.expectedPurchases90());
  }
}
