package dev.treue.training.registry;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QualityGateTest {
  private static ModelMetrics auc(double auc) {
    return new ModelMetrics(Map.of("auc", auc));
  }

  private static Optional<QualityGate.CurrentModel> current(double auc) {
    return Optional.of(new QualityGate.CurrentModel("20260101-000000-aaaaaa", auc(auc)));
  }

  @Test
  void firstModelPassesAndMissingAucNeverDoes() {
    QualityGate gate = QualityGate.defaults();
    assertTrue(gate.evaluate(auc(0.51), Optional.empty()).passed());
    assertFalse(gate.evaluate(ModelMetrics.empty(), Optional.empty()).passed());
    assertFalse(gate.evaluate(auc(Double.NaN), current(0.8)).passed());
  }

  @Test
  void toleranceIsInclusiveAndNamesBothAucs() {
    QualityGate gate = QualityGate.defaults();
    assertTrue(gate.evaluate(auc(0.805), current(0.810)).passed());
    GateDecision refused = gate.evaluate(auc(0.8049), current(0.810));
    assertFalse(refused.passed());
    assertTrue(
        refused.reason().contains("0.8049") && refused.reason().contains("0.8100"),
        refused.reason());
    assertTrue(QualityGate.withMaxAucDrop(0.01).evaluate(auc(0.8049), current(0.810)).passed());
    assertFalse(QualityGate.withMaxAucDrop(0).evaluate(auc(0.8099), current(0.810)).passed());
  }

  @Test
  void rejectsNegativeTolerance() {
    assertThrows(IllegalArgumentException.class, () -> new QualityGate(-0.1));
    assertThrows(IllegalArgumentException.class, () -> new QualityGate(Double.NaN));
  }

  @Test
  void aModelThatDoesNotBeatTheBestRuleBaselineIsNotPromoted() throws Exception {
    byte[] json =
        ("{\"auc\": 0.730, \"baselines\": {\"recency\": {\"auc\": 0.70},"
                + " \"rfm\": {\"auc\": 0.730}, \"bgnbd\": {\"auc\": 0.734},"
                + " \"oracle\": {\"auc\": 0.9}}}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    ModelMetrics losing = ModelMetrics.parse(json, "metrics.json");
    GateDecision first = QualityGate.defaults().evaluate(losing, Optional.empty());
    assertFalse(first.passed());
    assertTrue(
        first
            .reason()
            .equals(
                "registered, not promoted: model AUC 0.730 does not beat the BG/NBD baseline's"
                    + " 0.734"),
        first.reason());
    assertFalse(QualityGate.defaults().evaluate(losing, current(0.5)).passed());
    // A tie with the best rule is not a win either.
    ModelMetrics tie = new ModelMetrics(Map.of("auc", 0.734, "baselines.bgnbd.auc", 0.734));
    assertFalse(QualityGate.defaults().evaluate(tie, Optional.empty()).passed());
    // Beating every rule passes; the oracle is not a rule to beat.
    ModelMetrics winning =
        new ModelMetrics(
            Map.of("auc", 0.75, "baselines.bgnbd.auc", 0.734, "baselines.oracle.auc", 0.9));
    assertTrue(QualityGate.defaults().evaluate(winning, Optional.empty()).passed());
    // A lifetime (clv) model's report compares with the same rules to describe it: no contest.
    assertTrue(QualityGate.defaults().evaluate("clv", losing, Optional.empty()).passed());
    assertFalse(QualityGate.defaults().evaluate("churn", losing, Optional.empty()).passed());
  }
}
