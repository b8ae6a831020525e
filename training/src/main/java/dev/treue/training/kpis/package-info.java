/**
 * {@code ./treue kpis}: the programme KPIs of {@link dev.treue.core.kpi.Kpi} per period, overall, by tier and by
 * segment, with cohort retention curves, computed on Spark from one replay of each member's history and written
 * as {@code kpis.json}, {@code kpis.csv} and, with {@code --redis}, the tenant's KPI document in Redis.
 */
package dev.treue.training.kpis;
