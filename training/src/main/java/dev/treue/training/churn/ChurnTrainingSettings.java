package dev.treue.training.churn;

import dev.treue.core.clv.ClvHorizon;
import dev.treue.training.registry.QualityGate;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;

/**
 * What {@code ./treue train churn} was asked to do, grouped by the step that reads it.
 *
 * @param data the data folder as given ({@code --data}): a local folder or a Hadoop URI; it holds
 *     customers, events and optionally truth.csv
 * @param timeline which cutoffs and which label window
 * @param model what the candidates may use and how the trees are grown
 * @param rows how many snapshot rows training and validation keep
 * @param publication where and under which gate the bundle is published
 * @param population which members are trained on and how few are too few
 */
public record ChurnTrainingSettings(
    String data,
    Timeline timeline,
    ModelChoice model,
    RowLimits rows,
    Publication publication,
    Population population) {

  /**
   * Who the model is for ({@code MemberStatus}), and the floor below which training refuses.
   *
   * @param activeDays activity window: active = a purchase in the last {@code activeDays} days
   * @param activeOnly train, calibrate and validate on active members only (false only to compare
   *     with the behaviour before issue 13)
   * @param minActiveMembers fewest active members a cutoff needs to be used (the validation cutoff
   *     to train at all)
   * @param minTrainingCutoffs fewest usable training cutoffs to train at all
   */
  public record Population(
      int activeDays, boolean activeOnly, int minActiveMembers, int minTrainingCutoffs) {
    public Population {
      if (activeDays < 1) {
        throw new IllegalArgumentException("--active-days must be at least 1, got " + activeDays);
      }
      if (minActiveMembers < 1) {
        throw new IllegalArgumentException(
            "--min-active-members must be at least 1, got " + minActiveMembers);
      }
      if (minTrainingCutoffs < 1) {
        throw new IllegalArgumentException(
            "--min-train-cutoffs must be at least 1, got " + minTrainingCutoffs);
      }
    }
  }

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
   * @param reportCurrency the programme currency money in the report's reasons is shown in
   */
  public record Publication(
      String registry, QualityGate gate, Path workDir, Currency reportCurrency) {}
}
