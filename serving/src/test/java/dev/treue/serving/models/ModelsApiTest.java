package dev.treue.serving.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.clv.LifetimeParameters;
import dev.treue.core.feature.ChurnFeatures;
import dev.treue.serving.Http;
import dev.treue.serving.TestModels;
import dev.treue.serving.TestService;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Models: what is served, admin reload, polling of CURRENT, and refusal of broken bundles while the
 * old model keeps serving. Runs its own service, because it changes the registry.
 */
class ModelsApiTest {
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

  private static String served() {
    return http.get("/v1/models").json().getJsonObject("active").getString("version");
  }

  private static void waitFor(java.util.function.BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  @Test
  void modelsLifecycle() throws Exception {
    JsonObject models = http.get("/v1/models").json();
    JsonObject active = models.getJsonObject("active");
    assertEquals("20240601-000000-aaaaaa", active.getString("version"));
    assertEquals(TestModels.BASE_RATE, active.getDouble("training_base_rate"));
    assertEquals("logistic", active.getString("model_name"));
    assertEquals(
        LifetimeParameters.toMap(TestModels.scorer().lifetime()),
        LifetimeParameters.toMap(
            LifetimeParameters.fromMap(active.getJsonObject("lifetime").getMap())),
        "the lifetime model the bundle carries");

    // A broken bundle promoted: the admin reload refuses it with the reason, the old model serves
    // on.
    TestModels.writeBrokenVersion(service.registry, "20240602-000000-bbbbbb");
    TestModels.promote(service.registry, "20240602-000000-bbbbbb");
    Http.Reply refused = http.post("/v1/admin/models:reload", "");
    assertEquals(422, refused.status(), refused.toString());
    assertEquals("application/problem+json", refused.contentType());
    assertTrue(
        refused.json().getString("detail").contains("20240602-000000-bbbbbb"), refused.toString());
    assertTrue(
        refused.json().getString("detail").contains("still serving 20240601-000000-aaaaaa"),
        refused.toString());
    assertEquals("20240601-000000-aaaaaa", served());
    assertEquals(200, http.get("/v1/customers/any-1/churn-risk").status());
    JsonObject lastRefused = http.get("/v1/models").json().getJsonObject("last_refused");
    assertNotNull(lastRefused);
    assertEquals("20240602-000000-bbbbbb", lastRefused.getString("version"));

    // A bundle trained on another feature spec is refused too.
    Path other = TestModels.writeVersion(service.registry, "20240603-000000-cccccc");
    Path bundle = other.resolve("bundle.json");
    Files.writeString(
        bundle,
        Files.readString(bundle).replace(ChurnFeatures.SPEC.version(), "churn-features/v0"));
    TestModels.promote(service.registry, "20240603-000000-cccccc");
    Http.Reply spec = http.post("/v1/admin/models:reload", "");
    assertEquals(422, spec.status());
    assertTrue(spec.json().getString("detail").contains("feature spec"), spec.toString());

    // A bundle without a lifetime model cannot fill the lifetime features it was trained on:
    // refused.
    Path noLifetime = TestModels.writeVersion(service.registry, "20240603-000000-c2c2c2");
    JsonObject withoutLifetime =
        new JsonObject(Files.readString(noLifetime.resolve("bundle.json")));
    withoutLifetime.remove("lifetime");
    Files.writeString(noLifetime.resolve("bundle.json"), withoutLifetime.encode());
    TestModels.promote(service.registry, "20240603-000000-c2c2c2");
    Http.Reply lifetime = http.post("/v1/admin/models:reload", "");
    assertEquals(422, lifetime.status());
    assertTrue(lifetime.json().getString("detail").contains("lifetime"), lifetime.toString());

    // A bundle without a usable base rate cannot give honest cold starts: refused.
    Path noRate = TestModels.writeVersion(service.registry, "20240604-000000-dddddd");
    Files.writeString(noRate.resolve("metrics.json"), "{\"auc\": 0.8}");
    JsonObject withoutRate = new JsonObject(Files.readString(noRate.resolve("bundle.json")));
    withoutRate.remove("training_base_rate");
    Files.writeString(noRate.resolve("bundle.json"), withoutRate.encode());
    TestModels.promote(service.registry, "20240604-000000-dddddd");
    assertEquals(422, http.post("/v1/admin/models:reload", "").status());

    // A good version promoted is noticed by the poll, with no reload call.
    String metricsBefore = http.get("/metrics").body();
    TestModels.writeVersion(service.registry, "20240605-000000-eeeeee");
    TestModels.promote(service.registry, "20240605-000000-eeeeee");
    waitFor(() -> "20240605-000000-eeeeee".equals(served()), "the poll to load the new model");
    assertEquals(
        "20240605-000000-eeeeee",
        http.get("/v1/customers/any-2/churn-risk").json().getString("model_version"));
    String metricsAfter = http.get("/metrics").body();
    assertTrue(
        metricsAfter.contains(
            "treue_model_info{model=\"logistic\",version=\"20240605-000000-eeeeee\"} 1"),
        metricsAfter.lines().filter(l -> l.startsWith("treue_model")).toList().toString());
    assertTrue(metricsBefore.contains("treue_model_refused_total"), "refusals are counted");

    // A broken bundle noticed by the poll is refused and counted; the good model keeps serving.
    TestModels.writeBrokenVersion(service.registry, "20240606-000000-ffffff");
    TestModels.promote(service.registry, "20240606-000000-ffffff");
    waitFor(
        () -> {
          JsonObject r = http.get("/v1/models").json().getJsonObject("last_refused");
          return r != null && "20240606-000000-ffffff".equals(r.getString("version"));
        },
        "the poll to refuse the broken model");
    assertEquals("20240605-000000-eeeeee", served());
    assertTrue(http.get("/metrics").body().contains("treue_model_refused_total{source=\"poll\"}"));

    // Reload with a good CURRENT answers the model now served.
    TestModels.promote(service.registry, "20240601-000000-aaaaaa");
    Http.Reply ok = http.post("/v1/admin/models:reload", "");
    assertEquals(200, ok.status(), ok.toString());
    assertEquals("20240601-000000-aaaaaa", ok.json().getJsonObject("active").getString("version"));
    assertEquals("20240605-000000-eeeeee", ok.json().getString("previous_version"));
  }
}
