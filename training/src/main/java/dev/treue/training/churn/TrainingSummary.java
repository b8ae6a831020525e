package dev.treue.training.churn;

import dev.treue.training.registry.PublishSummary;
import java.util.Locale;
import java.util.Map;

/** Prints the end of a training run: the model against its baselines, and where things are. */
final class TrainingSummary {
  private TrainingSummary() {}

  @SuppressWarnings("unchecked")
  static void print(ChurnTraining.Outcome outcome, double seconds) {
    Map<String, Object> m = outcome.metrics();
    System.out.println();
    System.out.printf(
        "%-10s %7s %7s %8s %7s %6s%n", "", "AUC", "PR-AUC", "log loss", "Brier", "lift@10");
    row("model", m);
    Map<String, Object> baselines = (Map<String, Object>) m.getOrDefault("baselines", Map.of());
    baselines.forEach((name, metrics) -> row(name, (Map<String, Object>) metrics));
    System.out.println();
    PublishSummary.print(outcome.version(), outcome.publish(), outcome.bundlePath(), seconds);
  }

  private static void row(String name, Map<String, Object> m) {
    System.out.printf(
        Locale.ROOT,
        "%-10s %7s %7s %8s %7s %6s%n",
        name,
        f(m.get("auc")),
        f(m.get("pr_auc")),
        f(m.get("log_loss")),
        f(m.get("brier")),
        f(m.get("lift_top_decile")));
  }

  private static String f(Object v) {
    return v instanceof Number n ? String.format(Locale.ROOT, "%.4f", n.doubleValue()) : "-";
  }
}
