package dev.treue.core.offers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The offer features read the member's offer history through the catalogue, by hand-made example. */
class OfferFeaturesTest {
  private static final int DAY = (int) LocalDate.parse("2025-06-01").toEpochDay();

  private static Offer offer(
      String id, OfferKind kind, String category, double value, long pointsCost) {
    return new Offer(
        id,
        kind,
        category,
        value,
        value / 2,
        pointsCost,
        0,
        DAY - 100,
        DAY + 20,
        1e6,
        1,
        Set.of("email"));
  }

  private static final Offer COFFEE_DISCOUNT = offer("o1", OfferKind.DISCOUNT, "coffee", 10, 0);
  private static final Offer COFFEE_DISCOUNT_2 = offer("o2", OfferKind.DISCOUNT, "coffee", 20, 0);
  private static final Offer BOOK_POINTS = offer("o3", OfferKind.BONUS_POINTS, "books", 5, 0);
  private static final Offer GIFT = offer("o4", OfferKind.GIFT, null, 30, 500);
  private static final OfferCatalog CATALOG =
      OfferCatalog.of(List.of(COFFEE_DISCOUNT, COFFEE_DISCOUNT_2, BOOK_POINTS, GIFT));

  private static long noon(int day) {
    return day * 86_400_000L + 43_200_000L;
  }

  private static LoyaltyEvent event(
      String id,
      int day,
      EventType type,
      double amount,
      long points,
      String category,
      String offerId) {
    return new LoyaltyEvent(id, "m", noon(day), type, amount, points, category, offerId, "web");
  }

  private static CustomerState member() {
    CustomerState s = new CustomerState("m");
    s.apply(event("p1", DAY - 50, EventType.PURCHASE, 30, 0, "coffee", null));
    s.apply(event("p2", DAY - 40, EventType.PURCHASE, 10, 0, "books", null));
    s.apply(event("e1", DAY - 40, EventType.POINTS_EARNED, 0, 200, null, null));
    s.apply(event("s1", DAY - 30, EventType.OFFER_SENT, 0, 0, null, "o1"));
    s.apply(event("s3", DAY - 30, EventType.OFFER_SENT, 0, 0, null, "o3"));
    s.apply(event("r1", DAY - 20, EventType.OFFER_REDEEMED, 0, 0, "coffee", "o1"));
    s.apply(event("p3", DAY - 20, EventType.PURCHASE, 40, 0, "coffee", null));
    return s;
  }

  private static double get(double[] v, OfferFeature f) {
    return v[f.ordinal()];
  }

  @Test
  void affinitiesComeFromTheHistoryAndTheCatalogue() {
    CustomerState s = member();
    double[] v = OfferFeatures.vector(s, DAY, COFFEE_DISCOUNT_2, CATALOG, OfferPriors.NONE);
    assertEquals(OfferFeatures.size(), v.length);
    assertEquals(70.0 / 80.0, get(v, OfferFeature.CATEGORY_SPEND_SHARE), 1e-12);
    assertEquals(1, get(v, OfferFeature.KIND_SENT));
    assertEquals(1, get(v, OfferFeature.KIND_REDEEMED));
    assertEquals(2.0 / 5.0, get(v, OfferFeature.KIND_RESPONSE_RATE), 1e-12);
    assertEquals(1, get(v, OfferFeature.CATEGORY_OFFERS_REDEEMED));
    assertEquals(0, get(v, OfferFeature.SAME_OFFER_SENT), "o2 itself was never sent");
    assertEquals(
        2.0, get(v, OfferFeature.KIND_REDEEMED_VALUE_RATIO), 1e-12, "20 against the 10 redeemed");
    assertEquals(1, get(v, OfferFeature.KIND_DISCOUNT));
    assertEquals(0, get(v, OfferFeature.KIND_GIFT));
    assertEquals(21, get(v, OfferFeature.DAYS_LEFT));
    assertEquals(20, get(v, OfferFeature.DAYS_SINCE_OFFER_REDEEMED));
    assertEquals(1, get(v, OfferFeature.OPEN_OFFERS), "o3: sent 30 days ago, valid, not redeemed");

    double[] books = OfferFeatures.vector(s, DAY, BOOK_POINTS, CATALOG, OfferPriors.NONE);
    assertEquals(10.0 / 80.0, get(books, OfferFeature.CATEGORY_SPEND_SHARE), 1e-12);
    assertEquals(1, get(books, OfferFeature.SAME_OFFER_SENT));
    assertEquals(0, get(books, OfferFeature.SAME_OFFER_REDEEMED));
    assertEquals(1.0 / 5.0, get(books, OfferFeature.KIND_RESPONSE_RATE), 1e-12);

    double[] gift = OfferFeatures.vector(s, DAY, GIFT, CATALOG, OfferPriors.NONE);
    assertEquals(0, get(gift, OfferFeature.CATEGORY_SPEND_SHARE));
    assertEquals(300, get(gift, OfferFeature.POINTS_SHORTFALL));
    assertEquals(200.0 / 500.0, get(gift, OfferFeature.POINTS_COVER), 1e-12);
  }

