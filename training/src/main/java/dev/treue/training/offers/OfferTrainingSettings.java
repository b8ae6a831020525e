package dev.treue.training.offers;

import dev.treue.training.registry.QualityGate;
import java.nio.file.Path;

/**
 * What {@code ./treue train offers} was asked to do.
 *
 * @param data the data folder as given ({@code --data}): a local folder or a Hadoop URI; it holds
 *     customers, events, offers and optionally impressions and offer_truth.csv
 * @param evalDays the evaluation window: exposures sent in the data's last {@code evalDays} days
 * @param registry registry root (any Hadoop-compatible path)
 * @param gate quality gate for promotion
 * @param trees trees of the boosted candidates and the seed
 * @param workDir local scratch folder for staging bundles
 */
public record OfferTrainingSettings(
    String data,
    int evalDays,
    String registry,
    QualityGate gate,
    OfferCandidates.TreeSettings trees,
    Path workDir) {}
