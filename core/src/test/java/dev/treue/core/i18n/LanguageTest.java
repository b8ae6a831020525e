package dev.treue.core.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LanguageTest {
  @Test
  void tagsWithOrWithoutARegionNameTheLanguage() {
    assertEquals(Language.EN, Language.parse("en"));
    assertEquals(Language.DE, Language.parse("de"));
    assertEquals(Language.DE, Language.parse("de-DE"));
    assertEquals(Language.DE, Language.parse("DE_at"));
    assertEquals(Language.EN, Language.parse("en-GB"));
    assertEquals("de", Language.DE.wireName());
  }

  @Test
  void aLanguageTreueDoesNotSpeakIsRefusedWithTheChoices() {
    for (String bad :
        new String[] {"fr", "", "deutsch", "de-", "de-D E", "e", " en", "en\n", "de-DE;", null}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Language.parse(bad), bad);
      assertTrue(e.getMessage().contains("en, de"), e.getMessage());
    }
  }

  @Test
  void acceptLanguagePicksTheHighestQualityTreueSpeaks() {
    assertEquals(Language.DE, Language.fromAcceptLanguage("de-DE,de;q=0.9,en;q=0.8", Language.EN));
    assertEquals(Language.EN, Language.fromAcceptLanguage("de;q=0.5, en-US", Language.DE));
    assertEquals(
        Language.DE, Language.fromAcceptLanguage("fr-CH, fr;q=0.9, de;q=0.7", Language.EN));
    assertEquals(Language.EN, Language.fromAcceptLanguage("de;q=0, en;q=0.1", Language.DE));
    assertEquals(Language.DE, Language.fromAcceptLanguage("fr", Language.DE));
    assertEquals(Language.EN, Language.fromAcceptLanguage("*", Language.EN));
    assertEquals(Language.DE, Language.fromAcceptLanguage("en;q=abc, de;q=0.2", Language.EN));
    assertEquals(Language.EN, Language.fromAcceptLanguage(null, Language.EN));
    assertEquals(Language.DE, Language.fromAcceptLanguage("  ", Language.DE));
    assertEquals(Language.EN, Language.fromAcceptLanguage(";;;,,,", Language.EN));
    assertEquals(Language.DE, Language.fromAcceptLanguage(" de-CH ; q=0.9 ,;", Language.EN));
  }
}
