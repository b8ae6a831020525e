package dev.treue.serving.config;

import dev.treue.core.i18n.Language;
import dev.treue.core.offers.RankingObjective;
import dev.treue.core.offers.RankingPolicy;
import dev.treue.core.reason.ReasonWords;
import dev.treue.core.trigger.Holdout;
import dev.treue.core.trigger.Holdouts;
import dev.treue.core.trigger.TenantTriggerSettings;
import dev.treue.core.trigger.TriggerSettings;
import dev.treue.store.RedisKeys;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The service configuration: a JSON file of the keys in {@link ConfigKeys} (all optional), then environment
 * overrides {@code TREUE_<KEY>} (upper case, e.g. {@code TREUE_REDIS_URL}, {@code TREUE_PORT},
 * {@code TREUE_REGISTRY}), validated at start-up; every problem is reported at once. The keys' defaults,
 * bounds and help live only in {@link ConfigKeys}; the values are grouped by concern.
 *
 * @param http the HTTP front door
 * @param redis the Redis the service reads and writes
 * @param models where models come from
 * @param scoring how churn risk is answered
 * @param rewards the offer catalogue cache, ranking log and ranking policy
 * @param triggers the tenants' trigger settings
 * @param webhooks webhook targets, delivery concurrency, timeouts and retries
 * @param metricsEnabled Micrometer metrics and {@code /metrics}
 * @param apiKeys the accepted API keys
 * @param holdouts every tenant's control group
 */
