package dev.treue.core.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.Member;
import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import dev.treue.core.feature.ChurnFeature;
import dev.treue.core.feature.ChurnFeatures;
import dev.treue.core.i18n.Language;
import dev.treue.core.reason.Reason;
import dev.treue.core.reason.ReasonArg;
import dev.treue.core.reason.ReasonPhrase;
import dev.treue.core.reason.ReasonWords;
import dev.treue.core.time.Days;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Reasons kept before they are put into words: the stored form reads back as the same reason, and
 * put into words in either language it says what the words built at scoring time say.
 */
class NeutralReasonTest {
  private static final int DAY = 20_000;
  private static final ReasonWords EN = ReasonWords.ENGLISH_EUR;
  private static final ReasonWords DE = ReasonWords.of(Language.DE, ReasonWords.DEFAULT_CURRENCY);

  @Test
  void everyGroupsReasonReadsBackFromItsStoredFormAndSaysTheSameInBothLanguages() {
    Random random = new Random(14);
    int reasons = 0;
    for (int n = 0; n < 5_000; n++) {
      double[] v = randomVector(random);
      double[] ref = randomVector(random);
      for (ReasonGroup g : ReasonGroup.values()) {
        Reason r = g.reason(v, ref, EN);
        if (r == null) {
          continue;
        }
        reasons++;
        String stored = r.encode();
        assertFalse(stored.contains("\t") || stored.contains("\u001f"), stored);
        assertEquals(r, Reason.decode(stored), stored);
        assertEquals(g.phrase(v, ref, EN), EN.render(Reason.decode(stored)), stored);
        // German words never change whether a figure and its typical value read alike.
        assertEquals(g.phrase(v, ref, DE), DE.render(Reason.decode(stored)), stored);
      }
    }
    assertTrue(reasons > 5_000, "reasons checked: " + reasons);
  }

  @Test
  void winBackReasonsAreKeptAndPhrasedLater() {
    CustomerState s = buyer(DAY - 500, DAY - 440, DAY - 400);
    double[] v = ChurnFeatures.compute(s, DAY);
    v[ChurnFeature.P_ALIVE.ordinal()] = 0.08;
    v[ChurnFeature.EXPECTED_PURCHASES_90.ordinal()] = 0.2;
    ReasonWords chf = DE.in(Currency.getInstance("CHF"));
    WinBack w = WinBack.of(s, v, DAY, chf);
    List<String> decoded = new ArrayList<>();
    for (Reason r : w.why()) {
      decoded.add(DE.render(Reason.decode(r.encode())));
    }
    assertEquals(w.reasons(), decoded);
    assertEquals(WinBack.of(s, v, DAY).reasons(), EN.render(w.why()));
    CustomerState never =
        CustomerState.of(new Member("n", DAY - 12, "basic", 0, null, "web", false));
    Reason notActivated = WinBack.notActivatedReason(never, DAY);
    assertEquals(
        WinBack.notActivated(never, DAY, DE), DE.render(Reason.decode(notActivated.encode())));
  }

  @Test
  void wordsWrittenBeforeAreShownAsTheyAre() {
    String old = "no purchase for 74 days, usually every 12 days";
    Reason r = Reason.decode(old);
    assertEquals(old, DE.render(r));
    assertEquals(old, r.encode());
  }

  @Test
  void tierNamesWithSeparatorsSurviveTheStoredForm() {
    Reason r =
        Reason.of(
            ReasonPhrase.TIER_BELOW, ReasonArg.text("gold|50%\tplus"), ReasonArg.text("x\u001fy"));
    String stored = r.encode();
    assertFalse(stored.contains("\t") || stored.contains("\u001f"), stored);
    assertEquals(r, Reason.decode(stored));
    assertEquals(
        "in the gold|50%\tplus tier, below the typical x\u001fy", EN.render(Reason.decode(stored)));
  }

  @Test
  void aDamagedStoredReasonIsAnError() {
    assertThrows(IllegalArgumentException.class, () -> Reason.decode("r1|NO_SUCH_PHRASE|d3"));
    assertThrows(IllegalArgumentException.class, () -> Reason.decode("r1|TENURE_SHORT|q3"));
    assertThrows(IllegalArgumentException.class, () -> Reason.decode("r1|TENURE_SHORT|dx"));
  }

  private static double[] randomVector(Random random) {
    double[] v = new double[ChurnFeature.values().length];
    for (int i = 0; i < v.length; i++) {
      double scale = random.nextBoolean() ? 1 : 1_000;
      v[i] = random.nextInt(5) == 0 ? 0 : Math.round(random.nextDouble() * scale * 1000) / 1000.0;
    }
    v[ChurnFeature.HAS_PURCHASED.ordinal()] = random.nextInt(6) == 0 ? 0 : 1;
    v[ChurnFeature.REPEAT_BUYER.ordinal()] = random.nextInt(2);
    v[ChurnFeature.P_ALIVE.ordinal()] = random.nextDouble();
    v[ChurnFeature.RETURN_RATE_365.ordinal()] = random.nextDouble();
    v[ChurnFeature.TIER_RANK.ordinal()] = random.nextInt(4);
    return v;
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
