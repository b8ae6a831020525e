package dev.treue.serving.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Liveness, readiness, Prometheus metrics, the published contract, and metrics switched off. */
class HealthAndMetricsTest {

  @Test
  void healthAndMetricsOfARunningService() {
    TestService service = TestService.shared();
    Http anonymous = service.http(null);
    assertEquals(200, anonymous.get("/health/live").status());
    Http.Reply ready = anonymous.get("/health/ready");
    assertEquals(200, ready.status(), ready.toString());
    assertEquals("ready", ready.json().getString("status"));

    service.http().get("/v1/customers/metrics-1/churn-risk");
    service
        .http()
        .post(
            "/v1/events",
            new JsonObject()
                .put("event_id", "m-1")
                .put("customer_id", "metrics-1")
                .put("ts", "2024-06-01T00:00:00Z")
                .put("type", "app_session"));
    service.http().post("/v1/events", "{}");
    String metrics = anonymous.get("/metrics").body();
    for (String expected :
        new String[] {
          "vertx_http_server_requests_total",
          "treue_scoring_latency_seconds_bucket",
          "treue_redis_command_latency_seconds",
          "treue_cache_lookups_total{result=\"miss\"}",
          "treue_events_total{outcome=\"accepted\"}",
          "treue_events_total{outcome=\"rejected\"}",
          "treue_model_info",
          "treue_churn_probability_bucket",
          "jvm_memory_used_bytes"
        }) {
      assertTrue(metrics.contains(expected), expected + " missing from /metrics");
    }
    assertTrue(
        metrics.contains("/customers/:id/churn-risk\"}"),
        "HTTP metrics are tagged with the route template, not the member id: "
            + metrics
                .lines()
                .filter(l -> l.startsWith("vertx_http_server_requests_total"))
                .toList());
    assertTrue(!metrics.contains("metrics-1"), "no member ids in metric tags");

    Http.Reply contract = anonymous.get("/openapi.yaml");
    assertEquals(200, contract.status());
    assertTrue(contract.body().contains("/v1/churn-risk:batch"));
  }

  @Test
  void metricsCanBeSwitchedOff() {
    try (TestService quiet = TestService.start(new JsonObject().put("metrics_enabled", false))) {
      Http http = quiet.http();
      assertEquals(200, http.get("/v1/customers/q-1/churn-risk").status());
      Http.Reply metrics = http.get("/metrics");
      assertEquals(404, metrics.status());
      assertEquals("application/problem+json", metrics.contentType());
    }
  }
}
