/** Members, tiers and {@link dev.treue.core.customer.CustomerState}: the raw facts kept per member. */
package dev.treue.core.customer;
