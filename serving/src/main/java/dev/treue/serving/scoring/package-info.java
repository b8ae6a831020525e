/** Churn risk for "now" from the stored member state: single, batch, and the feature vector. */
package dev.treue.serving.scoring;
