/**
 * {@code GET /v1/kpis}: the tenant's programme KPIs as {@code ./treue kpis} stored them, filtered by period, tier and
 * segment, as JSON or a spreadsheet CSV.
 */
package dev.treue.serving.kpis;
