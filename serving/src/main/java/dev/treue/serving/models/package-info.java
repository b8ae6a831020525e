/**
 * The served churn model: loading and checking bundles from the registry, polling CURRENT, atomic
 * swaps, admin reloads.
 */
package dev.treue.serving.models;
