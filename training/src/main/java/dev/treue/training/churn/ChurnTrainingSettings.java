package dev.treue.training.churn;

import dev.treue.core.clv.ClvHorizon;
import dev.treue.training.registry.QualityGate;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * What {@code ./treue train churn} was asked to do, grouped by the step that reads it.
 *
 * @param dataDir folder with customers, events and optionally truth.csv
 * @param timeline which cutoffs and which label window
 * @param model what the candidates may use and how the trees are grown
 * @param rows how many snapshot rows training and validation keep
 * @param publication where and under which gate the bundle is published
 */
public record ChurnTrainingSettings(
    Path dataDir, Timeline timeline, ModelChoice model, RowLimits rows, Publication publication) {

  /**
   * The cutoffs and the label window.
   *
   * @param cutoffs given cutoffs (latest = validation); empty = derive from the data
   * @param horizonDays label window: churn = no purchase in (cutoff, cutoff + horizonDays]
   * @param trainingCutoffs monthly training cutoffs to derive when fewer than two cutoffs are given
   */
  public record Timeline(List<LocalDate> cutoffs, int horizonDays, int trainingCutoffs) {
    public Timeline {
      cutoffs = List.copyOf(cutoffs);
    }
  }

  /**
   * What the candidates are.
   *
   * @param trees gradient-boosting settings
   * @param clvHorizon the lifetime model's CLV horizon
   * @param lifetimeFeatures whether the model may use the lifetime features (off only to measure what
   *     they add; the bundle carries the lifetime model either way)
   */
  public record ModelChoice(
      CandidateTrainers.TreeSettings trees, ClvHorizon clvHorizon, boolean lifetimeFeatures) {}

  /**
   * Row budgets: above them, rows are sampled by member.
   *
   * @param maxTrainRows training rows kept at most
   * @param maxValidRows validation rows kept at most
   */
  public record RowLimits(long maxTrainRows, long maxValidRows) {}

  /**
   * Where the bundle goes.
   *
   * @param registry registry root (any Hadoop-compatible path)
   * @param gate quality gate for promotion
   * @param workDir local scratch folder for staging bundles
   */
  public record Publication(String registry, QualityGate gate, Path workDir) {}
}
