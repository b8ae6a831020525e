/**
 * Lifetime value jobs: the per-member purchase summaries the BG/NBD fits on, computed by Spark for
 * any number of members ({@link dev.treue.training.clv.PurchaseSummaries}).
 */
package dev.treue.training.clv;
