package dev.treue.training.report;

/**
 * How much one feature matters to the model, in the model's own unit (absolute weight, gain).
 *
 * @param feature feature name as in the feature spec
 * @param value importance; larger = more important
 */
public record FeatureImportance(String feature, double value) {}
