package dev.treue.core.i18n;

import static dev.treue.core.i18n.Language.DE;
import static dev.treue.core.i18n.Language.EN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Currency;
import org.junit.jupiter.api.Test;

class NumbersTest {
  private static final Currency EUR = Currency.getInstance("EUR");
  private static final Currency CHF = Currency.getInstance("CHF");

  @Test
  void moneyIsWrittenTheWayEachLanguageWritesIt() {
    assertEquals("€42.21", Numbers.money(EN, 42.21, EUR));
    assertEquals("42,21 €", Numbers.money(DE, 42.21, EUR));
    assertEquals("€1,234.50", Numbers.money(EN, 1234.5, EUR));
    assertEquals("1.234,50 €", Numbers.money(DE, 1234.5, EUR));
    assertEquals("$5.00", Numbers.money(EN, 5, Currency.getInstance("USD")));
    assertEquals("5,00 $", Numbers.money(DE, 5, Currency.getInstance("USD")));
    assertEquals("¥1,235", Numbers.money(EN, 1234.5, Currency.getInstance("JPY")));
  }

  @Test
  void aCurrencyWithoutASymbolShowsItsCode() {
    assertEquals("CHF 1,234.56", Numbers.money(EN, 1234.555, CHF));
    assertEquals("1.234,56 CHF", Numbers.money(DE, 1234.555, CHF));
    assertEquals("-0,50 CHF", Numbers.money(DE, -0.5, CHF));
  }

  @Test
  void hugeTinyAndNegativeAmountsStayExactToTheCent() {
    // 10^12 units is Money's largest amount; a BigDecimal goes beyond a double's digits.
    assertEquals("€1,000,000,000,000.00", Numbers.money(EN, 1e12, EUR));
    assertEquals(
        "12.345.678.901.234.567,89 €",
        Numbers.money(DE, new BigDecimal("12345678901234567.885"), EUR));
    assertEquals("0,01 €", Numbers.money(DE, 0.005, EUR));
    assertEquals("0,00 €", Numbers.money(DE, 0.004, EUR));
    assertEquals("€0.00", Numbers.money(EN, -0.004, EUR));
    assertEquals("-€42.21", Numbers.money(EN, -42.205, EUR));
    assertEquals("-42,21 €", Numbers.money(DE, -42.205, EUR));
    assertEquals("-1.000.000,00 €", Numbers.money(DE, -999_999.999, EUR));
    assertEquals("999,99 €", Numbers.money(DE, 999.99, EUR));
    assertThrows(IllegalArgumentException.class, () -> Numbers.money(DE, Double.NaN, EUR));
    assertThrows(
        IllegalArgumentException.class, () -> Numbers.money(EN, Double.POSITIVE_INFINITY, EUR));
  }

  @Test
  void percentagesDecimalsAndCells() {
    assertEquals("12%", Numbers.percent(EN, 0.123));
    assertEquals("12 %", Numbers.percent(DE, 0.123));
    assertEquals("100 %", Numbers.percent(DE, 0.999));
    assertEquals("0.35", Numbers.decimal(EN, 0.345, 2));
    assertEquals("0,35", Numbers.decimal(DE, 0.345, 2));
    assertEquals("0,00", Numbers.decimal(DE, -0.001, 2));
    assertEquals("1,234", Numbers.integer(EN, 1234));
    assertEquals("-1.234.567", Numbers.integer(DE, -1_234_567));
    assertEquals("12", Numbers.integer(DE, 12));
    assertEquals("0.8125", Numbers.cell(EN, 0.8125));
    assertEquals("0,8125", Numbers.cell(DE, 0.8125));
    assertEquals("-12,5", Numbers.cell(DE, -12.5));
  }
}
