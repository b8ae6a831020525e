package dev.treue.serving;

import dev.treue.serving.auth.ApiKeys;
import dev.treue.serving.config.ServingConfig;
import dev.treue.serving.server.RunningServer;
import dev.treue.serving.server.TreueServer;
import dev.treue.store.RedisKeys;
import dev.treue.store.RedisTestServers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;

/**
 * A running service for tests: a real Redis (embedded, or {@code TREUE_REDIS_URL}), a registry with
 * a trained model, a fixed clock (2024-06-30) and API keys for a few tenants. {@link #shared()} is
 * started once per test JVM; tests that stop Redis or change config start their own.
 */
public final class TestService implements AutoCloseable {
  /** The fixed day of the service clock. */
  public static final String TODAY = "2024-06-30";

  public static final String ACME_ALL = "acme-secret-all";
  public static final String ACME_SCORE = "acme-secret-score";
  public static final String ACME_LISTS = "acme-secret-lists";
  public static final String GLOBEX_ALL = "globex-secret-all";
  public static final String FUZZ_ALL = "fuzz-secret-all";

  /** All scopes on the tenant {@code initech}, whose at-risk list only {@code AtRiskApiTest} writes. */
  public static final String INITECH_ALL = "initech-secret-all";

  /** All scopes on the tenant {@code umbrella}, whose members only {@code ValueAtRiskApiTest} creates. */
  public static final String UMBRELLA_ALL = "umbrella-secret-all";

  /** All scopes on the tenant {@code hooli}, whose members only {@code AtRiskStatusListTest} creates. */
  public static final String HOOLI_ALL = "hooli-secret-all";

  private static TestService shared;

  public final RedisTestServers.Single redis;
  public final Path registry;
  public final RunningServer server;
  public final UnifiedJedis jedis;

  private TestService(RedisTestServers.Single redis, Path registry, RunningServer server) {
    this.redis = redis;
    this.registry = registry;
    this.server = server;
    this.jedis = RedisTestServers.connect(server.redisUrl());
  }

  /** The service shared by the API tests. */
  public static synchronized TestService shared() {
    if (shared == null) {
      shared = start(new JsonObject());
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
    }
    return shared;
  }

  /** A fresh service on its own Redis, with extra config keys, a churn and an offer model. */
  public static TestService start(JsonObject extra) {
    return start(extra, true);
  }

  /** A fresh service on its own Redis, with extra config keys; with or without an offer model. */
  public static TestService start(JsonObject extra, boolean offerModel) {
    RedisTestServers.Single redis =
        extra.containsKey("redis_url") ? null : RedisTestServers.single();
    Path registry;
    try {
      registry =
          TestModels.registry(
              Files.createTempDirectory("treue-registry"), "20240601-000000-aaaaaa");
      if (offerModel) {
        TestOfferModels.write(registry, TestOfferModels.VERSION);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JsonObject config =
        new JsonObject()
            .put("port", 0)
            .put("redis_url", redis == null ? extra.getString("redis_url") : redis.url())
            .put("registry", registry.toString())
            .put("clock", TODAY)
            .put("model_poll_interval", "PT0.2S")
            .put("event_loops", 2)
            .put("worker_pool_size", 8)
            .put("redis_timeout", "PT0.5S")
            .put("body_limit_bytes", 262_144)
            .put("exploration_share", 0)
            // No warm-up unless a test asks for one: readiness at once, no thread beside the tests.
            .put("warmup", "PT0S")
            .put(
                "api_keys",
                new JsonArray()
                    .add(key("acme-all", ACME_ALL, "acme", "score", "events", "lists", "admin"))
                    .add(key("acme-score", ACME_SCORE, "acme", "score"))
                    .add(key("acme-lists", ACME_LISTS, "acme", "lists"))
                    .add(
                        key(
                            "globex-all",
                            GLOBEX_ALL,
                            "globex",
                            "score",
                            "events",
                            "lists",
                            "admin"))
                    .add(key("fuzz-all", FUZZ_ALL, "fuzz", "score", "events", "lists", "admin"))
                    .add(
                        key(
                            "initech-all",
                            INITECH_ALL,
                            "initech",
                            "score",
                            "events",
                            "lists",
                            "admin"))
                    .add(key("hooli-all", HOOLI_ALL, "hooli", "score", "events", "lists", "admin"))
                    .add(
                        key(
                            "umbrella-all",
                            UMBRELLA_ALL,
                            "umbrella",
                            "score",
                            "events",
                            "lists",
                            "admin")));
    extra.forEach(e -> config.put(e.getKey(), e.getValue()));
    RunningServer server = TreueServer.start(ServingConfig.fromJson(config, Map.of(), "test"));
    return new TestService(redis, registry, server);
  }

  private static JsonObject key(String id, String secret, String tenant, String... scopes) {
    return new JsonObject()
        .put("id", id)
        .put("sha256", ApiKeys.sha256(secret))
        .put("tenant", tenant)
        .put("scopes", new JsonArray(java.util.List.of((Object[]) scopes)));
  }

  /** A client with the acme all-scopes key. */
  public Http http() {
    return new Http(server.baseUrl(), ACME_ALL);
  }

  /** A client with a given key. */
  public Http http(String key) {
    return new Http(server.baseUrl(), key);
  }

  /** Redis keys of a tenant. */
  public static RedisKeys keys(String tenant) {
    return RedisKeys.forTenant(tenant);
  }

  @Override
  public void close() {
    server.close();
    jedis.close();
    if (redis != null) {
      redis.close();
    }
    TestModels.delete(registry);
  }
}
