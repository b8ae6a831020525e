package dev.treue.core.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import dev.treue.core.feature.ChurnFeature;
import dev.treue.core.feature.ChurnFeatures;
import dev.treue.core.i18n.Language;
import dev.treue.core.reason.ReasonWords;
import dev.treue.core.time.Days;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Churn and win-back reasons in German: German words, German numbers, the programme currency. */
class GermanReasonsTest {
  private static final ReasonWords DE_EUR =
      ReasonWords.of(Language.DE, ReasonWords.DEFAULT_CURRENCY);
  private static final int DAY = 20_000;

  private static double[] vector() {
    return new double[ChurnFeature.values().length];
  }

  private static void set(double[] v, ChurnFeature f, double value) {
    v[f.ordinal()] = value;
  }

  @Test
  void churnReasonsInGermanWithGermanMoneyAndShares() {
    double[] v = vector();
    double[] ref = vector();
    set(ref, ChurnFeature.HAS_PURCHASED, 1);
    set(ref, ChurnFeature.RECENCY_DAYS, 20);
    set(v, ChurnFeature.HAS_PURCHASED, 1);
    set(v, ChurnFeature.REPEAT_BUYER, 1);
    set(v, ChurnFeature.RECENCY_DAYS, 74);
    set(v, ChurnFeature.GAP_MEAN_DAYS, 1);
    assertEquals(
        "seit 74 Tagen kein Kauf, sonst im Abstand von 1 Tag",
        ReasonGroup.RECENCY.phrase(v, ref, DE_EUR));
    set(ref, ChurnFeature.MONETARY_365, 1234.5);
    set(v, ChurnFeature.MONETARY_365, 42.205);
    assertEquals(
        "nur 42,21 € Umsatz in den letzten 12 Monaten, üblich sind 1.234,50 €",
        ReasonGroup.SPEND.phrase(v, ref, DE_EUR));
    assertEquals(
        "nur 42,21 CHF Umsatz in den letzten 12 Monaten, üblich sind 1.234,50 CHF",
        ReasonGroup.SPEND.phrase(v, ref, DE_EUR.in(Currency.getInstance("CHF"))));
    set(ref, ChurnFeature.P_ALIVE, 0.91);
    set(v, ChurnFeature.P_ALIVE, 0.42);
    assertEquals(
        "Kaufverhalten ergibt nur 42 % Wahrscheinlichkeit, noch Kunde zu sein, üblich sind 91 %",
        ReasonGroup.LIFETIME.phrase(v, ref, DE_EUR));
    set(v, ChurnFeature.P_ALIVE, 0.91);
    set(ref, ChurnFeature.EXPECTED_PURCHASES_90, 2.25);
    set(v, ChurnFeature.EXPECTED_PURCHASES_90, 0.35);
    assertEquals(
        "Kaufverhalten lässt nur 0,4 Kauftage in den nächsten 90 Tagen erwarten, üblich sind 2,3",
        ReasonGroup.LIFETIME.phrase(v, ref, DE_EUR));
  }

  @Test
  void winBackReasonsInGerman() {
    CustomerState s = buyer(DAY - 500, DAY - 440);
    double[] v = ChurnFeatures.compute(s, DAY);
    set(v, ChurnFeature.P_ALIVE, 0.08);
    set(v, ChurnFeature.EXPECTED_PURCHASES_90, 0.2);
    set(v, ChurnFeature.CLV, 100);
    WinBack de = WinBack.of(s, v, DAY, DE_EUR);
    assertEquals(
        List.of(
            "letzter Kauf vor 440 Tagen, sonst im Abstand von 60 Tagen",
            "8 % Wahrscheinlichkeit, dass noch gekauft wird",
            "0,20 Käufe in den nächsten 90 Tagen erwartet"),
        de.reasons());
    WinBack en = WinBack.of(s, v, DAY);
    assertEquals(
        List.of(
            "last bought 440 days ago, usually every 60 days",
            "8% chance they still buy (P(alive))",
            "0.20 purchases expected in the next 90 days"),
        en.reasons());
    assertEquals(en.value(), de.value());
    CustomerState never = new CustomerState("n");
    assertEquals("noch nicht aktiviert: noch kein Kauf", WinBack.notActivated(never, DAY, DE_EUR));
  }

  private static CustomerState buyer(int... days) {
    CustomerState s = new CustomerState("c");
    int i = 0;
    for (int d : days) {
      s.apply(
          new LoyaltyEvent(
              "e" + i++,
              "c",
              d * Days.DAY_MILLIS + Days.DAY_MILLIS / 2,
              EventType.PURCHASE,
              20.0,
              0,
              "coffee",
              null,
              "web"));
    }
    return s;
  }
}
