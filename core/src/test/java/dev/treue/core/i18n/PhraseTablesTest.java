package dev.treue.core.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.reason.ReasonPhrase;
import dev.treue.core.reason.RewardPhrase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every phrase table (churn and win-back reasons, reward explanations) in every language. */
class PhraseTablesTest {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d}");
  private static final Pattern WORD = Pattern.compile("\\p{L}{3,}");

  /** Words both languages write alike (loan words, names of figures). */
  private static final Set<String> SHARED = Set.of("app");

  private static List<Phrase> phrases() {
    List<Phrase> all = new ArrayList<>(List.of(ReasonPhrase.values()));
    all.addAll(List.of(RewardPhrase.values()));
    return all;
  }

  @Test
  void everyPhraseHasEveryLanguageWithTheSamePlaceholders() {
    for (Phrase p : phrases()) {
      for (Language l : Language.values()) {
        String text = p.wording(l);
        assertTrue(text != null && !text.isBlank(), p + " has no " + l + " wording");
      }
      assertNotEquals(p.wording(Language.EN), p.wording(Language.DE), p + " is not translated");
      assertEquals(
          placeholders(p.wording(Language.EN)), placeholders(p.wording(Language.DE)), p.toString());
    }
  }

  @Test
  void noGermanPhraseBorrowsAnEnglishWordByAccident() {
    Set<String> english = new HashSet<>();
    for (Phrase p : phrases()) {
      english.addAll(words(p.wording(Language.EN)));
    }
    english.removeAll(SHARED);
    for (Phrase p : phrases()) {
      Set<String> borrowed = words(p.wording(Language.DE));
      borrowed.retainAll(english);
      assertTrue(borrowed.isEmpty(), p + " in German has English " + borrowed);
    }
  }

  @Test
  void aPhraseIsFilledAtItsPlaceholders() {
    assertEquals(
        "seit 96 Tagen kein Kauf, sonst im Abstand von 14 Tagen",
        ReasonPhrase.NO_PURCHASE_USUALLY.fill(Language.DE, "96 Tagen", "14 Tagen"));
    assertFalse(RewardPhrase.RETENTION_PICK.fill(Language.DE, "12 %").contains("{"));
  }

  private static Set<String> placeholders(String text) {
    Set<String> out = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  private static Set<String> words(String text) {
    Set<String> out = new HashSet<>();
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      out.add(m.group().toLowerCase(Locale.ROOT));
    }
    return out;
  }
}
