/**
 * Customer lifetime value: the BG/NBD purchase and dropout model ({@link dev.treue.core.clv.BgNbd}),
 * fitted by maximum likelihood ({@link dev.treue.core.clv.BgNbdFit}) on per-member summaries
 * ({@link dev.treue.core.clv.PurchaseSummary}), with the special functions it needs. No Spark: the
 * summaries may come from a Spark job, the fit runs on them anywhere. The Pareto/NBD
 * ({@link dev.treue.core.clv.ParetoNbd}, fitted by {@link dev.treue.core.clv.ParetoNbdFit}) is here
 * too, for comparison: its members can drop out at any moment rather than only after a purchase.
 */
package dev.treue.core.clv;
