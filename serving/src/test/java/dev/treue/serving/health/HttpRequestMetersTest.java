package dev.treue.serving.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The HTTP server's request meters ({@code HttpRequestMeters}) count every answer once under its
 * method, route template and status, time it, and leave no request active once answered. Runs its
 * own service so that the counts are this test's alone.
 */
class HttpRequestMetersTest {
  private static final String CHURN_ROUTE = "/customers/:id/churn-risk";

  @Test
  void everyAnswerIsCountedOnceByMethodRouteAndStatus() {
    try (TestService service = TestService.start(new JsonObject())) {
      Http http = service.http();
      Http anonymous = service.http(null);
      for (int i = 0; i < 7; i++) {
        assertEquals(200, http.get("/v1/customers/meter-" + i + "/churn-risk").status());
      }
      for (int i = 0; i < 3; i++) {
        assertEquals(401, anonymous.get("/v1/customers/meter-" + i + "/churn-risk").status());
      }
      assertEquals(404, http.get("/nowhere-" + 1).status());
      assertEquals(404, http.get("/nowhere-" + 2).status());
      assertEquals(200, anonymous.get("/health/live").status());
      String metrics = anonymous.get("/metrics").body();

      assertEquals(
          7.0, value(metrics, "vertx_http_server_requests_total", "code=\"200\"", CHURN_ROUTE));
      assertEquals(
          3.0, value(metrics, "vertx_http_server_requests_total", "code=\"401\"", CHURN_ROUTE));
      assertEquals(
          7.0,
          value(
              metrics,
              "vertx_http_server_response_time_seconds_count",
              "code=\"200\"",
              CHURN_ROUTE));
      assertEquals(
          7.0,
          value(metrics, "vertx_http_server_response_bytes_count", "code=\"200\"", CHURN_ROUTE));
      assertTrue(
          value(metrics, "vertx_http_server_response_bytes_sum", "code=\"200\"", CHURN_ROUTE)
              > 7 * 100,
          "seven answers of a churn risk each are longer than 100 bytes");
      // Unmatched paths share the empty route, so made-up paths add no series.
      assertEquals(
          2.0, value(metrics, "vertx_http_server_requests_total", "code=\"404\"", "route=\"\""));
      assertEquals(
          1.0, value(metrics, "vertx_http_server_requests_total", "code=\"200\"", "/health/live"));
      // Only the scrape itself is in flight while it is answered.
      assertEquals(1.0, value(metrics, "vertx_http_server_active_requests", "method=\"GET\""));
      String again = anonymous.get("/metrics").body();
      assertEquals(
          1.0,
          value(again, "vertx_http_server_requests_total", "code=\"200\"", "route=\"/metrics\""));
      assertEquals(1.0, value(again, "vertx_http_server_active_requests", "method=\"GET\""));
    }
  }

  /** The value of the one series of a metric whose line holds every fragment. */
  private static double value(String metrics, String name, String... fragments) {
    Optional<String> line =
        metrics
            .lines()
            .filter(l -> l.startsWith(name + "{"))
            .filter(
                l -> {
                  for (String f : fragments) {
                    if (!l.contains(f)) {
                      return false;
                    }
                  }
                  return true;
                })
            .reduce(
                (a, b) -> {
                  throw new AssertionError("two series of " + name + " match: " + a + " / " + b);
                });
    String found =
        line.orElseThrow(
            () ->
                new AssertionError(
                    name
                        + " with "
                        + String.join(", ", fragments)
                        + " missing: "
                        + metrics.lines().filter(l -> l.startsWith(name)).toList()));
    return Double.parseDouble(found.substring(found.lastIndexOf(' ') + 1));
  }
}
