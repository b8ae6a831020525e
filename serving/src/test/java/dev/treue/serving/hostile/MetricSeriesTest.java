package dev.treue.serving.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Request-chosen values must not become metric label values: made-up methods, unknown paths,
 * tenants, request ids, query strings and malformed requests add no series to {@code /metrics} once
 * each kind of answer has been seen. Runs its own service so no other test adds series meanwhile.
 */
class MetricSeriesTest {
  @Test
  void madeUpRequestValuesAddNoSeries() {
    try (TestService service = TestService.start(new io.vertx.core.json.JsonObject())) {
      Http http = service.http();
      series(http); // the first scrape adds the scrape's own series
      hostileRound(service, http, "a");
      Set<String> first = series(http);
      hostileRound(service, http, "b");
      Set<String> second = series(http);
      Set<String> added = new TreeSet<>(second);
      added.removeAll(first);
      assertEquals(Set.of(), added, "a second round of different made-up values added series");
      long methodValues = first.stream().filter(s -> s.contains("MADEUP")).count();
      assertEquals(0, methodValues, "made-up methods are no label values");
      assertTrue(first.size() < 2_000, "series after hostile traffic: " + first.size());
    }
  }

  private static void hostileRound(TestService service, Http http, String round) {
    for (int i = 0; i < 60; i++) {
      String v = round + i;
      http.send(
          "MADEUP" + v.toUpperCase(), "/v1/customers/c" + v + "/churn-risk", null, null, null);
      http.send("MADEUP" + v.toUpperCase(), "/health/live", null, null, null);
      http.get("/v1/nowhere/" + v);
      http.get("/" + v + "/x?y=" + v);
      http.get("/v1/customers/c" + v + "/churn-risk?as_of=" + v);
      http.get("/v1/customers/c" + v + "/churn-risk", "X-Tenant", "t" + v);
      http.get("/v1/customers/c" + v + "/churn-risk", "X-Request-Id", "r" + v);
      http.as("key-" + v).get("/v1/customers/c" + v + "/churn-risk");
      http.send("DELETE", "/v1/models", null, null, null);
      http.send("POST", "/v1/events", "text/" + v, "{}".getBytes(StandardCharsets.UTF_8), null);
      try (FrontDoorSocket s = new FrontDoorSocket(service.server.port())) {
        s.send("G\u0000T /" + v + " HTTP/1.1\r\nHost: x\r\n\r\n").readAll(2_000);
      }
    }
  }

  /**
   * The service's and Vert.x's series, names with labels (JVM series are left out: a garbage
   * collection may add one at any time).
   */
  private static Set<String> series(Http http) {
    Http.Reply metrics = http.get("/metrics");
    assertEquals(200, metrics.status());
    Set<String> out = new TreeSet<>();
    for (String line : metrics.body().split("\n")) {
      if (line.startsWith("vertx_") || line.startsWith("treue_")) {
        out.add(line.substring(0, line.lastIndexOf(' ')));
      }
    }
    return out;
  }
}
