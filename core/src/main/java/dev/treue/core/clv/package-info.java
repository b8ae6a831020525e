/**
 * Customer lifetime value: the BG/NBD purchase and dropout model ({@link dev.treue.core.clv.BgNbd},
 * fitted by {@link dev.treue.core.clv.BgNbdFit}) and the Gamma-Gamma spend model
 * ({@link dev.treue.core.clv.GammaGamma}, {@link dev.treue.core.clv.GammaGammaFit}) on per-member
 * summaries ({@link dev.treue.core.clv.PurchaseSummary}), combined into a
 * {@link dev.treue.core.clv.LifetimeModel} that values a member over a discounted horizon. No Spark:
 * the summaries may come from a Spark job, the fits run on them anywhere, grouped and on all cores.
 * The Pareto/NBD ({@link dev.treue.core.clv.ParetoNbd}, fitted by
 * {@link dev.treue.core.clv.ParetoNbdFit}) is here too, for comparison: its members can drop out at
 * any moment rather than only after a purchase.
 */
package dev.treue.core.clv;
