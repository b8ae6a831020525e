package dev.treue.serving.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defaults, file, environment overrides, and start-up validation that names every problem. */
class ServingConfigTest {

  @Test
  void defaultsAreDocumentedValues() {
    ServingConfig c = ServingConfig.defaults();
    assertEquals(8080, c.http().port());
    assertNull(c.redis().url());
    assertEquals(Duration.ofMillis(500), c.redis().timeout());
    assertEquals(Duration.ofSeconds(30), c.models().pollInterval());
    assertEquals(Duration.ofDays(2), c.scoring().maxStateAge());
    assertEquals("system", c.scoring().clock().text());
    assertTrue(c.metricsEnabled());
    assertEquals(Path.of("models"), c.models().registry());
  }

  @Test
  void theEnvironmentOverridesTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("treue.json");
    Files.writeString(
        file,
        new JsonObject()
            .put("port", 9000)
            .put("redis_url", "redis://10.0.0.1:6379")
            .put("clock", "2024-06-30")
            .encode());
    ServingConfig c =
        ServingConfig.load(
            file,
            Map.of(
                "TREUE_PORT",
                "9100",
                "TREUE_REGISTRY",
                "/srv/models",
                "TREUE_METRICS_ENABLED",
                "false"));
    assertEquals(9100, c.http().port());
    assertEquals("redis://10.0.0.1:6379", c.redis().url());
    assertEquals(Path.of("/srv/models"), c.models().registry());
    assertEquals(false, c.metricsEnabled());
    assertEquals("2024-06-30T23:59:59.999Z", c.scoring().clock().clock().instant().toString());
  }

  @Test
  void theCurrencyOfMoneyInReasonsIsConfigurable() {
    assertEquals("EUR", ServingConfig.defaults().scoring().currency().getCurrencyCode());
    assertEquals(
        "GBP",
        ServingConfig.fromJson(new JsonObject().put("currency", "GBP"), Map.of(), "test.json")
            .scoring()
            .currency()
            .getCurrencyCode());
    assertEquals(
        "USD",
        ServingConfig.fromJson(new JsonObject(), Map.of("TREUE_CURRENCY", "USD"), "env")
            .scoring()
            .currency()
            .getCurrencyCode());
    String m =
        assertThrows(
                ConfigException.class,
                () ->
                    ServingConfig.fromJson(
                        new JsonObject().put("currency", "euro"), Map.of(), "test.json"))
            .getMessage();
    assertTrue(m.contains("currency: euro is not an ISO 4217 currency code"), m);
  }

  @Test
  void theRankingPolicyIsConfigurable() {
    assertEquals(
        dev.treue.core.offers.RankingPolicy.defaults(),
        ServingConfig.defaults().rewards().rankingPolicy());
    JsonObject file =
        new JsonObject()
            .put("ranking_objective", "redemptions")
            .put("margin_rate", 0.25)
            .put("default_basket", 12.5)
            .put("retention_threshold", 0.6)
            .put("retention_weight", 2)
            .put("exploration_share", 0);
    dev.treue.core.offers.RankingPolicy p =
        ServingConfig.fromJson(file, Map.of(), "test.json").rewards().rankingPolicy();
    assertEquals(
        new dev.treue.core.offers.RankingPolicy(
            dev.treue.core.offers.RankingObjective.REDEMPTIONS, 0.25, 12.5, 0.6, 2.0, 0.0),
        p);
    JsonObject bad =
        new JsonObject()
            .put("ranking_objective", "profit")
            .put("retention_weight", -1)
            .put("exploration_share", 1.5);
    String m =
        assertThrows(
                ConfigException.class, () -> ServingConfig.fromJson(bad, Map.of(), "test.json"))
            .getMessage();
    for (String expected :
        new String[] {
          "ranking objective 'profit' is not known (expected expected_profit",
          "retention_weight: -1.0 is out of range",
          "exploration_share: 1.5 is out of range"
        }) {
      assertTrue(m.contains(expected), "'" + expected + "' missing from:\n" + m);
    }
  }

  @Test
  void everyProblemIsReportedWithTheKeyAndWhatWasExpected() {
    JsonObject bad =
        new JsonObject()
            .put("port", 70_000)
            .put("redis_url", "http://x")
            .put("redis_timeout", "fast")
            .put("clock", "tomorrow")
            .put("colour", "blue")
            .put(
                "api_keys",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("id", "k")
                            .put("sha256", "abc")
                            .put("tenant", "Acme!")
                            .put("scopes", new JsonArray().add("score").add("root"))));
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> ServingConfig.fromJson(bad, Map.of(), "test.json"));
    String m = e.getMessage();
    for (String expected :
        new String[] {
          "port: 70000 is out of range",
          "redis_url:",
          "redis_timeout: 'fast' is not an" + " ISO-8601 duration",
          "clock 'tomorrow'",
          "unknown key 'colour'",
          "api_keys[0].sha256: expected 64 hex",
          "api_keys[0].tenant: 'Acme!'",
          "unknown scope 'root'"
        }) {
      assertTrue(m.contains(expected), "'" + expected + "' missing from:\n" + m);
    }
  }

  @Test
  void theFrontDoorLimitsHaveDefaultsAndTheBudgetMustHoldOneBody() {
    ServingConfig d = ServingConfig.defaults();
    assertEquals(64L * 1024 * 1024, d.http().bodyBudgetBytes());
    assertEquals(Duration.ofSeconds(10), d.http().requestReadTimeout());
    assertEquals(Duration.ofSeconds(30), d.http().idleTimeout());
    JsonObject small =
        new JsonObject().put("body_limit_bytes", 1_048_576).put("body_budget_bytes", 4_096);
    String m =
        assertThrows(ConfigException.class, () -> ServingConfig.fromJson(small, Map.of(), "t.json"))
            .getMessage();
    assertTrue(m.contains("body_budget_bytes") && m.contains("body_limit_bytes"), m);
    ServingConfig env =
        ServingConfig.fromJson(
            new JsonObject(),
            Map.of("TREUE_REQUEST_READ_TIMEOUT", "PT2S", "TREUE_IDLE_TIMEOUT", "PT5S"),
            "env");
    assertEquals(Duration.ofSeconds(2), env.http().requestReadTimeout());
    assertEquals(Duration.ofSeconds(5), env.http().idleTimeout());
  }

  @Test
  void anUnreadableFileIsAClearError(@TempDir Path dir) throws Exception {
    ConfigException missing =
        assertThrows(
            ConfigException.class, () -> ServingConfig.load(dir.resolve("nope.json"), Map.of()));
    assertTrue(missing.getMessage().contains("nope.json"));
    Path broken = Files.writeString(dir.resolve("broken.json"), "{port: ");
    ConfigException notJson =
        assertThrows(ConfigException.class, () -> ServingConfig.load(broken, Map.of()));
    assertTrue(notJson.getMessage().contains("not a JSON object"), notJson.getMessage());
  }
}
