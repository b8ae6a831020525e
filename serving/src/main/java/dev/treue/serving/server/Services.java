package dev.treue.serving.server;

import dev.treue.serving.atrisk.AtRiskRoutes;
import dev.treue.serving.auth.ApiKeyHandler;
import dev.treue.serving.config.ServingConfig;
import dev.treue.serving.contract.ApiContract;
import dev.treue.serving.events.EventRoutes;
import dev.treue.serving.health.HealthRoutes;
import dev.treue.serving.http.BodyBudget;
import dev.treue.serving.kpis.KpiRoutes;
import dev.treue.serving.members.MemberRoutes;
import dev.treue.serving.metrics.ServingMetrics;
import dev.treue.serving.models.ModelRoutes;
import dev.treue.serving.offers.IssueRoutes;
import dev.treue.serving.offers.OfferRoutes;
import dev.treue.serving.rewards.RewardsRoutes;
import dev.treue.serving.scoring.ScoringRoutes;
import dev.treue.serving.triggers.TriggerRoutes;
import dev.treue.serving.uplift.UpliftRoutes;
import dev.treue.serving.webhooks.WebhookRoutes;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * Everything the HTTP verticles share: one instance per running service, built once, read by every
 * event loop (the handlers are stateless or thread safe).
 *
 * @param config the configuration
 * @param contract the OpenAPI contract and its checks
 * @param auth the API key check
 * @param routes the handlers behind the routes
 * @param bodyBudget the bound on request body bytes buffered at once
 * @param metrics the service's meters
 * @param prometheus the registry {@code /metrics} scrapes, null with metrics off
 */
record Services(
    ServingConfig config,
    ApiContract contract,
    ApiKeyHandler auth,
    Routes routes,
    BodyBudget bodyBudget,
    ServingMetrics metrics,
    PrometheusMeterRegistry prometheus) {

  /**
   * The handlers behind the routes, one per area of the API.
   *
   * @param scoring churn risk, batch, features
   * @param events the events API
   * @param atRisk at-risk lists
   * @param members export and erase
   * @param models model information and reload
   * @param offers the catalogue admin operations
   * @param issue issuing offers to members
   * @param rewards ranked rewards
   * @param health liveness and readiness
   * @param kpis the programme KPIs
   * @param triggers the trigger settings
   * @param webhooks webhook subscriptions and their delivery log
   * @param uplift the stored uplift result
   */
  record Routes(
      ScoringRoutes scoring,
      EventRoutes events,
      AtRiskRoutes atRisk,
      MemberRoutes members,
      ModelRoutes models,
      OfferRoutes offers,
      IssueRoutes issue,
      RewardsRoutes rewards,
      HealthRoutes health,
      KpiRoutes kpis,
      TriggerRoutes triggers,
      WebhookRoutes webhooks,
      UpliftRoutes uplift) {}
}
