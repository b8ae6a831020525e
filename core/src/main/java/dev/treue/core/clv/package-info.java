/**
 * Customer lifetime value: the BG/NBD purchase and dropout model ({@link dev.treue.core.clv.BgNbd}),
 * fitted by maximum likelihood ({@link dev.treue.core.clv.BgNbdFit}) on per-member summaries
 * ({@link dev.treue.core.clv.PurchaseSummary}), with the special functions it needs. No Spark: the
 * summaries may come from a Spark job, the fit runs on them anywhere.
 */
package dev.treue.core.clv;
