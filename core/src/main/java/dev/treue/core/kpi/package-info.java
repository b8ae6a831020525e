/**
 * The programme KPIs: {@link dev.treue.core.kpi.Kpi} is the one list of them, with their wire names, kinds and
 * one-sentence definitions in English and German, shared by the batch job, the API, the dashboard and the README.
 */
package dev.treue.core.kpi;
