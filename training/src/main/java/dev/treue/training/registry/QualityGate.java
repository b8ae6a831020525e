package dev.treue.training.registry;

import dev.treue.core.cli.Arguments;
import dev.treue.core.cli.Option;
import dev.treue.core.cli.UsageException;
import dev.treue.core.registry.ModelKind;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Decides whether a newly published model may replace the current one. A candidate passes when its
 * validation AUC is not below the current model's by more than {@code maxAucDrop}; the first model
 * of a kind always passes; a candidate without an AUC (missing or NaN) never passes. A small
 * tolerance is allowed because retraining on fresher data moves the AUC by noise alone, and
 * refusing every retrain that lost a thousandth would freeze the model on stale data.
 *
 * <p>A churn model must also beat the best of the rule baselines (recency, RFM, BG/NBD) that its
 * {@code metrics.json} reports on the same validation rows: a model that does not is registered but
 * not promoted, since the rule would serve the marketer as well at no cost. No tolerance applies
 * here: the model has to earn its place.
 */
public final class QualityGate {
  /** The default tolerance: 0.005 AUC. */
  public static final double DEFAULT_MAX_AUC_DROP = 0.005;

  /** The option that sets the tolerance; {@code train} and {@code models} commands share it. */
  public static final Option MAX_AUC_DROP_OPTION =
      Option.of(
          "max-auc-drop",
          String.valueOf(DEFAULT_MAX_AUC_DROP),
          "a new model becomes current only if its AUC is at most this much below the current one");

  /** The rule baselines a model must beat, with their display names; the oracle is not a rule. */
  static final Map<String, String> RULE_BASELINES =
      Map.of("recency", "recency", "rfm", "RFM", "bgnbd", "BG/NBD");

  private final double maxAucDrop;

  /**
   * @param maxAucDrop how far below the current model's AUC a candidate may be; zero or more
   */
  public QualityGate(double maxAucDrop) {
    if (!(maxAucDrop >= 0) || Double.isInfinite(maxAucDrop)) {
      throw new IllegalArgumentException(
          "max_auc_drop must be a finite number >= 0, got " + maxAucDrop);
    }
    this.maxAucDrop = maxAucDrop;
  }

  /** The gate with the default tolerance {@value #DEFAULT_MAX_AUC_DROP}. */
  public static QualityGate defaults() {
    return new QualityGate(DEFAULT_MAX_AUC_DROP);
  }

  /** The gate with the given tolerance; the helper the train command uses for its option. */
  public static QualityGate withMaxAucDrop(double maxAucDrop) {
    return new QualityGate(maxAucDrop);
  }

  /** The gate configured by {@link #MAX_AUC_DROP_OPTION}; a usage error for negative values. */
  public static QualityGate fromArguments(Arguments args) {
    double drop = args.decimal(MAX_AUC_DROP_OPTION.name());
    if (!(drop >= 0) || Double.isInfinite(drop)) {
      throw new UsageException(
          "option --"
              + MAX_AUC_DROP_OPTION.name()
              + " expects a number >= 0, got '"
              + args.get(MAX_AUC_DROP_OPTION.name())
              + "'");
    }
    return new QualityGate(drop);
  }

  public double maxAucDrop() {
    return maxAucDrop;
  }

  /**
   * Judges a candidate against the current model.
   *
   * @param candidate the new model's metrics
   * @param current the current model's version name and metrics; empty for the first model
   */
  public GateDecision evaluate(ModelMetrics candidate, Optional<CurrentModel> current) {
    return evaluate(ModelKind.CHURN.folder(), candidate, current);
  }

  /**
   * Judges a candidate of {@code kind} against the current model. Only a churn model must also beat
   * the best rule baseline (recency, RFM, BG/NBD): those are its rivals, while a lifetime model's
   * report compares with the same rules to describe it, not to compete with them.
   */
  public GateDecision evaluate(
      String kind, ModelMetrics candidate, Optional<CurrentModel> current) {
    double auc = candidate.auc();
    if (Double.isNaN(auc)) {
      return new GateDecision(
          false, "refused: candidate has no auc in metrics.json (missing or NaN)");
    }
    Optional<String> beaten =
        ModelKind.CHURN.folder().equals(kind)
            ? bestRuleBaselineNotBeaten(candidate)
            : Optional.empty();
    if (beaten.isPresent()) {
      return new GateDecision(false, beaten.get());
    }
    if (current.isEmpty()) {
      return new GateDecision(true, "passed: first model, auc " + fmt(auc));
    }
    String version = current.get().version();
    double currentAuc = current.get().metrics().auc();
    if (Double.isNaN(currentAuc)) {
      // A current model without an AUC was promoted by hand; there is nothing to compare against.
      return new GateDecision(
          true, "passed: auc " + fmt(auc) + "; current " + version + " has no auc to compare");
    }
    double drop = currentAuc - auc;
    String both = "auc " + fmt(auc) + " vs current " + version + " auc " + fmt(currentAuc);
    // The epsilon keeps a drop of exactly max_auc_drop (0.810 -> 0.805) from failing on rounding.
    if (drop > maxAucDrop + 1e-12) {
      return new GateDecision(
          false,
          "refused: " + both + ", drop " + fmt(drop) + " exceeds max_auc_drop " + fmt(maxAucDrop));
    }
    return new GateDecision(true, "passed: " + both + ", max_auc_drop " + fmt(maxAucDrop));
  }

  /**
   * The refusal when the best rule baseline's AUC is at least the model's, e.g. "registered, not
   * promoted: model AUC 0.730 does not beat the BG/NBD baseline's 0.734"; empty when the model beats
   * every rule baseline it reports (or reports none).
   */
  public static Optional<String> bestRuleBaselineNotBeaten(ModelMetrics candidate) {
    String bestName = null;
    double best = Double.NEGATIVE_INFINITY;
    for (String name : new TreeMap<>(RULE_BASELINES).keySet()) {
      double b = candidate.baselineAuc(name);
      if (!Double.isNaN(b) && b > best) {
        best = b;
        bestName = name;
      }
    }
    if (bestName == null || candidate.auc() > best) {
      return Optional.empty();
    }
    return Optional.of(
        String.format(
            Locale.ROOT,
            "registered, not promoted: model AUC %.3f does not beat the %s baseline's %.3f",
            candidate.auc(),
            RULE_BASELINES.get(bestName),
            best));
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  /**
   * The model a candidate is compared with.
   *
   * @param version its version name
   * @param metrics its metrics
   */
  public record CurrentModel(String version, ModelMetrics metrics) {}
}
