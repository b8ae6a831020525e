/**
 * Calibrators that turn a churn model's raw probability into one that matches observed churn rates
 * (isotonic regression and Platt scaling), with a plain map form so a bundle can store them without
 * a JSON library in core.
 */
package dev.treue.core.calibration;
