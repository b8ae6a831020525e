package dev.treue.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.customer.MemberStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * At-risk rows carry the member's group (issue 13): the status and win-back figures round-trip,
 * rows written before them read as active, and each group sits in its own score range of the sorted
 * sets.
 */
class AtRiskEntryStatusTest {

  private static AtRiskEntry lapsed() {
    return new AtRiskEntry(
        "c9",
        Double.NaN,
        null,
        "silver",
        null,
        Double.NaN,
        40.0,
        0.25,
        List.of("last bought 412 days ago, usually every 60 days"),
        1L,
        19_900,
        MemberStatus.LAPSED,
        0.3,
        10.0,
        null);
  }

  @Test
  void statusAndWinBackFiguresRoundTrip() {
    AtRiskEntry row = lapsed();
    AtRiskEntry read = AtRiskEntry.decode(row.encode());
    assertEquals(MemberStatus.LAPSED, read.status());
    assertNull(read.band());
    assertTrue(Double.isNaN(read.probability()));
    assertEquals(0.3, read.expectedPurchases90());
    assertEquals(10.0, read.winBackValue());
    assertEquals(row.reasons(), read.reasons());
  }

  @Test
  void rowsWrittenBeforeTheStatusReadAsActive() {
    AtRiskEntry old =
        AtRiskEntry.decode(
            "c3\t0.7\thigh\tsilver\t\t12.5\t1700000000000\t19900\tlow spend\t20.0\t0.4");
    assertEquals(MemberStatus.ACTIVE, old.status());
    assertNull(old.winBackValue());
    assertEquals(0.7, AtRiskOrder.PROBABILITY.score(old));
  }

  @Test
  void eachGroupHasItsOwnScoreRange() {
    AtRiskEntry active =
        new AtRiskEntry(
            "c1", 0.62, "medium", "gold", null, 31.0, 50.0, 0.41, List.of(), 1L, 19_900);
    assertEquals(0.62, AtRiskOrder.PROBABILITY.score(active));
    assertEquals(31.0, AtRiskOrder.VALUE_AT_RISK.score(active));
    assertEquals(AtRiskOrder.LAPSED_SCORE, AtRiskOrder.PROBABILITY.score(lapsed()));
    assertEquals(10.0, AtRiskOrder.VALUE_AT_RISK.score(lapsed()), "the win-back value");
    AtRiskEntry never =
        new AtRiskEntry(
            "c2",
            Double.NaN,
            null,
            "basic",
            null,
            Double.NaN,
            0.0,
            null,
            List.of("not activated yet"),
            1L,
            19_900,
            MemberStatus.NEVER_PURCHASED,
            null,
            null,
            null);
    assertEquals(MemberStatus.NEVER_PURCHASED, AtRiskEntry.decode(never.encode()).status());
    assertEquals(AtRiskOrder.NEVER_PURCHASED_SCORE, AtRiskOrder.PROBABILITY.score(never));
    assertTrue(AtRiskOrder.VALUE_AT_RISK.score(never) < 0, "below every active and lapsed member");
  }
}
