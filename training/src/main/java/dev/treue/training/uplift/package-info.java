/**
 * {@code ./treue uplift}: what contacts achieve, measured against the tenant's control group (members held out
 * by {@link dev.treue.core.trigger.Holdout}): retention, purchases and spend of both groups, their differences
 * with confidence intervals, and a plain verdict when the groups are too small to tell.
 */
package dev.treue.training.uplift;
