package dev.treue.core.i18n;

import static dev.treue.core.i18n.Language.DE;
import static dev.treue.core.i18n.Language.EN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cells every member list export writes ({@link ListColumn#cell}, {@link SpreadsheetCsv#line}). */
class MemberListCellsTest {
  @Test
  void probabilitiesHaveFourDecimalsAndMoneyIsRoundedToCents() {
    assertEquals("0.6769", ListColumn.CHURN_PROBABILITY.cell(EN, 0.6768813383119634));
    assertEquals("0,6769", ListColumn.CHURN_PROBABILITY.cell(DE, 0.6768813383119634));
    assertEquals("0.0000", ListColumn.P_ALIVE.cell(EN, 1.0e-7), "never in E notation");
    assertEquals("1.0000", ListColumn.P_ALIVE.cell(EN, 0.99999));
    assertEquals("2355.16", ListColumn.VALUE_AT_RISK.cell(EN, 2355.160939242264));
    assertEquals("1234,56", ListColumn.CLV.cell(DE, 1234.555), "half up, not grouped");
    assertEquals("12345678901.25", ListColumn.CLV.cell(EN, 12345678901.25));
    assertEquals("0.00", ListColumn.WIN_BACK_VALUE.cell(EN, -0.001), "no negative zero");
    assertEquals("1.50", ListColumn.EXPECTED_PURCHASES_90.cell(EN, 1.4999999));
    assertEquals("0.35", ListColumn.RETENTION_OFFER_EV.cell(EN, 0.345));
  }

  @Test
  void missingValuesAreEmptyCells() {
    assertEquals("", ListColumn.CHURN_PROBABILITY.cell(EN, null));
    assertEquals("", ListColumn.VALUE_AT_RISK.cell(DE, Double.NaN));
    assertEquals("2026-03-29", ListColumn.LAST_PURCHASE.cell(DE, LocalDate.of(2026, 3, 29)));
  }

  @Test
  void aGermanLineQuotesTheReasonsAndKeepsDecimalCommasUnquoted() {
    List<ListColumn> columns =
        List.of(ListColumn.CUSTOMER_ID, ListColumn.REASONS, ListColumn.CLV, ListColumn.SEGMENT);
    List<Object> values = Arrays.asList("c1", "a; b \"c\"", 12.005, null);
    assertEquals("c1;\"a; b \"\"c\"\"\";12,01;", SpreadsheetCsv.line(DE, columns, values));
    assertEquals("c1,\"a; b \"\"c\"\"\",12.01,", SpreadsheetCsv.line(EN, columns, values));
    assertThrows(
        IllegalArgumentException.class, () -> SpreadsheetCsv.line(EN, columns, List.of("c1")));
  }

  @Test
  void theMemberListHasEveryColumnOnce() {
    assertEquals(EnumSet.allOf(ListColumn.class), EnumSet.copyOf(ListColumn.MEMBER_LIST));
    assertEquals(ListColumn.values().length, ListColumn.MEMBER_LIST.size());
    assertEquals(ListColumn.CUSTOMER_ID, ListColumn.MEMBER_LIST.get(0));
  }
}
