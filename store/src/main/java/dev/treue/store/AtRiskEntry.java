package dev.treue.store;

import dev.treue.core.churn.ChurnScore;
import dev.treue.core.churn.MemberValueFigures;
import dev.treue.core.churn.ValueAtRisk;
import dev.treue.core.churn.WinBack;
import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.MemberStatus;
import dev.treue.core.customer.TierLadder;
import dev.treue.core.offers.RetentionSignal;
import dev.treue.core.reason.Reason;
import dev.treue.core.reason.ReasonWords;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of a tenant's at-risk list as Redis keeps it: the member id is the member of both sorted
 * sets (scored by churn probability and by value at risk, see {@link AtRiskOrder}), and this row the
 * value in the list's hash. Written by batch scoring and rewritten by the service when an event
 * moves the member's score.
 *
 * <p>Every member has a row and the row says which group ({@link MemberStatus}) they are in: only
 * {@link MemberStatus#ACTIVE active} members carry a churn probability, band and value at risk;
 * {@link MemberStatus#LAPSED lapsed} members carry their win-back figures ({@link WinBack}) instead;
 * members who never purchased carry neither. {@link AtRiskOrder#score} places each group in the
 * sorted sets.
 *
 * @param customerId the member
 * @param probability calibrated churn probability; NaN unless active
 * @param band risk band name ({@code low}, {@code medium}, {@code high}); null unless active
 * @param tier tier name at scoring time
 * @param segment marketing segment, may be null
 * @param valueAtRisk {@link ValueAtRisk}: probability times the member's customer lifetime value (the
 *     churn vector's CLV feature from the model's lifetime model); NaN unless active
 * @param clv that customer lifetime value; null in rows written before it was stored
 * @param probabilityAlive the lifetime model's P(alive); null for a member who never purchased (no
 *     purchase process to extrapolate) and in rows written before it was stored
 * @param reasons top reasons in their stored form, possibly empty: churn reasons of an active member,
 *     the win-back figures of a lapsed one, "not activated yet" of one who never purchased. Each is a
 *     language-neutral {@link Reason#encode stored reason}, phrased when read ({@link
 *     #reasons(ReasonWords)}) in the reader's language; rows written before hold words, shown as
 *     they are
 * @param scoredAtMillis when the score was computed
 * @param asOfDay the UTC epoch day the features were computed for
 * @param status the member's group on {@code asOfDay}; rows written before it was stored read as
 *     active (they were all scored for churn)
 * @param expectedPurchases90 the lifetime model's expected purchases in the next 90 days; null
 *     without a purchase and in rows written before it was stored
 * @param winBackValue {@link WinBack#value()} of a lapsed member, else null
 * @param lastPurchaseDay the UTC epoch day of the member's last purchase up to {@code asOfDay};
 *     null without a purchase and in rows written before it was stored
 * @param retentionOffer the member's retention offer ({@link RetentionOffer}): only an active
 *     member's, from the threshold up, when the load had an offers model and catalogue; null
 *     otherwise and in rows written before it was stored
 */
public record AtRiskEntry(
    String customerId,
    double probability,
    String band,
    String tier,
    String segment,
    double valueAtRisk,
    Double clv,
    Double probabilityAlive,
    List<String> reasons,
    long scoredAtMillis,
    int asOfDay,
    MemberStatus status,
    Double expectedPurchases90,
    Double winBackValue,
    Integer lastPurchaseDay,
    RetentionOffer retentionOffer) {

  private static final char FIELD = '\t';

  /** Fields of a row as {@link #encode} writes it. */
  static final int FIELDS = 19;

  /** The last fields of a row: the retention offer's id, probability, expected value and why. */
  static final int OFFER_FIELDS = 4;

  private static final String REASON = "\u001f";

  public AtRiskEntry {
    reasons = List.copyOf(reasons);
    if (status == null) {
      throw new IllegalArgumentException("at-risk row of " + customerId + " needs a status");
    }
    if (retentionOffer != null && status != MemberStatus.ACTIVE) {
      throw new IllegalArgumentException(
          "at-risk row of " + customerId + " is " + status.wireName() + ": no retention offer");
    }
  }

  /** A row without a retention offer, as {@link #of} writes it. */
  public AtRiskEntry(
      String customerId,
      double probability,
      String band,
      String tier,
      String segment,
      double valueAtRisk,
      Double clv,
      Double probabilityAlive,
      List<String> reasons,
      long scoredAtMillis,
      int asOfDay,
      MemberStatus status,
      Double expectedPurchases90,
      Double winBackValue,
      Integer lastPurchaseDay) {
    this(
        customerId,
        probability,
        band,
        tier,
        segment,
        valueAtRisk,
        clv,
        probabilityAlive,
        reasons,
        scoredAtMillis,
        asOfDay,
        status,
        expectedPurchases90,
        winBackValue,
        lastPurchaseDay,
        null);
  }

  /**
   * This row with {@code offer} as its retention offer (null: none).
   *
   * @throws IllegalArgumentException when an offer is given for a member who is not active
   */
  public AtRiskEntry withRetentionOffer(RetentionOffer offer) {
    return new AtRiskEntry(
        customerId,
        probability,
        band,
        tier,
        segment,
        valueAtRisk,
        clv,
        probabilityAlive,
        reasons,
        scoredAtMillis,
        asOfDay,
        status,
        expectedPurchases90,
        winBackValue,
        lastPurchaseDay,
        offer);
  }

  /** An active member's row, as rows written before the status and win-back figures read. */
  public AtRiskEntry(
      String customerId,
      double probability,
      String band,
      String tier,
      String segment,
      double valueAtRisk,
      Double clv,
      Double probabilityAlive,
      List<String> reasons,
      long scoredAtMillis,
      int asOfDay) {
    this(
        customerId,
        probability,
        band,
        tier,
        segment,
        valueAtRisk,
        clv,
        probabilityAlive,
        reasons,
        scoredAtMillis,
        asOfDay,
        MemberStatus.ACTIVE,
        null,
        null,
        null);
  }

  /** A row without the lifetime figures, as rows written before they were stored read. */
  public AtRiskEntry(
      String customerId,
      double probability,
      String band,
      String tier,
      String segment,
      double valueAtRisk,
      List<String> reasons,
      long scoredAtMillis,
      int asOfDay) {
    this(
        customerId,
        probability,
        band,
        tier,
        segment,
        valueAtRisk,
        null,
        null,
        reasons,
        scoredAtMillis,
        asOfDay);
  }

  /**
   * The row for a member just scored: the one definition batch loads and the service's event path
   * share (tier from the state, value figures from {@link MemberValueFigures}).
   *
   * @param features the vector the score was computed from, lifetime features filled
   *     ({@code ChurnScorer.features}): with them left 0 every value at risk would be 0
   */
  public static AtRiskEntry of(
      CustomerState state, ChurnScore score, double[] features, long scoredAtMillis, int asOfDay) {
    return of(state, MemberStatus.ACTIVE, score, features, scoredAtMillis, asOfDay);
  }

  /**
   * The row of a member in {@code status}: an active member's churn figures, a lapsed member's
   * win-back figures ({@link WinBack}), or, for one who never purchased, "not activated yet". The
   * row keeps its reasons language-neutral ({@link Reason}): each reader phrases them in its own
   * language ({@link #reasons(ReasonWords)}).
   *
   * @param score the member's churn score; used only when {@code status} is active (may be null
   *     otherwise: lapsed and never-purchased members are not scored for churn)
   * @param features the member's vector, lifetime features filled
   */
  public static AtRiskEntry of(
      CustomerState state,
      MemberStatus status,
      ChurnScore score,
      double[] features,
      long scoredAtMillis,
      int asOfDay) {
    String tier = TierLadder.name(state.tierRank());
    Integer lastPurchase =
        state.lastPurchaseDay() == CustomerState.NONE ? null : state.lastPurchaseDay();
    MemberValueFigures figures =
        MemberValueFigures.of(status == MemberStatus.ACTIVE ? score.probability() : 0, features);
    return switch (status) {
      case ACTIVE ->
          new AtRiskEntry(
              state.customerId(),
              score.probability(),
              score.band().wireName(),
              tier,
              state.segment(),
              figures.valueAtRisk(),
              figures.clv(),
              figures.probabilityAlive(),
              stored(score.why()),
              scoredAtMillis,
              asOfDay,
              status,
              figures.expectedPurchases90(),
              null,
              lastPurchase);
      case LAPSED -> {
        WinBack w = WinBack.of(state, features, asOfDay);
        yield new AtRiskEntry(
            state.customerId(),
            Double.NaN,
            null,
            tier,
            state.segment(),
            Double.NaN,
            w.clv(),
            w.probabilityAlive(),
            stored(w.why()),
            scoredAtMillis,
            asOfDay,
            status,
            w.expectedPurchases90(),
            w.value(),
            lastPurchase);
      }
      case NEVER_PURCHASED ->
          new AtRiskEntry(
              state.customerId(),
              Double.NaN,
              null,
              tier,
              state.segment(),
              Double.NaN,
              figures.clv(),
              null,
              List.of(WinBack.notActivatedReason(state, asOfDay).encode()),
              scoredAtMillis,
              asOfDay,
              status,
              null,
              null,
              lastPurchase);
    };
  }

  /**
   * The member's standing for the rewards ranking's retention bonus, from this row's figures as the
   * service derives it from the model: an active member's churn probability, a lapsed member's
   * 1 - P(alive), nothing for one who never purchased.
   */
  public RetentionSignal retentionSignal() {
    return switch (status) {
      case ACTIVE -> RetentionSignal.churnRisk(probability);
      case LAPSED -> RetentionSignal.winBack(probabilityAlive == null ? 1 : probabilityAlive);
      case NEVER_PURCHASED -> RetentionSignal.notActivated();
    };
  }

  /**
   * The hash value: tab-separated fields (ids, tiers and reasons never hold tabs), the lifetime
   * figures, then the status and win-back figures, then the last purchase day, then the retention
   * offer's id, probability, expected value and explanation (each empty when null), so rows written
   * before them still read.
   */
  public String encode() {
    StringBuilder b = new StringBuilder(96);
    b.append(customerId)
        .append(FIELD)
        .append(probability)
        .append(FIELD)
        .append(band == null ? "" : band)
        .append(FIELD)
        .append(tier)
        .append(FIELD)
        .append(segment == null ? "" : clean(segment))
        .append(FIELD)
        .append(valueAtRisk)
        .append(FIELD)
        .append(scoredAtMillis)
        .append(FIELD)
        .append(asOfDay)
        .append(FIELD);
    for (int i = 0; i < reasons.size(); i++) {
      b.append(i == 0 ? "" : REASON).append(clean(reasons.get(i)));
    }
    b.append(FIELD)
        .append(clv == null ? "" : clv)
        .append(FIELD)
        .append(probabilityAlive == null ? "" : probabilityAlive)
        .append(FIELD)
        .append(status.wireName())
        .append(FIELD)
        .append(expectedPurchases90 == null ? "" : expectedPurchases90)
        .append(FIELD)
        .append(winBackValue == null ? "" : winBackValue)
        .append(FIELD)
        .append(lastPurchaseDay == null ? "" : lastPurchaseDay);
    appendOffer(b);
    return b.toString();
  }

  /**
   * Reads a hash value written by {@link #encode}.
   *
   * @throws IllegalArgumentException when the text is not an at-risk row
   */
  public static AtRiskEntry decode(String text) {
    String[] f = text.split("\t", -1);
    if (f.length != 9 && f.length != 11 && f.length != 14 && f.length != 15 && f.length != 19) {
      throw new IllegalArgumentException(
          "at-risk row has "
              + f.length
              + " fields, expected 19 (15 before the retention offer, 14 before the last purchase,"
              + " 11 before the status, 9 before CLV)");
    }
    List<String> reasons = new ArrayList<>();
    if (!f[8].isEmpty()) {
      reasons.addAll(List.of(f[8].split(REASON, -1)));
    }
    Double clv = f.length >= 11 && !f[9].isEmpty() ? Double.valueOf(f[9]) : null;
    Double alive = f.length >= 11 && !f[10].isEmpty() ? Double.valueOf(f[10]) : null;
    boolean withStatus = f.length >= 14;
    return new AtRiskEntry(
        f[0],
        Double.parseDouble(f[1]),
        f[2].isEmpty() ? null : f[2],
        f[3],
        f[4].isEmpty() ? null : f[4],
        Double.parseDouble(f[5]),
        clv,
        alive,
        reasons,
        Long.parseLong(f[6]),
        Integer.parseInt(f[7]),
        withStatus ? MemberStatus.fromWireName(f[11]) : MemberStatus.ACTIVE,
        withStatus && !f[12].isEmpty() ? Double.valueOf(f[12]) : null,
        withStatus && !f[13].isEmpty() ? Double.valueOf(f[13]) : null,
        f.length >= 15 && !f[14].isEmpty() ? Integer.valueOf(f[14]) : null,
        f.length == FIELDS ? offer(f, FIELDS - OFFER_FIELDS) : null);
  }

  private void appendOffer(StringBuilder b) {
    RetentionOffer o = retentionOffer;
    b.append(FIELD).append(o == null ? "" : clean(o.offerId()));
    b.append(FIELD).append(o == null ? "" : o.probability());
    b.append(FIELD).append(o == null ? "" : o.expectedValue());
    b.append(FIELD);
    if (o != null) {
      for (int i = 0; i < o.why().size(); i++) {
        b.append(i == 0 ? "" : REASON).append(clean(o.why().get(i)));
      }
    }
  }

  /** The retention offer in the four fields from {@code at}, null when its id is empty. */
  private static RetentionOffer offer(String[] f, int at) {
    if (f[at].isEmpty()) {
      return null;
    }
    List<String> why = f[at + 3].isEmpty() ? List.of() : List.of(f[at + 3].split(REASON, -1));
    return new RetentionOffer(
        f[at], Double.parseDouble(f[at + 1]), Double.parseDouble(f[at + 2]), why);
  }

  /** The reasons, language-neutral; words stored by older rows as they were written. */
  public List<Reason> why() {
    List<Reason> out = new ArrayList<>(reasons.size());
    for (String r : reasons) {
      out.add(Reason.decode(r));
    }
    return out;
  }

  /** The reasons in {@code words}' language and currency; words stored by older rows as they are. */
  public List<String> reasons(ReasonWords words) {
    return words.render(why());
  }

  private static List<String> stored(List<Reason> reasons) {
    List<String> out = new ArrayList<>(reasons.size());
    for (Reason r : reasons) {
      out.add(r.encode());
    }
    return out;
  }

  /** True for an active member's row: the only rows with a churn probability. */
  public boolean active() {
    return status == MemberStatus.ACTIVE;
  }

  private static String clean(String text) {
    return text.replace('\t', ' ').replace(REASON, " ");
  }
}
