package dev.treue.core.kpi;

import dev.treue.core.i18n.Language;
import java.util.Locale;

/**
 * Every programme KPI, the one definition the batch job ({@code ./treue kpis}), {@code GET /v1/kpis}, the
 * dashboard's help and the README share. "Active" is {@link dev.treue.core.customer.MemberStatus#ACTIVE} under the
 * churn model's activity window (365 days by default); a period's start means the end of the day before it. The
 * definitions are in order of the README's table.
 */
public enum Kpi {
  ACTIVE_MEMBERS(
      KpiKind.COUNT,
      "Aktive Mitglieder",
      "Members with at least one purchase in the activity window ending on the period's last day.",
      "Mitglieder mit mindestens einem Kauf im Aktivitätsfenster, das am letzten Tag des Zeitraums endet."),
  NEW_MEMBERS(
      KpiKind.COUNT,
      "Neue Mitglieder",
      "Members who signed up during the period.",
      "Mitglieder, die sich im Zeitraum angemeldet haben."),
  RETENTION_RATE(
      KpiKind.SHARE,
      "Bindungsquote",
      "Share of the members active at the period's start who bought again during the period.",
      "Anteil der zu Beginn des Zeitraums aktiven Mitglieder, die im Zeitraum erneut gekauft haben."),
  REALIZED_CHURN_RATE(
      KpiKind.SHARE,
      "Tatsächliche Abwanderung",
      "Share of the members active at the period's start who made no purchase in the churn horizon after it"
          + " (only once that horizon has passed).",
      "Anteil der zu Beginn des Zeitraums aktiven Mitglieder, die im Churn-Horizont danach nichts gekauft haben"
          + " (erst wenn dieser Horizont vorbei ist)."),
  PREDICTED_CHURN_RATE(
      KpiKind.SHARE,
      "Vorhergesagte Abwanderung",
      "The churn model's mean churn probability for the same members at the period's start"
          + " (periods starting in the last 12 months).",
      "Mittlere Abwanderungswahrscheinlichkeit des Churn-Modells für dieselben Mitglieder zu Beginn des Zeitraums"
          + " (Zeiträume, die in den letzten 12 Monaten beginnen)."),
  REPEAT_PURCHASE_RATE(
      KpiKind.SHARE,
      "Wiederkaufquote",
      "Share of the period's buyers who have made at least two purchases by the period's end.",
      "Anteil der Käufer des Zeitraums, die bis zu seinem Ende mindestens zweimal gekauft haben."),
  PURCHASE_FREQUENCY(
      KpiKind.RATE,
      "Kaufhäufigkeit",
      "Purchases in the period per member who bought in it.",
      "Käufe im Zeitraum je Mitglied, das in ihm gekauft hat."),
  AVERAGE_ORDER_VALUE(
      KpiKind.MONEY,
      "Durchschnittlicher Bestellwert",
      "Purchase amount in the period divided by the number of purchases in it.",
      "Kaufsumme des Zeitraums geteilt durch die Zahl seiner Käufe."),
  AVERAGE_CLV(
      KpiKind.MONEY,
      "Durchschnittlicher CLV",
      "Mean customer lifetime value (the churn model's lifetime model) of the members active at the period's end.",
      "Mittlerer Kundenwert (Lebenszeitmodell des Churn-Modells) der am Ende des Zeitraums aktiven Mitglieder."),
  TOTAL_CLV(
      KpiKind.MONEY,
      "CLV gesamt",
      "Sum of the customer lifetime values of the members active at the period's end.",
      "Summe der Kundenwerte der am Ende des Zeitraums aktiven Mitglieder."),
  VALUE_AT_RISK(
      KpiKind.MONEY,
      "Gefährdeter Wert",
      "Sum of churn probability times lifetime value over the members active at the period's end"
          + " (periods ending in the last 12 months).",
      "Summe aus Abwanderungswahrscheinlichkeit mal Kundenwert über die am Ende des Zeitraums aktiven Mitglieder"
          + " (Zeiträume, die in den letzten 12 Monaten enden)."),
  OFFER_REDEMPTION_RATE(
      KpiKind.SHARE,
      "Einlösequote der Angebote",
      "Offers redeemed in the period divided by offers sent in it.",
      "Im Zeitraum eingelöste Angebote geteilt durch die in ihm versandten."),
  POINTS_EARNED(
      KpiKind.POINTS,
      "Gesammelte Punkte",
      "Points members earned in the period.",
      "Im Zeitraum gesammelte Punkte."),
  POINTS_REDEEMED(
      KpiKind.POINTS,
      "Eingelöste Punkte",
      "Points members redeemed in the period.",
      "Im Zeitraum eingelöste Punkte."),
  POINTS_EXPIRED(
      KpiKind.POINTS,
      "Verfallene Punkte",
      "Points that expired in the period.",
      "Im Zeitraum verfallene Punkte."),
  POINTS_REDEMPTION_RATE(
      KpiKind.RATE,
      "Einlösequote der Punkte",
      "Points redeemed in the period divided by points earned in it.",
      "Im Zeitraum eingelöste Punkte geteilt durch die in ihm gesammelten."),
  POINTS_LIABILITY(
      KpiKind.POINTS,
      "Offene Punkte",
      "Points outstanding at the period's end: everything earned minus redeemed minus expired.",
      "Am Ende des Zeitraums offene Punkte: alles Gesammelte abzüglich Eingelöstem und Verfallenem."),
  ENGAGEMENT_RATE(
      KpiKind.SHARE,
      "Engagement-Quote",
      "Share of the members active at the period's end with an app session or email open in the period.",
      "Anteil der am Ende des Zeitraums aktiven Mitglieder mit einer App-Sitzung oder E-Mail-Öffnung im Zeitraum.");

  private final KpiKind kind;
  private final String germanName;
  private final String english;
  private final String german;

  /**
   * @param germanName the column name in German files, the dashboard's German label
   * @param english the definition in English
   * @param german the definition in German
   */
  Kpi(KpiKind kind, String germanName, String english, String german) {
    this.kind = kind;
    this.germanName = germanName;
    this.english = english;
    this.german = german;
  }

  /** The column name in {@code language}: the wire name in English, the German label in German. */
  public String header(Language language) {
    return language == Language.DE ? germanName : wireName();
  }

  /** The name in files and APIs, e.g. {@code retention_rate}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public KpiKind kind() {
    return kind;
  }

  /** The one-sentence definition in English. */
  public String english() {
    return english;
  }

  /** The one-sentence definition in German. */
  public String german() {
    return german;
  }

  /** The definition in {@code language} ({@code de} gives German, anything else English). */
  public String definition(String language) {
    return "de".equals(language) ? german : english;
  }

  /**
   * The KPI a wire name stands for.
   *
   * @throws IllegalArgumentException for any other text
   */
  public static Kpi fromWireName(String name) {
    for (Kpi k : values()) {
      if (k.wireName().equals(name)) {
        return k;
      }
    }
    throw new IllegalArgumentException("no KPI is called '" + name + "'");
  }
}
