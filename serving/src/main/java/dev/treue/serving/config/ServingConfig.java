package dev.treue.serving.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.treue.core.offer.RankingObjective;
import dev.treue.core.offer.RankingPolicy;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The service configuration: a JSON file of the keys below (all optional), then environment
 * overrides {@code TREUE_<KEY>} (upper case, e.g. {@code TREUE_REDIS_URL}, {@code TREUE_PORT},
 * {@code TREUE_REGISTRY}), validated at start-up; every problem is reported at once.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>host</td><td>0.0.0.0</td><td>interface to listen on</td></tr>
 *   <tr><td>port</td><td>8080</td><td>HTTP port, 0 for any free port</td></tr>
 *   <tr><td>redis_url</td><td>none</td><td>{@code redis://host:port[/db]} or {@code redis-cluster://h:p,h:p};
 *       none starts an embedded Redis</td></tr>
 *   <tr><td>redis_timeout</td><td>PT0.5S</td><td>connect, command and pool-wait timeout (ISO-8601)</td></tr>
 *   <tr><td>redis_max_connections</td><td>32</td><td>Redis connection pool size (per node on a cluster)</td></tr>
 *   <tr><td>worker_pool_size</td><td>16</td><td>threads that run Redis calls (never the event loop)</td></tr>
 *   <tr><td>event_loops</td><td>cores</td><td>HTTP verticle instances</td></tr>
 *   <tr><td>registry</td><td>models</td><td>model registry folder ({@code churn/CURRENT})</td></tr>
 *   <tr><td>model_poll_interval</td><td>PT30S</td><td>how often CURRENT is checked; PT0S turns polling off</td></tr>
 *   <tr><td>max_state_age</td><td>P2D</td><td>a batch sync older than this marks scores {@code stale}</td></tr>
 *   <tr><td>clock</td><td>system</td><td>{@code system}, a date or an instant (see {@link ClockSetting})</td></tr>
 *   <tr><td>body_limit_bytes</td><td>1048576</td><td>larger request bodies get 413</td></tr>
 *   <tr><td>body_budget_bytes</td><td>67108864</td><td>request body bytes buffered at once over all requests
 *       (a body reserves its declared length, a chunked one the body limit); beyond it 503</td></tr>
 *   <tr><td>idle_timeout</td><td>PT30S</td><td>a connection with no bytes either way this long is closed</td></tr>
 *   <tr><td>request_read_timeout</td><td>PT10S</td><td>time a client has to send a request's headers (from
 *       connecting or from the previous answer) and, from the headers, its body; then the connection is
 *       closed (408 when a body was late)</td></tr>
 *   <tr><td>metrics_enabled</td><td>true</td><td>Micrometer metrics and {@code /metrics}</td></tr>
 *   <tr><td>member_ttl</td><td>PT0S</td><td>TTL set on member keys written by events; PT0S keeps the batch's TTL</td></tr>
 *   <tr><td>namespace</td><td>treue</td><td>first segment of every Redis key</td></tr>
 *   <tr><td>reasons_from</td><td>0.4</td><td>members from this churn probability up get reasons (0: everyone)</td></tr>
 *   <tr><td>offer_cache_ttl</td><td>PT1S</td><td>how long an instance serves its copy of a tenant's offer
 *       catalogue before checking the version counter (PT0S: check on every request)</td></tr>
 *   <tr><td>ranking_log_length</td><td>1000000</td><td>served rankings kept per tenant in the ranking log</td></tr>
 *   <tr><td>ranking_objective</td><td>expected_profit</td><td>what rewards maximise: expected_profit, redemptions
 *       or member_value (see {@link RankingPolicy})</td></tr>
 *   <tr><td>margin_rate</td><td>0.3</td><td>share of a purchase the programme keeps</td></tr>
 *   <tr><td>default_basket</td><td>30</td><td>basket value for members without purchases in a year</td></tr>
 *   <tr><td>retention_threshold</td><td>0.5</td><td>churn probability from which retention counts</td></tr>
 *   <tr><td>retention_weight</td><td>1.0</td><td>weight of the retention bonus (0: off)</td></tr>
 *   <tr><td>exploration_share</td><td>0.1</td><td>share of reward slots filled by exploration (epsilon)</td></tr>
 *   <tr><td>api_keys</td><td>[]</td><td>list of {@link ApiKeyConfig}</td></tr>
 * </table>
 */
