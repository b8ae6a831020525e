package dev.treue.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.churn.WinBack;
import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.Member;
import dev.treue.core.customer.MemberStatus;
import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import dev.treue.core.feature.ChurnFeatures;
import dev.treue.core.i18n.Language;
import dev.treue.core.reason.ReasonWords;
import dev.treue.core.time.Days;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * At-risk rows keep their reasons language-neutral: a row is phrased in the language and currency
 * of whoever reads it, and rows written before, in words, read as those words.
 */
class AtRiskEntryReasonsTest {
  private static final int DAY = 20_000;
  private static final ReasonWords DE = ReasonWords.of(Language.DE, ReasonWords.DEFAULT_CURRENCY);

  @Test
  void aLapsedRowIsPhrasedInTheReadersLanguage() {
    CustomerState s = new CustomerState("c1");
    for (int d : new int[] {DAY - 500, DAY - 460, DAY - 420}) {
      s.apply(
          new LoyaltyEvent(
              "e" + d,
              "c1",
              d * Days.DAY_MILLIS + 1,
              EventType.PURCHASE,
              20.0,
              0,
              "coffee",
              null,
              "web"));
    }
    double[] features = ChurnFeatures.compute(s, DAY);
    AtRiskEntry row = AtRiskEntry.of(s, MemberStatus.LAPSED, null, features, 1L, DAY);
    String stored = row.encode();
    AtRiskEntry read = AtRiskEntry.decode(stored);
    assertEquals(WinBack.of(s, features, DAY, DE).reasons(), read.reasons(DE));
    assertEquals(WinBack.of(s, features, DAY).reasons(), read.reasons(ReasonWords.ENGLISH_EUR));
    assertTrue(read.reasons(DE).get(0).startsWith("letzter Kauf vor 420 Tagen"), stored);
    assertFalse(stored.contains("Kauf") || stored.contains("bought"), "no words stored: " + stored);
  }

  @Test
  void aNeverPurchasedRowIsPhrasedInTheReadersLanguage() {
    CustomerState s = CustomerState.of(new Member("n1", DAY - 9, "basic", 0, null, "web", false));
    double[] features = ChurnFeatures.compute(s, DAY);
    AtRiskEntry row =
        AtRiskEntry.decode(
            AtRiskEntry.of(s, MemberStatus.NEVER_PURCHASED, null, features, 1L, DAY).encode());
    assertEquals(
        List.of("noch nicht aktiviert: kein Kauf in den 9 Tagen seit dem Beitritt"),
        row.reasons(DE));
    assertEquals(
        List.of("not activated yet: no purchase in the 9 days since joining"),
        row.reasons(ReasonWords.english(Currency.getInstance("USD"))));
  }

  @Test
  void rowsWrittenInWordsAreShownAsTheyAre() {
    AtRiskEntry old =
        AtRiskEntry.decode(
            "c3\t0.7\thigh\tsilver\t\t12.5\t1700000000000\t19900\tlow spend\u001fno purchase for 74"
                + " days, usually every 12 days\t20.0\t0.4");
    List<String> words = List.of("low spend", "no purchase for 74 days, usually every 12 days");
    assertEquals(words, old.reasons(DE));
    assertEquals(words, old.reasons(ReasonWords.ENGLISH_EUR));
    assertEquals(old, AtRiskEntry.decode(old.encode()));
  }
}