public record ServingConfig(
    Http http,
    Redis redis,
    Models models,
    Scoring scoring,
    Rewards rewards,
    Triggers triggers,
    Webhooks webhooks,
    boolean metricsEnabled,
    List<ApiKeyConfig> apiKeys,
    Holdouts holdouts) {

  /**
   * The HTTP front door.
   *
   * @param host interface to listen on
   * @param port HTTP port, 0 for any free port
   * @param eventLoops HTTP verticle instances
   * @param bodyLimitBytes larger request bodies get 413
   * @param bodyBudgetBytes request body bytes buffered at once over all requests
   * @param idleTimeout a connection with no bytes either way this long is closed
   * @param requestReadTimeout time a client has to send a request's headers and body
   */
  public record Http(
      String host,
      int port,
      int eventLoops,
      long bodyLimitBytes,
      long bodyBudgetBytes,
      Duration idleTimeout,
      Duration requestReadTimeout) {}

  /**
   * The Redis the service uses.
   *
   * @param url {@code redis://...} or {@code redis-cluster://...}; null starts an embedded Redis
   * @param timeout connect, command and pool-wait timeout
   * @param maxConnections connection pool size (per node on a cluster)
   * @param workerPoolSize threads that run Redis calls
   * @param namespace first segment of every Redis key
   * @param memberTtl TTL set on member keys written by events; zero keeps the batch's TTL
   */
  public record Redis(
      String url,
      Duration timeout,
      int maxConnections,
      int workerPoolSize,
      String namespace,
      Duration memberTtl) {}

  /**
   * Where models come from.
   *
   * @param registry the model registry folder
   * @param pollInterval how often CURRENT is checked; zero turns polling off
   */
  public record Models(Path registry, Duration pollInterval) {}

  /**
   * How churn risk is answered.
   *
   * @param maxStateAge a batch sync older than this marks scores stale
   * @param clock the service's clock
   * @param reasonsFrom members from this churn probability up get reasons
   * @param currency the programme currency money in reasons is shown in
   * @param language the language of answers whose request names none
   * @param warmup longest the service warms its scoring and event code before it reports ready;
   *     zero for no warm-up
   */
  public record Scoring(
      Duration maxStateAge,
      ClockSetting clock,
      double reasonsFrom,
      Currency currency,
      Language language,
      Duration warmup) {}

  /**
   * Offers and rewards.
   *
   * @param offerCacheTtl how long an instance serves its copy of a tenant's catalogue
   * @param rankingLogLength served rankings kept per tenant
   * @param rankingPolicy what rewards maximise and with which figures
   */
  public record Rewards(
      Duration offerCacheTtl, long rankingLogLength, RankingPolicy rankingPolicy) {}

  /**
   * The tenants' triggers.
   *
   * @param everyTenant the settings of {@code "*"}: every tenant not named
   * @param byTenant the settings of tenants named, each on top of {@code everyTenant}
   * @param relayInterval how often an instance sweeps outboxes a stopped relay left; zero: never
   * @param sweepInterval how often an instance sweeps members for time-driven triggers; zero: never
   * @param streamMaxLength firings kept on each tenant's stream (approximately); zero: never trimmed
   */
  public record Triggers(
      TriggerSettings everyTenant,
      Map<String, TriggerSettings> byTenant,
      Duration relayInterval,
      Duration sweepInterval,
      long streamMaxLength) {
    public Triggers {
      byTenant = Map.copyOf(byTenant);
    }

    /** The settings of a tenant. */
    public TriggerSettings forTenant(String tenant) {
      return byTenant.getOrDefault(tenant, everyTenant);
    }
  }

  /**
   * Webhook delivery.
   *
   * @param allowPrivateTargets accept URLs on loopback, private, link-local and metadata addresses
   * @param concurrency deliveries in flight at once per instance
   * @param timeout connect and answer timeout of one attempt
   * @param firstRetry wait before the first retry, doubled per attempt
   * @param maxRetryInterval the longest wait between attempts
   * @param giveUpAfter age of a firing after which a failing delivery becomes a dead letter
   * @param secretGrace how long a rotated-out secret still signs
   * @param pollInterval how often the worker reads firings and due retries
   * @param inService whether the service delivers from its own threads (false: {@code ./treue
   *     webhooks} processes do)
   */
  public record Webhooks(
      boolean allowPrivateTargets,
      int concurrency,
      Duration timeout,
      Duration firstRetry,
      Duration maxRetryInterval,
      Duration giveUpAfter,
      Duration secretGrace,
      Duration pollInterval,
      boolean inService) {}

  public ServingConfig {
    apiKeys = List.copyOf(apiKeys);
  }

  /**
   * The tenants with API keys, in the order of their ids: the ones whose firings are relayed and
   * swept and whose trigger streams webhook delivery reads.
   */
  public List<RedisKeys> tenants() {
    return apiKeys.stream()
        .map(ApiKeyConfig::tenant)
        .distinct()
        .sorted()
        .map(t -> new RedisKeys(redis.namespace(), t))
        .toList();
  }

  /** The defaults, with no API keys. */
  public static ServingConfig defaults() {
    return fromJson(new JsonObject(), Map.of(), "defaults");
  }

  /** The defaults with some keys changed (JSON key names and values as in a file), validated like a file. */
  public static ServingConfig withOverrides(Map<String, ?> keys) {
    return fromJson(new JsonObject(new LinkedHashMap<>(keys)), Map.of(), "overrides");
  }

  /** Reads a JSON file and applies the environment. */
  public static ServingConfig load(Path file, Map<String, String> env) {
    JsonObject json;
    try {
      json = new JsonObject(Files.readString(file));
    } catch (IOException e) {
      throw new ConfigException("cannot read the config file " + file + ": " + e.getMessage(), e);
    } catch (DecodeException e) {
      throw new ConfigException(
          "config file " + file + " is not a JSON object: " + e.getMessage(), e);
    }
    return fromJson(json, env, file.toString());
  }

  /**
   * Builds and validates a configuration.
   *
   * @param json the file's content (keys as in {@link ConfigKeys})
   * @param env environment; {@code TREUE_<KEY>} overrides the key
   * @param source where the JSON came from, for messages
   * @throws ConfigException listing every problem
   */
  public static ServingConfig fromJson(JsonObject json, Map<String, String> env, String source) {
    List<String> problems = new ArrayList<>();
    for (String key : json.fieldNames()) {
      if (ConfigKeys.named(key) == null) {
        problems.add("unknown key '" + key + "'; expected one of " + ConfigKeys.names());
      }
    }
    Map<String, Object> values = new LinkedHashMap<>(json.getMap());
    for (ConfigKey key : ConfigKeys.ALL) {
      String override = key.envVar() == null ? null : env.get(key.envVar());
      if (override != null) {
        values.put(key.name(), override);
      }
    }
    ConfigValues r = new ConfigValues(values, problems);
    Http http = http(r, problems);
    Redis redis = redis(r, problems);
    Duration poll = r.duration(ConfigKeys.MODEL_POLL_INTERVAL);
    if (!poll.isZero() && poll.toMillis() < 100) {
      problems.add(
          "model_poll_interval: " + poll + " is too short; expected PT0S (off) or at least PT0.1S");
    }
    Models models = new Models(Path.of(r.text(ConfigKeys.REGISTRY)), poll);
    ClockSetting clock = ClockSetting.system();
    try {
      clock = ClockSetting.parse(r.text(ConfigKeys.CLOCK));
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    Currency currency = ReasonWords.DEFAULT_CURRENCY;
    String code = r.text(ConfigKeys.CURRENCY);
    try {
      currency = Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      problems.add("currency: " + code + " is not an ISO 4217 currency code; expected e.g. EUR");
    }
    Language language = Language.EN;
    String tag = r.text(ConfigKeys.LANGUAGE);
    try {
      language = Language.parse(tag);
    } catch (IllegalArgumentException e) {
      problems.add("language: " + e.getMessage());
    }
    Scoring scoring =
        new Scoring(
            r.duration(ConfigKeys.MAX_STATE_AGE),
            clock,
            r.decimal(ConfigKeys.REASONS_FROM),
            currency,
            language,
            r.duration(ConfigKeys.WARMUP));
    Rewards rewards =
        new Rewards(
            r.duration(ConfigKeys.OFFER_CACHE_TTL),
            r.whole(ConfigKeys.RANKING_LOG_LENGTH),
            rankingPolicy(r, problems));
    Triggers triggers =
        triggers(
            values.get(ConfigKeys.TRIGGERS.name()),
            r.duration(ConfigKeys.TRIGGER_RELAY_INTERVAL),
            r.duration(ConfigKeys.TRIGGER_SWEEP_INTERVAL),
            r.whole(ConfigKeys.TRIGGER_STREAM_MAX_LENGTH),
            problems);
    Webhooks webhooks =
        new Webhooks(
            r.bool(ConfigKeys.WEBHOOK_ALLOW_PRIVATE_TARGETS),
            (int) r.whole(ConfigKeys.WEBHOOK_CONCURRENCY),
            r.duration(ConfigKeys.WEBHOOK_TIMEOUT),
            r.duration(ConfigKeys.WEBHOOK_FIRST_RETRY),
            r.duration(ConfigKeys.WEBHOOK_MAX_RETRY_INTERVAL),
            r.duration(ConfigKeys.WEBHOOK_GIVE_UP_AFTER),
            r.duration(ConfigKeys.WEBHOOK_SECRET_GRACE),
            r.duration(ConfigKeys.WEBHOOK_POLL_INTERVAL),
            r.bool(ConfigKeys.WEBHOOK_DELIVERY_IN_SERVICE));
    boolean metrics = r.bool(ConfigKeys.METRICS_ENABLED);
    List<ApiKeyConfig> keys = apiKeys(values.get(ConfigKeys.API_KEYS.name()), problems);
    Holdouts holdouts = holdouts(values.get(ConfigKeys.HOLDOUTS.name()), problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(source, problems);
    }
    return new ServingConfig(
        http, redis, models, scoring, rewards, triggers, webhooks, metrics, keys, holdouts);
  }

  /**
   * A per-tenant key's value from a file (JsonObject), code (Map) or JSON text as plain maps and
   * lists (the value itself when it is not JSON, which the tenant rule then refuses); the tenant
   * rule itself is core {@link TenantTriggerSettings}'s.
   */
  private static Object plainTenantMap(Object raw) {
    if (raw == null) {
      return null;
    }
    Object plain =
        plain(
            raw instanceof String text
                ? text
                : Json.encode(raw instanceof JsonObject j ? j.getMap() : raw));
    return plain == null ? raw : plain;
  }

  /** {@code {"<tenant>": {"share": 0.05, "salt": "..."}}}: each tenant's control group. */
  private static Holdouts holdouts(Object raw, List<String> problems) {
    Map<String, Holdout> byTenant = new LinkedHashMap<>();
    TenantTriggerSettings.holdoutTenants(plainTenantMap(raw), problems)
        .forEach(
            (tenant, o) -> {
              Holdout h = TenantTriggerSettings.holdout(tenant, o, problems);
              if (h != null) {
                byTenant.put(tenant, h);
              }
            });
    return byTenant.isEmpty() ? Holdouts.NONE : new Holdouts(byTenant);
  }

  /**
   * The {@code triggers} key: tenant (or {@code "*"}) to {@link TriggerSettings#fromMap}'s object,
   * a tenant's kinds over those of {@code "*"} (core {@link TenantTriggerSettings}).
   */
  private static Triggers triggers(
      Object raw,
      Duration relayInterval,
      Duration sweepInterval,
      long streamMaxLength,
      List<String> problems) {
    Map<String, Map<String, Object>> tenants =
        TenantTriggerSettings.triggerTenants(plainTenantMap(raw), problems);
    TriggerSettings every = TenantTriggerSettings.triggers(tenants, "*", problems);
    Map<String, TriggerSettings> byTenant = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Object>> e : tenants.entrySet()) {
      if (!e.getKey().equals("*")) {
        byTenant.put(
            e.getKey(), TenantTriggerSettings.layer(e.getKey(), e.getValue(), every, problems));
      }
    }
    return new Triggers(every, byTenant, relayInterval, sweepInterval, streamMaxLength);
  }

  private static Object plain(String json) {
    try {
      return PLAIN_JSON.readValue(json, Object.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return null;
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper PLAIN_JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private static Http http(ConfigValues r, List<String> problems) {
    long bodyLimit = r.whole(ConfigKeys.BODY_LIMIT_BYTES);
    long bodyBudget = r.whole(ConfigKeys.BODY_BUDGET_BYTES);
    if (bodyBudget < bodyLimit) {
      problems.add(
          "body_budget_bytes: "
              + bodyBudget
              + " is below body_limit_bytes ("
              + bodyLimit
              + "); a body at the limit could never be read");
    }
    return new Http(
        r.text(ConfigKeys.HOST),
        (int) r.whole(ConfigKeys.PORT),
        (int) r.whole(ConfigKeys.EVENT_LOOPS),
        bodyLimit,
        bodyBudget,
        r.duration(ConfigKeys.IDLE_TIMEOUT),
        r.duration(ConfigKeys.REQUEST_READ_TIMEOUT));
  }

  private static Redis redis(ConfigValues r, List<String> problems) {
    String url = r.text(ConfigKeys.REDIS_URL);
    if (url != null && url.isBlank()) {
      url = null;
    }
    if (url != null) {
      try {
        dev.treue.store.RedisEndpoint.parse(url);
      } catch (IllegalArgumentException e) {
        problems.add("redis_url: " + e.getMessage());
      }
    }
    Duration timeout = r.duration(ConfigKeys.REDIS_TIMEOUT);
    int maxConnections = (int) r.whole(ConfigKeys.REDIS_MAX_CONNECTIONS);
    int workers = (int) r.whole(ConfigKeys.WORKER_POOL_SIZE);
    Duration memberTtl = r.duration(ConfigKeys.MEMBER_TTL);
    String namespace = r.text(ConfigKeys.NAMESPACE);
    if (!dev.treue.store.RedisKeys.validTenant(namespace)) {
      problems.add(
          "namespace: '"
              + namespace
              + "' must be lower-case letters, digits, '_' or '-', at most 32");
    }
    return new Redis(url, timeout, maxConnections, workers, namespace, memberTtl);
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
      JsonObject o =
          item instanceof JsonObject j
              ? j
              : item instanceof Map<?, ?> m ? new JsonObject(cast(m)) : null;
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
        problems.add(
            where
                + ".sha256: expected 64 hex digits (the SHA-256 of the secret), got "
                + (sha == null ? "nothing" : "'" + sha + "'"));
      }
      if (!dev.treue.store.RedisKeys.validTenant(tenant)) {
        problems.add(
            where
                + ".tenant: '"
                + tenant
                + "' must be lower-case letters, digits, '_' or '-', at most 32");
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

  /** The ranking policy from its keys, each defaulting to {@link RankingPolicy#defaults()}. */
  private static RankingPolicy rankingPolicy(ConfigValues r, List<String> problems) {
    RankingObjective objective = RankingPolicy.defaults().objective();
    try {
      objective = RankingObjective.fromWire(r.text(ConfigKeys.RANKING_OBJECTIVE));
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    return new RankingPolicy(
        objective,
        r.decimal(ConfigKeys.MARGIN_RATE),
        r.decimal(ConfigKeys.DEFAULT_BASKET),
        r.decimal(ConfigKeys.RETENTION_THRESHOLD),
        r.decimal(ConfigKeys.RETENTION_WEIGHT),
        r.decimal(ConfigKeys.EXPLORATION_SHARE));
  }
}
