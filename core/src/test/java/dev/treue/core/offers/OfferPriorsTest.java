package dev.treue.core.offers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Shrunk redemption rates by kind and category, and their bundle form, by hand-computed example. */
class OfferPriorsTest {
  private static Offer offer(String id, OfferKind kind, String category) {
    return new Offer(id, kind, category, 10, 5, 0, 0, 0, 100, 1e6, 1, Set.of());
  }

  private static final Offer GROCERY_DISCOUNT = offer("a", OfferKind.DISCOUNT, "grocery");
  private static final Offer TOYS_DISCOUNT = offer("b", OfferKind.DISCOUNT, "toys");
  private static final Offer SHIPPING = offer("c", OfferKind.FREE_SHIPPING, null);
  private static final Offer NEW_GIFT = offer("d", OfferKind.GIFT, "garden");

  private static OfferPriors priors() {
    OfferPriors.Builder b = new OfferPriors.Builder();
    for (int i = 0; i < 100; i++) {
      b.add(GROCERY_DISCOUNT, i < 30); // 30 / 100
      b.add(TOYS_DISCOUNT, i < 5); // 5 / 100
      b.add(SHIPPING, i < 10); // 10 / 100
    }
    return b.build();
  }

  @Test
  void ratesShrinkTowardsTheCoarserLevel() {
    OfferPriors p = priors();
    double all = 45 / 300.0;
    assertEquals(all, p.overallRate(), 1e-12);
    double discount = (35 + 50 * all) / (200 + 50);
    assertEquals((30 + 50 * discount) / (100 + 50), p.kindAndCategoryRate(GROCERY_DISCOUNT), 1e-12);
    assertEquals((5 + 50 * discount) / (100 + 50), p.kindAndCategoryRate(TOYS_DISCOUNT), 1e-12);
    assertEquals((30 + 50 * all) / (100 + 50), p.categoryRate(GROCERY_DISCOUNT), 1e-12);
    assertEquals(
        (10 + 50 * all) / (100 + 50),
        p.categoryRate(SHIPPING),
        1e-12,
        "no category is its own group");
    assertEquals(
        all,
        p.kindAndCategoryRate(NEW_GIFT),
        1e-12,
        "an unseen kind and category start at the overall rate");
    assertEquals(0, OfferPriors.NONE.kindAndCategoryRate(GROCERY_DISCOUNT));
  }

  @Test
  void roundTripsThroughTheBundleForm() {
    OfferPriors p = priors();
    OfferPriors back = OfferPriors.fromMap(p.toMap());
    for (Offer o : List.of(GROCERY_DISCOUNT, TOYS_DISCOUNT, SHIPPING, NEW_GIFT)) {
      assertEquals(p.kindAndCategoryRate(o), back.kindAndCategoryRate(o));
      assertEquals(p.categoryRate(o), back.categoryRate(o));
    }
  }

  @Test
  void refusesImpossibleCounts() {
    Map<String, Object> m = new java.util.HashMap<>(priors().toMap());
    m.put("all", List.of(5, 3));
    assertThrows(IllegalArgumentException.class, () -> OfferPriors.fromMap(m));
    m.remove("all");
    assertThrows(IllegalArgumentException.class, () -> OfferPriors.fromMap(m));
  }
}
