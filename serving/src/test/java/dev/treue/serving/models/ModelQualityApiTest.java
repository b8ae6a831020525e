package dev.treue.serving.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.registry.BundleFormat;
import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/models/quality}: the served bundle's metrics, calibration and targeting table, and
 * the change against the version registered before it. Runs its own service: it writes into the
 * registry.
 */
class ModelQualityApiTest {
  private static final String SERVED = "20240601-000000-aaaaaa";
  private static TestService service;
  private static Http http;

  @BeforeAll
  static void start() {
    service = TestService.start(new JsonObject());
    http = service.http();
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void theServedBundleIsShownBesideTheVersionBeforeIt() throws Exception {
    Path churn = service.registry.resolve("churn");
    // A version registered earlier (never promoted) and one registered later than the served one.
    Files.createDirectories(churn.resolve("20240501-000000-a0a0a0"));
    Files.writeString(
        churn.resolve("20240501-000000-a0a0a0").resolve(BundleFormat.METRICS),
        "{\"auc\": 0.75, \"log_loss\": 0.5}");
    Files.createDirectories(churn.resolve("20240701-000000-b0b0b0"));
    Files.writeString(
        churn.resolve("20240701-000000-b0b0b0").resolve(BundleFormat.METRICS), "{\"auc\": 0.99}");
    Path served = churn.resolve(SERVED);
    JsonObject targeting =
        new JsonObject()
            .put("members", 2)
            .put(
                "steps",
                new JsonArray()
                    .add(new JsonObject().put("percent", 50).put("churners_reached", 1.0)));
    Files.writeString(served.resolve(BundleFormat.TARGETING), targeting.encode());
    JsonObject calibration = new JsonObject().put("after", new JsonObject().put("bins", 3));
    Files.writeString(
        served.resolve(BundleFormat.REPORT_JSON),
        new JsonObject().put("calibration", calibration).encode());

    Http.Reply reply = http.get("/v1/models/quality");
    assertEquals(200, reply.status(), reply.toString());
    JsonObject quality = reply.json().getJsonObject("churn");
    assertEquals(SERVED, quality.getString("version"));
    assertEquals("20240501-000000-a0a0a0", quality.getString("previous_version"));
    double auc = quality.getJsonObject("metrics").getDouble("auc");
    assertEquals(auc - 0.75, quality.getJsonObject("changes").getDouble("auc"), 1e-12);
    // A metric the older version lacks has no change to show.
    assertTrue(quality.getJsonObject("changes").containsKey("brier"));
    assertNull(quality.getJsonObject("changes").getValue("brier"));
    assertEquals(targeting, quality.getJsonObject("targeting"));
    assertEquals(calibration, quality.getJsonObject("calibration"));
    assertTrue(reply.json().containsKey("offers"), reply.toString());
  }

  @Test
  void aBundleFromAnOlderBuildHasNoTargetingTableAndStillAnswers() throws Exception {
    Path served = service.registry.resolve("churn").resolve(SERVED);
    Files.deleteIfExists(served.resolve(BundleFormat.TARGETING));
    Files.writeString(served.resolve(BundleFormat.REPORT_JSON), "{not json");
    Http.Reply reply = http.get("/v1/models/quality");
    assertEquals(200, reply.status(), reply.toString());
    JsonObject quality = reply.json().getJsonObject("churn");
    assertNull(quality.getValue("targeting"));
    assertNull(quality.getValue("calibration"));
    assertEquals(SERVED, quality.getString("version"));
  }

  @Test
  void withoutAKeyTheQualityPageIsRefused() {
    Http.Reply reply = http.as(null).get("/v1/models/quality");
    assertEquals(401, reply.status(), reply.toString());
    assertEquals("application/problem+json", reply.contentType());
  }

  @Test
  void previousIsTheNewestOlderVersion() {
    assertEquals(
        "20240102-000000-000002",
        ModelQuality.previous(
            java.util.List.of(
                "20240101-000000-000001",
                "20240301-000000-000003",
                "20240102-000000-000002",
                "20240201-000000-000009"),
            "20240201-000000-000009"));
    assertNull(
        ModelQuality.previous(
            java.util.List.of("20240201-000000-000009"), "20240201-000000-000009"));
  }
}
