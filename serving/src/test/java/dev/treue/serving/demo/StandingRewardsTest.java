package dev.treue.serving.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.offers.Offer;
import dev.treue.core.offers.OfferKind;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The demo's standing rewards: new offers, live today, one per kind and category of the campaigns. */
class StandingRewardsTest {

  @Test
  void oneLiveOfferPerShapeAtMostEight() {
    LocalDate today = LocalDate.parse("2026-11-23");
    List<Offer> campaigns = new ArrayList<>();
    String[] categories = {"coffee", "grocery", "home", null};
    for (int i = 0; i < 30; i++) {
      OfferKind kind = OfferKind.values()[i % OfferKind.values().length];
      campaigns.add(
          new Offer(
              "o" + i,
              kind,
              categories[i % categories.length],
              5 + i,
              2 + i,
              0,
              2,
              19_000 + i,
              19_020 + i,
              1_000,
              1,
              Set.of("email")));
    }
    List<Offer> shelf = ServingDemo.standingRewards(campaigns, today);
    assertEquals(8, shelf.size());
    Set<String> shapes = new HashSet<>();
    for (int i = 0; i < shelf.size(); i++) {
      Offer o = shelf.get(i);
      assertEquals(String.format("r%02d", i + 1), o.offerId());
      assertTrue(o.validOn((int) today.toEpochDay()), o.toString());
      assertEquals(0, o.minTierRank());
      assertTrue(shapes.add(o.kind() + "|" + o.category()), "one per shape: " + o);
    }
  }
}
