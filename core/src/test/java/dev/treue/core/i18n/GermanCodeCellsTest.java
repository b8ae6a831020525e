package dev.treue.core.i18n;

import static dev.treue.core.i18n.Language.DE;
import static dev.treue.core.i18n.Language.EN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.treue.core.churn.RiskBand;
import dev.treue.core.customer.MemberStatus;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A German member list names the risk band and the member's status in German words; an English one
 * keeps the codes.
 */
class GermanCodeCellsTest {
  @Test
  void bandAndStatusCellsAreGermanWordsInGerman() {
    assertEquals("hoch", ListColumn.RISK_BAND.cell(DE, RiskBand.HIGH.wireName()));
    assertEquals("mittel", ListColumn.RISK_BAND.cell(DE, "medium"));
    assertEquals("niedrig", ListColumn.RISK_BAND.cell(DE, "low"));
    assertEquals("aktiv", ListColumn.STATUS.cell(DE, MemberStatus.ACTIVE.wireName()));
    assertEquals("abgewandert", ListColumn.STATUS.cell(DE, "lapsed"));
    assertEquals("noch nie gekauft", ListColumn.STATUS.cell(DE, "never_purchased"));
    assertEquals("", ListColumn.RISK_BAND.cell(DE, null));
  }

  @Test
  void everyBandAndStatusHasGermanWordsAndEnglishKeepsTheCodes() {
    for (RiskBand b : RiskBand.values()) {
      assertNotEquals(b.wireName(), ListColumn.RISK_BAND.cell(DE, b.wireName()), b.name());
      assertEquals(b.wireName(), ListColumn.RISK_BAND.cell(EN, b.wireName()));
    }
    for (MemberStatus s : MemberStatus.values()) {
      assertNotEquals(s.wireName(), ListColumn.STATUS.cell(DE, s.wireName()), s.name());
      assertEquals(s.wireName(), ListColumn.STATUS.cell(EN, s.wireName()));
    }
  }

  @Test
  void tierNamesStayTheProgrammesNames() {
    List<ListColumn> columns = List.of(ListColumn.TIER, ListColumn.RISK_BAND, ListColumn.STATUS);
    List<Object> values = Arrays.asList("gold", "high", "lapsed");
    assertEquals("gold;hoch;abgewandert", SpreadsheetCsv.line(DE, columns, values));
    assertEquals("gold,high,lapsed", SpreadsheetCsv.line(EN, columns, values));
  }
}
