/**
 * The one definition of features: {@link dev.treue.core.feature.ChurnFeatures} turns a
 * {@link dev.treue.core.customer.CustomerState} into the vector that Spark trains on and the
 * service scores.
 */
package dev.treue.core.feature;