  @Test
  void theMemberPartIsSharedAndOffersOutsideTheCatalogueAreIgnored() {
    CustomerState s = member();
    OfferFeatures.Member m = OfferFeatures.member(s, DAY, CATALOG, OfferPriors.NONE);
    for (Offer o : CATALOG.offers()) {
      assertArrayEquals(OfferFeatures.vector(s, DAY, o, CATALOG, OfferPriors.NONE), m.vectorFor(o));
    }
    OfferCatalog withoutO1 = OfferCatalog.of(List.of(COFFEE_DISCOUNT_2, BOOK_POINTS, GIFT));
    double[] v = OfferFeatures.vector(s, DAY, COFFEE_DISCOUNT_2, withoutO1, OfferPriors.NONE);
    assertEquals(
        0, get(v, OfferFeature.KIND_SENT), "a retired-and-removed offer's kind is unknown");
  }

  @Test
  void priorsEnterThroughTheOffersKindAndCategory() {
    OfferPriors.Builder b = new OfferPriors.Builder();
    for (int i = 0; i < 40; i++) {
      b.add(COFFEE_DISCOUNT, i < 20).add(BOOK_POINTS, i < 2);
    }
    OfferPriors priors = b.build();
    double[] coffee = OfferFeatures.vector(member(), DAY, COFFEE_DISCOUNT_2, CATALOG, priors);
    assertEquals(
        priors.kindAndCategoryRate(COFFEE_DISCOUNT_2),
        get(coffee, OfferFeature.KIND_CATEGORY_RATE));
    assertEquals(priors.categoryRate(COFFEE_DISCOUNT_2), get(coffee, OfferFeature.CATEGORY_RATE));
    double[] books = OfferFeatures.vector(member(), DAY, BOOK_POINTS, CATALOG, priors);
    assertTrue(
        get(coffee, OfferFeature.KIND_CATEGORY_RATE) > get(books, OfferFeature.KIND_CATEGORY_RATE));
    double[] later = OfferFeatures.vector(member(), DAY, BOOK_POINTS, CATALOG, OfferPriors.NONE);
    OfferFeatures.applyPriors(later, BOOK_POINTS, priors);
    assertArrayEquals(books, later, "setting the priors afterwards equals computing with them");
  }

  @Test
  void coldStartGivesFiniteVectors() {
    for (Offer o : CATALOG.offers()) {
      for (double x : OfferFeatures.vector(null, DAY, o, CATALOG, OfferPriors.NONE)) {
        assertTrue(Double.isFinite(x));
      }
    }
  }

  @Test
  void offerHistoryIsForgottenAfterTwoYearsOfSilence() {
    CustomerState s = member();
    assertFalse(s.offerHistory().isEmpty());
    s.apply(
        event(
            "late",
            DAY + CustomerState.OFFER_HISTORY_DAYS,
            EventType.APP_SESSION,
            0,
            0,
            null,
            null));
    assertTrue(s.offerHistory().isEmpty());
  }

  @Test
  void specNamesEveryFeatureOnce() {
    assertEquals(OfferFeature.values().length, OfferFeatures.spec().size());
    assertEquals(Set.copyOf(OfferFeatures.spec().names()).size(), OfferFeatures.spec().size());
  }
}
