package dev.treue.training.clv;

import dev.treue.core.clv.ClvHorizon;
import dev.treue.training.registry.QualityGate;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * What {@code train clv} was asked to do.
 *
 * @param data the data folder as given ({@code --data}): a local folder or a Hadoop URI
 * @param calibrationEnd last day (inclusive) of the history the models are fitted on
 * @param unit the time unit of the BG/NBD
 * @param horizon the CLV horizon the published model values members over
 * @param registry the model registry root
 * @param gate decides whether the new version becomes current
 * @param workDir local scratch folder (staging)
 */
public record ClvTrainingSettings(
    String data,
    LocalDate calibrationEnd,
    ClvTimeUnit unit,
    ClvHorizon horizon,
    String registry,
    QualityGate gate,
    Path workDir) {}