public record ServingConfig(String host, int port, String redisUrl, Duration redisTimeout, int redisMaxConnections,
    int workerPoolSize, int eventLoops, Path registry, Duration modelPollInterval, Duration maxStateAge,
    ClockSetting clock, long bodyLimitBytes, long bodyBudgetBytes, Duration idleTimeout, Duration requestReadTimeout,
    boolean metricsEnabled, Duration memberTtl, String namespace,
    double reasonsFrom, Duration offerCacheTtl, long rankingLogLength,
    RankingPolicy rankingPolicy, List<ApiKeyConfig> apiKeys) {

  /** Every key the file may hold. */
  public static final Set<String> KEYS = Set.of("host", "port", "redis_url", "redis_timeout", "redis_max_connections",
      "worker_pool_size", "event_loops", "registry", "model_poll_interval", "max_state_age", "clock",
      "body_limit_bytes", "body_budget_bytes", "idle_timeout", "request_read_timeout", "metrics_enabled",
      "member_ttl", "namespace", "reasons_from", "offer_cache_ttl", "ranking_log_length",
      "ranking_objective", "margin_rate", "default_basket", "retention_threshold", "retention_weight",
      "exploration_share", "api_keys");

  public ServingConfig {
    apiKeys = List.copyOf(apiKeys);
  }

  /** The defaults, with no API keys. */
  public static ServingConfig defaults() {
    return fromJson(new JsonObject(), Map.of(), "defaults");
  }

  /** Reads a JSON file and applies the environment. */
  public static ServingConfig load(Path file, Map<String, String> env) {
    JsonObject json;
    try {
      json = new JsonObject(Files.readString(file));
    } catch (IOException e) {
      throw new ConfigException("cannot read the config file " + file + ": " + e.getMessage(), e);
    } catch (DecodeException e) {
      throw new ConfigException("config file " + file + " is not a JSON object: " + e.getMessage(), e);
    }
    return fromJson(json, env, file.toString());
  }

  /**
   * Builds and validates a configuration.
   *
   * @param json the file's content (keys as documented above)
   * @param env environment; {@code TREUE_<KEY>} overrides the key
   * @param source where the JSON came from, for messages
   * @throws ConfigException listing every problem
   */
  public static ServingConfig fromJson(JsonObject json, Map<String, String> env, String source) {
    List<String> problems = new ArrayList<>();
    for (String key : json.fieldNames()) {
      if (!KEYS.contains(key)) {
        problems.add("unknown key '" + key + "'; expected one of " + new java.util.TreeSet<>(KEYS));
      }
    }
    Map<String, Object> values = new LinkedHashMap<>(json.getMap());
    for (String key : KEYS) {
      String override = env.get("TREUE_" + key.toUpperCase(Locale.ROOT));
      if (override != null && !key.equals("api_keys")) {
        values.put(key, override);
      }
    }
    Reader r = new Reader(values, problems);
    String host = r.text("host", "0.0.0.0");
    int port = (int) r.number("port", 8080, 0, 65_535);
    String redisUrl = r.text("redis_url", null);
    if (redisUrl != null && redisUrl.isBlank()) {
      redisUrl = null;
    }
    if (redisUrl != null) {
      try {
        dev.treue.store.RedisEndpoint.parse(redisUrl);
      } catch (IllegalArgumentException e) {
        problems.add("redis_url: " + e.getMessage());
      }
    }
    Duration redisTimeout = r.duration("redis_timeout", "PT0.5S", Duration.ofMillis(10), Duration.ofMinutes(1));
    int maxConnections = (int) r.number("redis_max_connections", 32, 1, 10_000);
    int workers = (int) r.number("worker_pool_size", 16, 1, 1_000);
    int loops = (int) r.number("event_loops", Runtime.getRuntime().availableProcessors(), 1, 256);
    Path registry = Path.of(r.text("registry", "models"));
    Duration poll = r.duration("model_poll_interval", "PT30S", Duration.ZERO, Duration.ofDays(1));
    if (!poll.isZero() && poll.toMillis() < 100) {
      problems.add("model_poll_interval: " + poll + " is too short; expected PT0S (off) or at least PT0.1S");
    }
    Duration maxAge = r.duration("max_state_age", "P2D", Duration.ofSeconds(1), Duration.ofDays(3650));
    ClockSetting clock = ClockSetting.system();
    try {
      clock = ClockSetting.parse(r.text("clock", "system"));
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    long bodyLimit = r.number("body_limit_bytes", 1_048_576, 1_024, 256L * 1024 * 1024);
    long bodyBudget = r.number("body_budget_bytes", 64L * 1024 * 1024, 1_024, 64L * 1024 * 1024 * 1024);
    if (bodyBudget < bodyLimit) {
      problems.add("body_budget_bytes: " + bodyBudget + " is below body_limit_bytes (" + bodyLimit
          + "); a body at the limit could never be read");
    }
    Duration idleTimeout = r.duration("idle_timeout", "PT30S", Duration.ofMillis(100), Duration.ofHours(1));
    Duration readTimeout = r.duration("request_read_timeout", "PT10S", Duration.ofMillis(100), Duration.ofHours(1));
    boolean metrics = r.bool("metrics_enabled", true);
    Duration memberTtl = r.duration("member_ttl", "PT0S", Duration.ZERO, Duration.ofDays(3650));
    String namespace = r.text("namespace", dev.treue.store.RedisKeys.DEFAULT_NAMESPACE);
    if (!dev.treue.store.RedisKeys.validTenant(namespace)) {
      problems.add("namespace: '" + namespace + "' must be lower-case letters, digits, '_' or '-', at most 32");
    }
    double reasonsFrom = r.fraction("reasons_from", dev.treue.core.churn.RiskBand.MEDIUM_FROM);
    Duration offerCacheTtl = r.duration("offer_cache_ttl", "PT1S", Duration.ZERO, Duration.ofMinutes(10));
    long rankingLogLength = r.number("ranking_log_length", 1_000_000, 1, 1_000_000_000);
    RankingPolicy rankingPolicy = rankingPolicy(r, problems);
    List<ApiKeyConfig> keys = apiKeys(values.get("api_keys"), problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(source, problems);
    }
    return new ServingConfig(host, port, redisUrl, redisTimeout, maxConnections, workers, loops, registry, poll,
        maxAge, clock, bodyLimit, bodyBudget, idleTimeout, readTimeout, metrics, memberTtl, namespace, reasonsFrom,
        offerCacheTtl, rankingLogLength, rankingPolicy, keys);
  }

  private static List<ApiKeyConfig> apiKeys(Object raw, List<String> problems) {
    List<ApiKeyConfig> keys = new ArrayList<>();
    if (raw == null) {
      return keys;
    }
    if (!(raw instanceof JsonArray) && !(raw instanceof List<?>)) {
      problems.add("api_keys: expected a list of {id, sha256, tenant, scopes}");
      return keys;
    }
    JsonArray list = raw instanceof JsonArray a ? a : new JsonArray((List<?>) raw);
    Set<String> ids = new java.util.HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String where = "api_keys[" + i + "]";
      Object item = list.getValue(i);
      JsonObject o = item instanceof JsonObject j ? j : item instanceof Map<?, ?> m ? new JsonObject(cast(m)) : null;
      if (o == null) {
        problems.add(where + ": expected an object {id, sha256, tenant, scopes}");
        continue;
      }
      String id = o.getValue("id") instanceof String s ? s : null;
      String sha = o.getValue("sha256") instanceof String s ? s.toLowerCase(Locale.ROOT) : null;
      String tenant = o.getValue("tenant") instanceof String s ? s : null;
      if (id == null || id.isBlank()) {
        problems.add(where + ".id: missing; expected a name for the key");
      } else if (!ids.add(id)) {
        problems.add(where + ".id: '" + id + "' is used twice");
      }
      if (sha == null || !sha.matches("[0-9a-f]{64}")) {
        problems.add(where + ".sha256: expected 64 hex digits (the SHA-256 of the secret), got "
            + (sha == null ? "nothing" : "'" + sha + "'"));
      }
      if (!dev.treue.store.RedisKeys.validTenant(tenant)) {
        problems.add(where + ".tenant: '" + tenant + "' must be lower-case letters, digits, '_' or '-', at most 32");
      }
      List<String> scopes = new ArrayList<>();
      Object rawScopes = o.getValue("scopes");
      if (rawScopes instanceof JsonArray a && !a.isEmpty()) {
        for (Object s : a) {
          try {
            dev.treue.serving.auth.Scope.fromWire(String.valueOf(s));
            scopes.add(String.valueOf(s));
          } catch (IllegalArgumentException e) {
            problems.add(where + ".scopes: " + e.getMessage());
          }
        }
      } else {
        problems.add(where + ".scopes: expected a non-empty list of score, events, lists, admin");
      }
      keys.add(new ApiKeyConfig(id, sha, tenant, scopes));
    }
    return keys;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }

  /** A copy listening on another port. */
  public ServingConfig withPort(int newPort) {
    return new ServingConfig(host, newPort, redisUrl, redisTimeout, redisMaxConnections, workerPoolSize, eventLoops,
        registry, modelPollInterval, maxStateAge, clock, bodyLimitBytes, bodyBudgetBytes, idleTimeout,
        requestReadTimeout, metricsEnabled, memberTtl, namespace, reasonsFrom, offerCacheTtl, rankingLogLength,
        rankingPolicy, apiKeys);
  }

  /** A copy reading another registry. */
  public ServingConfig withRegistry(Path newRegistry) {
    return new ServingConfig(host, port, redisUrl, redisTimeout, redisMaxConnections, workerPoolSize, eventLoops,
        newRegistry, modelPollInterval, maxStateAge, clock, bodyLimitBytes, bodyBudgetBytes, idleTimeout,
        requestReadTimeout, metricsEnabled, memberTtl, namespace, reasonsFrom, offerCacheTtl, rankingLogLength,
        rankingPolicy, apiKeys);
  }

  /** The ranking policy from its keys, each defaulting to {@link RankingPolicy#defaults()}. */
  private static RankingPolicy rankingPolicy(Reader r, List<String> problems) {
    RankingPolicy d = RankingPolicy.defaults();
    RankingObjective objective = d.objective();
    try {
      objective = RankingObjective.fromWire(r.text("ranking_objective", d.objective().wireName()));
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    return new RankingPolicy(objective, r.fraction("margin_rate", d.marginRate()),
        r.decimal("default_basket", d.defaultBasket(), 0, 1e9), r.fraction("retention_threshold", d.retentionThreshold()),
        r.decimal("retention_weight", d.retentionWeight(), 0, 1e6), r.fraction("exploration_share", d.explorationShare()));
  }

  /** Typed reads of raw values that record problems instead of throwing. */
  private record Reader(Map<String, Object> values, List<String> problems) {
    String text(String key, String fallback) {
      Object v = values.get(key);
      if (v == null) {
        return fallback;
      }
      if (v instanceof String s) {
        return s;
      }
      problems.add(key + ": expected a string, got " + v);
      return fallback;
    }

    long number(String key, long fallback, long min, long max) {
      Object v = values.get(key);
      if (v == null) {
        return fallback;
      }
      long n;
      if (v instanceof Number num && num.doubleValue() == num.longValue()) {
        n = num.longValue();
      } else if (v instanceof String s && s.trim().matches("-?[0-9]{1,18}")) {
        n = Long.parseLong(s.trim());
      } else {
        problems.add(key + ": expected a whole number from " + min + " to " + max + ", got '" + v + "'");
        return fallback;
      }
      if (n < min || n > max) {
        problems.add(key + ": " + n + " is out of range; expected " + min + " to " + max);
        return fallback;
      }
      return n;
    }

    double fraction(String key, double fallback) {
      return decimal(key, fallback, 0, 1);
    }

    double decimal(String key, double fallback, double min, double max) {
      Object v = values.get(key);
      if (v == null) {
        return fallback;
      }
      double d;
      try {
        d = v instanceof Number num ? num.doubleValue() : Double.parseDouble(String.valueOf(v).trim());
      } catch (NumberFormatException e) {
        problems.add(key + ": expected a number from " + shown(min) + " to " + shown(max) + ", got '" + v + "'");
        return fallback;
      }
      if (!(d >= min && d <= max)) {
        problems.add(key + ": " + d + " is out of range; expected " + shown(min) + " to " + shown(max));
        return fallback;
      }
      return d;
    }

    private static String shown(double bound) {
      return bound == Math.rint(bound) && Math.abs(bound) < 1e15 ? String.valueOf((long) bound) : String.valueOf(bound);
    }

    boolean bool(String key, boolean fallback) {
      Object v = values.get(key);
      if (v == null) {
        return fallback;
      }
      if (v instanceof Boolean b) {
        return b;
      }
      if ("true".equals(v) || "false".equals(v)) {
        return Boolean.parseBoolean((String) v);
      }
      problems.add(key + ": expected true or false, got '" + v + "'");
      return fallback;
    }

    Duration duration(String key, String fallback, Duration min, Duration max) {
      String text = text(key, fallback);
      try {
        Duration d = Duration.parse(text);
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
          problems.add(key + ": " + text + " is out of range; expected " + min + " to " + max);
          return Duration.parse(fallback);
        }
        return d;
      } catch (DateTimeParseException e) {
        problems.add(key + ": '" + text + "' is not an ISO-8601 duration; expected e.g. PT0.5S, PT30S, P2D");
        return Duration.parse(fallback);
      }
    }
  }
}
