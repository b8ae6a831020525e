package dev.treue.training.triggers;

import dev.treue.core.churn.ChurnScorer;
import dev.treue.training.score.RetentionSettings;

/**
 * The models a sweep fills its firing payloads with, on the driver (the job broadcasts them): the
 * churn model scores each member with something due as {@code materialize} scores the at-risk list,
 * and the offers model, when there is one, ranks the member's {@code best_reward}.
 *
 * @param version the churn model's version ({@code model_version} of the payloads)
 * @param scorer the churn model, its reasons in the payloads' language and currency
 * @param retention the offers model, catalogue and policy, or null: {@code best_reward} is null
 * @param reasonsFrom members from this churn probability up get reasons, as in {@code materialize}
 */
public record SweepModels(
    String version, ChurnScorer scorer, RetentionSettings retention, double reasonsFrom) {}
