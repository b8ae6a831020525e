package dev.treue.training.report;

import dev.treue.core.evaluation.TargetingStep;
import dev.treue.core.evaluation.TargetingTable;
import dev.treue.core.offers.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The churn bundle's {@code targeting.json}: {@link TargetingTable}s of the validation rows in the two
 * orders a marketer can contact members in (the at-risk list's default, highest value at risk first,
 * and highest churn probability first), which the dashboard's targeting simulator reads. They differ
 * a lot: the likeliest leavers are mostly members whose lifetime value has already shrunk. Counts keep
 * one decimal (a cut through tied scores counts pro rata); money is rounded to cents.
 */
public final class TargetingJson {
  private TargetingJson() {}

  /**
   * The document for tables computed at {@code validationCutoff} with {@code horizonDays} on the same
   * rows.
   */
  public static Map<String, Object> of(
      TargetingTable byValueAtRisk,
      TargetingTable byProbability,
      LocalDate validationCutoff,
      int horizonDays) {
    TargetingTable table = byValueAtRisk;
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("validation_cutoff", validationCutoff.toString());
    doc.put("horizon_days", horizonDays);
    doc.put("members", table.members());
    doc.put("churners", table.churners());
    doc.put("value_at_risk", cents(table.valueAtRisk()));
    Map<String, Object> orders = new LinkedHashMap<>();
    orders.put("value_at_risk", steps(byValueAtRisk));
    orders.put("churn_probability", steps(byProbability));
    doc.put("orders", orders);
    return doc;
  }

  private static List<Map<String, Object>> steps(TargetingTable table) {
    List<Map<String, Object>> steps = new ArrayList<>();
    for (TargetingStep s : table.steps()) {
      Map<String, Object> step = new LinkedHashMap<>();
      step.put("percent", s.percent());
      step.put("contacted", s.contacted());
      step.put("churners_reached", tenths(s.churnersReached()));
      step.put("false_alarms", tenths(s.falseAlarms()));
      step.put("value_at_risk_covered", cents(s.valueAtRiskCovered()));
      steps.add(step);
    }
    return steps;
  }

  private static BigDecimal cents(double amount) {
    return Money.roundedToCents(amount);
  }

  private static BigDecimal tenths(double count) {
    return BigDecimal.valueOf(count).setScale(1, RoundingMode.HALF_EVEN);
  }
}
