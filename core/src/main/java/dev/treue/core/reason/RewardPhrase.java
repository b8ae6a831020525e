package dev.treue.core.reason;

import dev.treue.core.i18n.Language;
import dev.treue.core.i18n.Phrase;

/**
 * Every phrase a reward explanation is made of ({@link RewardExplanations}), in English and German:
 * the one table of their words. {@code {0}}, {@code {1}}... are quantities already in words.
 */
public enum RewardPhrase implements Phrase {
  CATEGORY_SHARE("{0} of your spend is in {1}", "{0} Ihrer Ausgaben entfallen auf {1}"),
  KIND_USED(
      "you used {0} of your {1} {2} offers", "Sie haben {0} Ihrer {1} Angebote ({2}) genutzt"),
  SHOPS_EVERY("you shop about every {0} days", "Sie kaufen etwa alle {0} Tage ein"),
  TO_NEXT_TIER("{0} more spend to reach {1}", "noch {0} Umsatz bis zur Stufe {1}"),
  POINTS_COVER(
      "your {0} points cover its {1} points", "Ihre {0} Punkte decken die {1} Punkte dafür"),
  RETENTION_PICK(
      "retention pick: churn risk {0}", "Auswahl zur Kundenbindung: Abwanderungsrisiko {0}"),
  WIN_BACK_PICK(
      "win-back pick: {0} likely to have stopped buying",
      "Auswahl zur Rückgewinnung: kauft zu {0} wahrscheinlich nicht mehr"),
  FALLBACK(
      "{0} worth {1}, {2} likely to be used", "{0} im Wert von {1}, Nutzung zu {2} wahrscheinlich");

  private final String english;
  private final String german;

  RewardPhrase(String english, String german) {
    this.english = english;
    this.german = german;
  }

  @Override
  public String wording(Language language) {
    return language == Language.DE ? german : english;
  }
}
