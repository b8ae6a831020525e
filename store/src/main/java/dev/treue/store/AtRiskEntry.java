package dev.treue.store;

import dev.treue.core.churn.ChurnScore;
import dev.treue.core.churn.MemberValueFigures;
import dev.treue.core.churn.ValueAtRisk;
import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.TierLadder;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of a tenant's at-risk list as Redis keeps it: the member id is the member of both sorted
 * sets (scored by churn probability and by value at risk, see {@link AtRiskOrder}), and this row the
 * value in the list's hash. Written by batch scoring and rewritten by the service when an event
 * moves the member's score.
 *
 * @param customerId the member
 * @param probability calibrated churn probability
 * @param band risk band name ({@code low}, {@code medium}, {@code high})
 * @param tier tier name at scoring time
 * @param segment marketing segment, may be null
 * @param valueAtRisk {@link ValueAtRisk}: probability times the member's customer lifetime value (the
 *     churn vector's CLV feature from the model's lifetime model; 0 for a member who never purchased)
 * @param clv that customer lifetime value; null in rows written before it was stored
 * @param probabilityAlive the lifetime model's P(alive); null for a member who never purchased (no
 *     purchase process to extrapolate) and in rows written before it was stored
 * @param reasons top reasons, possibly empty
 * @param scoredAtMillis when the score was computed
 * @param asOfDay the UTC epoch day the features were computed for
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
    int asOfDay) {

  private static final char FIELD = '\t';
  private static final String REASON = "\u001f";

  public AtRiskEntry {
    reasons = List.copyOf(reasons);
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
    MemberValueFigures figures = MemberValueFigures.of(score.probability(), features);
    return new AtRiskEntry(
        state.customerId(),
        score.probability(),
        score.band().wireName(),
        TierLadder.name(state.tierRank()),
        state.segment(),
        figures.valueAtRisk(),
        figures.clv(),
        figures.probabilityAlive(),
        score.reasons(),
        scoredAtMillis,
        asOfDay);
  }

  /**
   * The hash value: tab-separated fields (ids, tiers and reasons never hold tabs), the lifetime
   * figures last (empty when null), so rows written before them still read.
   */
  public String encode() {
    StringBuilder b = new StringBuilder(96);
    b.append(customerId)
        .append(FIELD)
        .append(probability)
        .append(FIELD)
        .append(band)
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
        .append(probabilityAlive == null ? "" : probabilityAlive);
    return b.toString();
  }

  /**
   * Reads a hash value written by {@link #encode}.
   *
   * @throws IllegalArgumentException when the text is not an at-risk row
   */
  public static AtRiskEntry decode(String text) {
    String[] f = text.split("\t", -1);
    if (f.length != 9 && f.length != 11) {
      throw new IllegalArgumentException(
          "at-risk row has " + f.length + " fields, expected 11 (or 9 before CLV)");
    }
    List<String> reasons = new ArrayList<>();
    if (!f[8].isEmpty()) {
      reasons.addAll(List.of(f[8].split(REASON, -1)));
    }
    Double clv = f.length == 11 && !f[9].isEmpty() ? Double.valueOf(f[9]) : null;
    Double alive = f.length == 11 && !f[10].isEmpty() ? Double.valueOf(f[10]) : null;
    return new AtRiskEntry(
        f[0],
        Double.parseDouble(f[1]),
        f[2],
        f[3],
        f[4].isEmpty() ? null : f[4],
        Double.parseDouble(f[5]),
        clv,
        alive,
        reasons,
        Long.parseLong(f[6]),
        Integer.parseInt(f[7]));
  }

  private static String clean(String text) {
    return text.replace('\t', ' ').replace(REASON, " ");
  }
}
