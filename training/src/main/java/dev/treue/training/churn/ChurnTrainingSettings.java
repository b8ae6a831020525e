package dev.treue.training.churn;

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
    Path workDir) {}
