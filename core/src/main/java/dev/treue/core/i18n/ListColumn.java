package dev.treue.core.i18n;

import java.util.List;
import java.util.Locale;

/**
 * The columns of the member lists Treue exports (the service's at-risk CSV, the batch
 * {@code atrisk*.csv} files): the wire name English files keep as their header, and the German
 * header a spreadsheet user reads, and how its cells are written ({@link #cell}). One table, so
 * both exports label and write a column alike, in the order of {@link #MEMBER_LIST}.
 */
public enum ListColumn {
  CUSTOMER_ID("Kunden-ID", Kind.TEXT),
  CHURN_PROBABILITY("Abwanderungswahrscheinlichkeit", Kind.PROBABILITY),
  RISK_BAND("Risikostufe", Kind.CODE),
  REASONS("Gründe", Kind.TEXT),
  TIER("Stufe", Kind.TEXT),
  SEGMENT("Kundensegment", Kind.TEXT),
  LAST_PURCHASE("Letzter Kauf", Kind.TEXT),
  VALUE_AT_RISK("Gefährdeter Wert", Kind.MONEY),
  CLV("Kundenwert (CLV)", Kind.MONEY),
  P_ALIVE("P(aktiv)", Kind.PROBABILITY),
  SCORED_AT("Bewertet am", Kind.TEXT),
  AS_OF("Stichtag", Kind.TEXT),
  RETENTION_OFFER_ID("Bindungsangebot", Kind.TEXT),
  RETENTION_OFFER_P("Bindungsangebot Einlösewahrscheinlichkeit", Kind.PROBABILITY),
  RETENTION_OFFER_EV("Bindungsangebot Erwartungswert", Kind.MONEY),
  RETENTION_OFFER_WHY("Bindungsangebot Begründung", Kind.TEXT),
  STATUS("Mitgliedsstatus", Kind.CODE),
  EXPECTED_PURCHASES_90("Erwartete Käufe 90 Tage", Kind.EXPECTED_COUNT),
  WIN_BACK_VALUE("Rückgewinnungswert", Kind.MONEY);

  /**
   * The columns of every member list export, in file order: the service's {@code GET /v1/at-risk}
   * CSV and the batch {@code atrisk*.csv} files alike. Earlier columns keep their places as columns
   * are added at the end.
   */
  public static final List<ListColumn> MEMBER_LIST =
      List.of(
          CUSTOMER_ID,
          CHURN_PROBABILITY,
          RISK_BAND,
          REASONS,
          TIER,
          SEGMENT,
          LAST_PURCHASE,
          VALUE_AT_RISK,
          CLV,
          P_ALIVE,
          RETENTION_OFFER_ID,
          RETENTION_OFFER_P,
          RETENTION_OFFER_EV,
          RETENTION_OFFER_WHY,
          STATUS,
          EXPECTED_PURCHASES_90,
          WIN_BACK_VALUE,
          SCORED_AT,
          AS_OF);

  /**
   * How a column's numbers are written: probabilities with 4 decimals (a share a spreadsheet can
   * show as a percentage, to a hundredth of a percent), money rounded half up to cents, expected
   * purchase counts with 2 decimals; text as it is; codes (risk band, status) in the language's
   * words ({@link CodeWord}).
   */
  public enum Kind {
    TEXT(-1),
    CODE(-1),
    PROBABILITY(4),
    MONEY(2),
    EXPECTED_COUNT(2);

    private final int decimals;

    Kind(int decimals) {
      this.decimals = decimals;
    }

    /** Decimals of a number in this kind of column; -1 for text. */
    public int decimals() {
      return decimals;
    }
  }

  private final String german;
  private final Kind kind;

  ListColumn(String german, Kind kind) {
    this.german = german;
    this.kind = kind;
  }

  /** How the column's values are written. */
  public Kind kind() {
    return kind;
  }

  /**
   * A value as this column's cell in {@code language}, before any CSV quoting: empty for null and
   * NaN, a number with the column's decimals ({@link Kind}) and the language's decimal mark, not
   * grouped ({@link Numbers#decimal}), a code in the language's words ({@link CodeWord}), anything
   * else (text, dates, instants) as its {@code toString}. The one formatting the service's CSV and the batch files share.
   */
  public String cell(Language language, Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Number n) {
      double d = n.doubleValue();
      if (!Double.isFinite(d)) {
        return "";
      }
      return kind.decimals < 0
          ? Numbers.cell(language, d)
          : Numbers.decimal(language, d, kind.decimals);
    }
    return kind == Kind.CODE ? CodeWord.say(language, value.toString()) : value.toString();
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
