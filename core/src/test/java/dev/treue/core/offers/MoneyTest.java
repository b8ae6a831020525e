package dev.treue.core.offers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.ingest.OfferRowParser;
import dev.treue.core.ingest.Parsed;
import org.junit.jupiter.api.Test;

/** Money is whole cents: finer amounts and huge ones are refused, never rounded or overflowed. */
class MoneyTest {
  @Test
  void wholeCentsParseExactly() {
    assertEquals(3, Money.parseCents("0.03"));
    assertEquals(1250, Money.parseCents("12.5"));
    assertEquals(1250, Money.parseCents("12.500"));
    assertEquals(120_000, Money.parseCents("1.2E3"));
    assertEquals(0, Money.parseCents("0"));
    assertEquals(Money.MAX_CENTS, Money.parseCents("1000000000000"));
    assertEquals(30, Money.cents(0.1 + 0.2 == 0.3 ? 0.3 : Money.units(30)));
    for (long c : new long[] {1, 7, 99, 12_345, 99_999_999_999_999L, Money.MAX_CENTS}) {
      assertEquals(c, Money.cents(Money.units(c)), "cents survive the double an Offer keeps: " + c);
    }
  }

  @Test
  void unitsAreTheNearestDoubleToTheCents() {
    // units divides instead of going through BigDecimal; both must give the same double for every
    // amount allowed, budgets left below zero too.
    java.util.SplittableRandom r = new java.util.SplittableRandom(17);
    long[] edges = {0, 1, 3, 10, 99, 101, 1_005, 123_456_789, Money.MAX_CENTS, Money.MAX_CENTS - 1};
    for (int i = 0; i < 200_000 + edges.length; i++) {
      long cents = i < edges.length ? edges[i] : r.nextLong(-Money.MAX_CENTS, Money.MAX_CENTS + 1);
      if (i % 3 == 0 && i >= edges.length) {
        cents = r.nextLong(-100_000, 100_000); // everyday amounts
      }
      for (long c : new long[] {cents, -cents}) {
        assertEquals(
            java.math.BigDecimal.valueOf(c, Money.SCALE).doubleValue(),
            Money.units(c),
            "cents " + c);
      }
    }
  }

  @Test
  void finerThanACentHugeOrMalformedIsRefused() {
    for (String t :
        new String[] {
          "0.004",
          "1e-9",
          "0.015",
          "1e20",
          "1e308",
          "1000000000000.01",
          "-1",
          "NaN",
          "Infinity",
          "0x10",
          "1e99999",
          "",
          "12,5"
        }) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Money.parseCents(t), t);
      assertTrue(e.getMessage().contains("at most 2 decimals"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> Money.cents(0.004));
    assertThrows(IllegalArgumentException.class, () -> Money.cents(Double.NaN));
  }

  @Test
  void theOfferParserUsesTheMoneyRuleForEveryAmount() {
    String[] row = {
      "o1", "discount", "", "5", "0.004", "", "", "2024-06-01", "2024-06-30", "0.01", "", ""
    };
    Parsed<Offer> cost = new OfferRowParser().parse(row);
    assertTrue(
        !cost.isValid()
            && cost.reason().startsWith("cost: ")
            && cost.reason().contains("finer than a cent"),
        cost.reason());
    row[4] = "0.01";
    row[9] = "1e308";
    Parsed<Offer> budget = new OfferRowParser().parse(row);
    assertTrue(
        !budget.isValid()
            && budget.reason().startsWith("budget: ")
            && budget.reason().contains("above"),
        budget.reason());
    row[9] = "0.03";
    row[3] = "1.234";
    assertTrue(new OfferRowParser().parse(row).reason().startsWith("value: "));
    row[3] = "5";
    Offer ok = new OfferRowParser().parse(row).value();
    assertEquals(1, Money.cents(ok.cost()));
    assertEquals(3, Money.cents(ok.budget()));
  }

  @Test
  void moneyForPeopleIsRoundedToTheCentWithTheCurrencysSign() {
    java.util.Currency eur = java.util.Currency.getInstance("EUR");
    assertEquals("€42.21", Money.display(42.205, eur));
    assertEquals("€0.00", Money.display(-0.004, eur));
    assertEquals("-€42.21", Money.display(-42.21, eur));
    assertEquals("€1,778.68", Money.display(1778.6799999, eur));
    assertEquals("$5.00", Money.display(5, java.util.Currency.getInstance("USD")));
    assertEquals("CHF 0.50", Money.display(0.5, java.util.Currency.getInstance("CHF")));
    assertEquals("¥1,235", Money.display(1234.5, java.util.Currency.getInstance("JPY")));
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> Money.display(Double.NaN, eur));
  }
}
