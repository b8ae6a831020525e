package dev.treue.core.reason;

import dev.treue.core.i18n.Language;
import dev.treue.core.i18n.Phrase;

/**
 * Every phrase a churn or win-back reason is made of, in English and German: the one table of
 * reason words. {@code {0}}, {@code {1}} are filled with quantities already in words ("96 days",
 * "€42.21", "42%"). German day counts are dative ("seit 96 Tagen"), so every German phrase puts
 * them after a preposition that takes it. Another table over the same keys can be given too
 * ({@link ReasonWords#ReasonWords}).
 */
public enum ReasonPhrase implements Phrase {
  DAYS_ONE("{0} day", "{0} Tag"),
  DAYS_MANY("{0} days", "{0} Tagen"),
  PURCHASES_ONE("{0} purchase", "{0} Kauf"),
  PURCHASES_MANY("{0} purchases", "{0} Käufe"),
  POINTS_ONE("{0} point", "{0} Punkt"),
  POINTS_MANY("{0} points", "{0} Punkte"),
  CATEGORIES_ONE("{0} category", "{0} Kategorie"),
  CATEGORIES_MANY("{0} categories", "{0} Kategorien"),
  NO_PURCHASE_SINCE_JOINING(
      "no purchase since joining {0} ago", "kein Kauf seit dem Beitritt vor {0}"),
  NO_PURCHASE_USUALLY(
      "no purchase for {0}, usually every {1}", "seit {0} kein Kauf, sonst im Abstand von {1}"),
  NO_PURCHASE_AFTER_ONE(
      "no purchase for {0}, after a single purchase day",
      "seit {0} kein Kauf, nach nur einem Kauftag"),
  PURCHASES_DOWN(
      "{0} in the last 90 days, down from {1} in the 90 days before",
      "{0} in den letzten 90 Tagen, nach {1} in den 90 Tagen davor"),
  PURCHASES_90_AGAINST_YEAR(
      "only {0} in the last 90 days, against {1} in the last 12 months",
      "nur {0} in den letzten 90 Tagen, gegenüber {1} in den letzten 12 Monaten"),
  PURCHASES_YEAR_FEW(
      "only {0} in the last 12 months, typically {1}",
      "nur {0} in den letzten 12 Monaten, üblich sind {1}"),
  PURCHASES_YEAR_NONE("no purchase in the last 12 months", "kein Kauf in den letzten 12 Monaten"),
  SPEND_DOWN(
      "spent {0} less in the last 90 days than in the 90 days before",
      "in den letzten 90 Tagen {0} weniger ausgegeben als in den 90 Tagen davor"),
  SPEND_90_NONE(
      "no net spend in the last 90 days, after {0} in the 90 days before",
      "kein Nettoumsatz in den letzten 90 Tagen, nach {0} in den 90 Tagen davor"),
  SPEND_YEAR_LOW(
      "spent only {0} in the last 12 months, typically {1}",
      "nur {0} Umsatz in den letzten 12 Monaten, üblich sind {1}"),
  SPEND_YEAR_NONE(
      "no net spend in the last 12 months", "kein Nettoumsatz in den letzten 12 Monaten"),
  POINTS_EXPIRED("lost {0} to expiry in the last 90 days", "{0} in den letzten 90 Tagen verfallen"),
  POINTS_EXPIRING("{0} about to expire within 30 days", "{0} verfallen innerhalb von 30 Tagen"),
  TIER_DROPPED("dropped to {0} {1} ago", "vor {1} auf {0} herabgestuft"),
  TIER_BELOW("in the {0} tier, below the typical {1}", "in der Stufe {0}, üblich ist {1}"),
  TIER_DISTANCE("{0} of spend away from {1}", "noch {0} Umsatz bis {1}"),
  NEVER_REDEEMED("has never redeemed a reward", "hat noch nie eine Prämie eingelöst"),
  NO_REDEMPTION_FOR("no reward redeemed for {0}", "seit {0} keine Prämie eingelöst"),
  NO_REDEMPTION_LONG(
      "no reward redeemed in the last 2 years", "in den letzten 2 Jahren keine Prämie eingelöst"),
  OFFERS_IGNORED(
      "redeemed {0} of the {1} offers sent in the last 12 months",
      "{0} von {1} Angeboten der letzten 12 Monate eingelöst"),
  NO_ENGAGEMENT_FOR(
      "no app or email activity for {0}", "seit {0} keine Nutzung von App oder Newsletter"),
  NO_ENGAGEMENT_LONG(
      "no app or email activity in the last 2 years",
      "keine Nutzung von App oder Newsletter in den letzten 2 Jahren"),
  ALIVE_CHANCE(
      "buying pattern gives only a {0} chance of still being active, typically {1}",
      "Kaufverhalten ergibt nur {0} Wahrscheinlichkeit, noch Kunde zu sein, üblich sind {1}"),
  EXPECTED_FEW(
      "buying pattern expects only {0} purchase days in the next 90 days, typically {1}",
      "Kaufverhalten lässt nur {0} Kauftage in den nächsten 90 Tagen erwarten, üblich sind {1}"),
  JOINED_TODAY("joined today", "heute beigetreten"),
  TENURE_SHORT("member for only {0}", "erst seit {0} Mitglied"),
  RETURNS_SHARE(
      "returns {0} of purchases in the last 12 months",
      "gibt {0} der Käufe der letzten 12 Monate zurück"),
  CATEGORIES_FEW("buys from only {0}, typically {1}", "kauft nur aus {0}, üblich sind {1}"),
  LAST_BOUGHT_ONCE(
      "last bought {0} ago, bought on one day only",
      "letzter Kauf vor {0}, nur an einem Tag gekauft"),
  LAST_BOUGHT_USUALLY(
      "last bought {0} ago, usually every {1}", "letzter Kauf vor {0}, sonst im Abstand von {1}"),
  STILL_BUY_CHANCE(
      "{0} chance they still buy (P(alive))", "{0} Wahrscheinlichkeit, dass noch gekauft wird"),
  EXPECTED_NEXT_90(
      "{0} purchases expected in the next 90 days", "{0} Käufe in den nächsten 90 Tagen erwartet"),
  NOT_ACTIVATED("not activated yet: no purchase yet", "noch nicht aktiviert: noch kein Kauf"),
  NOT_ACTIVATED_SINCE(
      "not activated yet: no purchase in the {0} days since joining",
      "noch nicht aktiviert: kein Kauf in den {0} Tagen seit dem Beitritt");

  private final String english;
  private final String german;

  ReasonPhrase(String english, String german) {
    this.english = english;
    this.german = german;
  }

  /** The English wording. */
  public String english() {
    return english;
  }

  @Override
  public String wording(Language language) {
    return language == Language.DE ? german : english;
  }
}
