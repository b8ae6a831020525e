package dev.treue.serving.scoring;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.treue.core.churn.MemberValueFigures;
import dev.treue.core.churn.ValueAtRisk;
import dev.treue.serving.http.ResponseJson;
import java.io.IOException;

/**
 * What a member is worth as the active churn model's lifetime model (BG/NBD and Gamma-Gamma) sees
 * them, beside their churn risk. The figures are the lifetime features of the very vector the churn
 * model scored, so the answer, the at-risk list and batch scoring cannot disagree.
 *
 * <p>The figures of a scored member are {@link MemberValueFigures} (a member who never purchased
 * has null P(alive) and expected purchases, CLV and value at risk 0). A cold start (nothing
 * stored) is unknown, not worthless: every figure is null.
 *
 * @param clv customer lifetime value over the horizon, discounted; 0 without a purchase, null for a cold start
 * @param probabilityAlive BG/NBD P(alive) today; null without a purchase or for a cold start
 * @param expectedPurchases90 expected purchase days in the next 90 days; null without a purchase or for a cold start
 * @param valueAtRisk churn probability times CLV ({@link ValueAtRisk}); 0 for a member who never
 *     purchased; null for a lapsed member (no churn probability) and a cold start
 * @param horizonMonths months the CLV looks ahead (the lifetime model's horizon)
 */
public record MemberValue(
    Double clv,
    Double probabilityAlive,
    Double expectedPurchases90,
    Double valueAtRisk,
    int horizonMonths) {

  /**
   * The value of a member scored from {@code features}.
   *
   * @param probability the calibrated churn probability of the vector
   * @param features the full vector ({@code ChurnScorer.features}), lifetime features filled
   * @param horizonMonths months the lifetime model's CLV looks ahead
   */
  public static MemberValue of(double probability, double[] features, int horizonMonths) {
    MemberValueFigures figures = MemberValueFigures.of(probability, features);
    return new MemberValue(
        figures.clv(),
        figures.probabilityAlive(),
        figures.expectedPurchases90(),
        figures.valueAtRisk(),
        horizonMonths);
  }

  /**
   * The value of a lapsed member: the lifetime figures of their vector, no value at risk (they have
   * no churn probability; their win-back value stands in its place).
   */
  public static MemberValue lapsed(double[] features, int horizonMonths) {
    MemberValueFigures figures = MemberValueFigures.of(0, features);
    return new MemberValue(
        figures.clv(),
        figures.probabilityAlive(),
        figures.expectedPurchases90(),
        null,
        horizonMonths);
  }

  /** The value of a member of whom nothing is stored. */
  public static MemberValue unknown(int horizonMonths) {
    return new MemberValue(null, null, null, null, horizonMonths);
  }

  /** Writes the fields into a churn-risk body. */
  void writeTo(JsonGenerator g) throws IOException {
    ResponseJson.number(g, "clv", clv);
    g.writeNumberField("clv_horizon_months", horizonMonths);
    ResponseJson.number(g, "p_alive", probabilityAlive);
    ResponseJson.number(g, "expected_purchases_90", expectedPurchases90);
    ResponseJson.number(g, "value_at_risk", valueAtRisk);
  }
}
