package dev.treue.training.churn;

import dev.treue.core.clv.ClvHorizon;
import dev.treue.training.registry.QualityGate;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * What {@code ./treue train churn} was asked to do.
 *
 * @param dataDir folder with customers, events and optionally truth.csv
 * @param cutoffs given cutoffs (latest = validation); empty = derive from the data
 * @param horizonDays label window
 * @param trainingCutoffs monthly training cutoffs to derive when fewer than two cutoffs are given
 * @param registry registry root (any Hadoop-compatible path)
 * @param gate quality gate for promotion
 * @param trees gradient-boosting settings
 * @param maxTrainRows training rows above this are sampled by member
 * @param maxValidRows validation rows above this are sampled by member
 * @param workDir local scratch folder for staging bundles
 * @param clvHorizon the lifetime model's CLV horizon
 * @param lifetimeFeatures whether the model may use the lifetime features (off only to measure what
 *     they add; the bundle carries the lifetime model either way)
 */
public record ChurnTrainingSettings(
    Path dataDir,
    List<LocalDate> cutoffs,
    int horizonDays,
    int trainingCutoffs,
    String registry,
    QualityGate gate,
    CandidateTrainers.TreeSettings trees,
    long maxTrainRows,
    long maxValidRows,
    Path workDir,
    ClvHorizon clvHorizon,
    boolean lifetimeFeatures) {}
