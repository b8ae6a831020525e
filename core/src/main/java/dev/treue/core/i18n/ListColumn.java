package dev.treue.core.i18n;

import java.util.Locale;

/**
 * The columns of the member lists Treue exports (the service's at-risk CSV, the batch
 * {@code atrisk*.csv} files): the wire name English files keep as their header, and the German
 * header a spreadsheet user reads. One table, so both exports label a column alike.
 */
public enum ListColumn {
  CUSTOMER_ID("Kunden-ID"),
  CHURN_PROBABILITY("Abwanderungswahrscheinlichkeit"),
  RISK_BAND("Risikostufe"),
  REASONS("Gründe"),
  TIER("Stufe"),
  SEGMENT("Kundensegment"),
  LAST_PURCHASE("Letzter Kauf"),
  VALUE_AT_RISK("Gefährdeter Wert"),
  CLV("Kundenwert (CLV)"),
  P_ALIVE("P(aktiv)"),
  SCORED_AT("Bewertet am"),
  AS_OF("Stichtag"),
  RETENTION_OFFER_ID("Bindungsangebot"),
  RETENTION_OFFER_P("Bindungsangebot Einlösewahrscheinlichkeit"),
  RETENTION_OFFER_EV("Bindungsangebot Erwartungswert"),
  RETENTION_OFFER_WHY("Bindungsangebot Begründung"),
  STATUS("Mitgliedsstatus"),
  EXPECTED_PURCHASES_90("Erwartete Käufe 90 Tage"),
  WIN_BACK_VALUE("Rückgewinnungswert");

  private final String german;

  ListColumn(String german) {
    this.german = german;
  }

  /** The column's name in English files and JSON: {@code customer_id}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The header cell in {@code language}. */
  public String header(Language language) {
    return language == Language.DE ? german : wireName();
  }

  /**
   * The column of a wire name.
   *
   * @throws IllegalArgumentException when no column has that name
   */
  public static ListColumn ofWireName(String wireName) {
    return valueOf(wireName.toUpperCase(Locale.ROOT));
  }
}
