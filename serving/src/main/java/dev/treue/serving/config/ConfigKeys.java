package dev.treue.serving.config;

import dev.treue.core.churn.RiskBand;
import dev.treue.core.i18n.Language;
import dev.treue.core.offers.RankingPolicy;
import dev.treue.core.reason.ReasonWords;
import dev.treue.serving.config.ConfigKey.Type;
import dev.treue.store.RedisKeys;
import java.time.Duration;
import java.util.List;

/**
 * The table of service configuration keys. Each key is written here once; {@link ServingConfig#fromJson}
 * reads and bounds-checks by it, {@link #usage()} is the {@code serve --help} text and {@link #markdown()}
 * is README's configuration table (a test keeps README equal to it).
 */
public final class ConfigKeys {
  private static final RankingPolicy POLICY = RankingPolicy.defaults();

  // HTTP front door
  public static final ConfigKey HOST = text("host", "0.0.0.0", "interface to listen on");
  public static final ConfigKey PORT =
      whole("port", "8080", 0, 65_535, "HTTP port (0: any free port)");
  public static final ConfigKey EVENT_LOOPS =
      whole("event_loops", ConfigKey.CORES, 1, 256, "HTTP event loops (verticle instances)");
  public static final ConfigKey BODY_LIMIT_BYTES =
      whole(
          "body_limit_bytes",
          "1048576",
          1_024,
          256L * 1024 * 1024,
          "larger request bodies get 413");
  public static final ConfigKey BODY_BUDGET_BYTES =
      whole(
          "body_budget_bytes",
          "67108864",
          1_024,
          64L * 1024 * 1024 * 1024,
          "request body bytes being read at once over all requests (a body reserves its"
              + " declared length, a chunked one body_limit_bytes); beyond it 503 with Retry-After."
              + " At least body_limit_bytes");
  public static final ConfigKey IDLE_TIMEOUT =
      duration(
          "idle_timeout",
          "PT30S",
          Duration.ofMillis(100),
          Duration.ofHours(1),
          "a connection with no bytes either way for this long is closed");
  public static final ConfigKey REQUEST_READ_TIMEOUT =
      duration(
          "request_read_timeout",
          "PT10S",
          Duration.ofMillis(100),
          Duration.ofHours(1),
          "time a client has to send a request's headers (from connecting"
              + " or from its previous answer) and, from the headers, its body; then the connection is closed (408 when"
              + " the body was late). Also how long a kept-alive connection may wait between requests");
  // Redis
  public static final ConfigKey REDIS_URL =
      text(
          "redis_url",
          null,
          "redis://[:password@]host:port[/db] or"
              + " redis-cluster://host:port[,host:port...]; none starts an embedded Redis");
  public static final ConfigKey REDIS_TIMEOUT =
      duration(
          "redis_timeout",
          "PT0.5S",
          Duration.ofMillis(10),
          Duration.ofMinutes(1),
          "connect, command and pool-wait timeout");
  public static final ConfigKey REDIS_MAX_CONNECTIONS =
      whole(
          "redis_max_connections",
          "32",
          1,
          10_000,
          "Redis connection pool (per node on a cluster)");
  public static final ConfigKey WORKER_POOL_SIZE =
      whole(
          "worker_pool_size",
          "16",
          1,
          1_000,
          "threads that run Redis calls (never the event loop)");
  public static final ConfigKey NAMESPACE =
      text("namespace", RedisKeys.DEFAULT_NAMESPACE, "first segment of every Redis key");
  public static final ConfigKey MEMBER_TTL =
      duration(
          "member_ttl",
          "PT0S",
          Duration.ZERO,
          Duration.ofDays(3650),
          "TTL for member keys written by events (PT0S: keep the batch load's)");
  // models and scoring
  public static final ConfigKey REGISTRY = text("registry", "models", "model registry folder");
  public static final ConfigKey MODEL_POLL_INTERVAL =
      duration(
          "model_poll_interval",
          "PT30S",
          Duration.ZERO,
          Duration.ofDays(1),
          "how often CURRENT is checked (PT0S: never; otherwise at least PT0.1S)");
  public static final ConfigKey MAX_STATE_AGE =
      duration(
          "max_state_age",
          "P2D",
          Duration.ofSeconds(1),
          Duration.ofDays(3650),
          "a batch load older than this marks scores stale");
  public static final ConfigKey REASONS_FROM =
      decimal(
          "reasons_from",
          RiskBand.MEDIUM_FROM,
          0,
          1,
          "members from this churn probability up (medium risk) get reasons; 0 gives everyone reasons");
  public static final ConfigKey WARMUP =
      duration(
          "warmup",
          "PT30S",
          Duration.ZERO,
          Duration.ofMinutes(10),
          "longest the service runs its own event and scoring code (on a sample of stored"
              + " members, read only, and made-up ones) before it reports ready, so that the first"
              + " requests find it compiled; it ends sooner once the JIT settles (PT0S: ready at"
              + " once)");
  public static final ConfigKey CURRENCY =
      text(
          "currency",
          ReasonWords.DEFAULT_CURRENCY.getCurrencyCode(),
          "ISO 4217 code of the programme currency, for money in reasons (e.g. EUR, USD, GBP)");
  public static final ConfigKey LANGUAGE =
      text(
          "language",
          Language.EN.wireName(),
          "language of reasons, explanations, money and CSV exports when a request names none"
              + " (locale= or Accept-Language): en or de");
  public static final ConfigKey CLOCK =
      text("clock", "system", "system, a date or an instant (fixed clocks for demos and tests)");
  // offers and rewards
  public static final ConfigKey OFFER_CACHE_TTL =
      duration(
          "offer_cache_ttl",
          "PT1S",
          Duration.ZERO,
          Duration.ofMinutes(10),
          "how long an instance ranks and issues with its copy of a tenant's catalogue (and"
              + " budgets) before checking the catalogue version (PT0S: on every request)");
  public static final ConfigKey RANKING_LOG_LENGTH =
      whole(
          "ranking_log_length",
          "1000000",
          1,
          1_000_000_000,
          "rankings kept per tenant in the ranking log (older ones are trimmed: export regularly)");
  public static final ConfigKey RANKING_OBJECTIVE =
      text(
          "ranking_objective",
          POLICY.objective().wireName(),
          "what rewards maximise: expected_profit, redemptions or member_value");
  public static final ConfigKey MARGIN_RATE =
      decimal(
          "margin_rate",
          POLICY.marginRate(),
          0,
          1,
          "share of a purchase's value the programme keeps (the value of a redemption)");
  public static final ConfigKey DEFAULT_BASKET =
      decimal(
          "default_basket",
          POLICY.defaultBasket(),
          0,
          1e9,
          "basket value assumed for members without a purchase in the last year");
  public static final ConfigKey RETENTION_THRESHOLD =
      decimal(
          "retention_threshold",
          POLICY.retentionThreshold(),
          0,
          1,
          "churn probability from which the retention bonus counts");
  public static final ConfigKey RETENTION_WEIGHT =
      decimal(
          "retention_weight",
          POLICY.retentionWeight(),
          0,
          1e6,
          "weight of the retention bonus; 0 turns it off");
  public static final ConfigKey EXPLORATION_SHARE =
      decimal(
          "exploration_share",
          POLICY.explorationShare(),
          0,
          1,
          "share of reward slots filled by exploration (epsilon-greedy); 0 ranks greedily");
  // triggers
  public static final ConfigKey TRIGGERS =
      new ConfigKey(
          "triggers",
          Type.OBJECT,
          "{}",
          null,
          null,
          "trigger settings by tenant, \"*\" for every tenant (a tenant's kinds replace those of \"*\"):"
              + " {\"*\": {\"first_purchase\": {\"enabled\": true}}, \"acme\": {\"churn_risk_crossed\":"
              + " {\"enabled\": true, \"threshold\": 0.7, \"rearm_below\": 0.6}}}; every kind is off by default;"
              + " see Triggers (file only)");
  public static final ConfigKey TRIGGER_RELAY_INTERVAL =
      duration(
          "trigger_relay_interval",
          "PT5S",
          Duration.ZERO,
          Duration.ofHours(1),
          "how often an instance moves firings left in members' outboxes (by a relay that stopped)"
              + " to the tenants' firing streams (PT0S: never; events relay their own firings at once)");
  public static final ConfigKey TRIGGER_SWEEP_INTERVAL =
      duration(
          "trigger_sweep_interval",
          "PT1H",
          Duration.ZERO,
          Duration.ofDays(1),
          "how often an instance sweeps the tenants' members for time-driven triggers (became_lapsed,"
              + " membership_anniversary, points_expiring, tier_downgrade_ahead); each (kind, member,"
              + " period) fires once however many instances sweep (PT0S: never)");
  public static final ConfigKey TRIGGER_STREAM_MAX_LENGTH =
      whole(
          "trigger_stream_max_length",
          "1000000",
          0,
          1_000_000_000,
          "firings kept per tenant on the firing stream (approximately; older ones are trimmed, and"
              + " firings trimmed before webhook delivery read them are never delivered; 0: never trimmed)");
  // control group
  public static final ConfigKey HOLDOUTS =
      new ConfigKey(
          "holdouts",
          Type.HOLDOUTS,
          "{}",
          null,
          null,
          "{\"acme\": {\"share\": 0.05, \"salt\": \"2026\"}}: per tenant, the share of members held out"
              + " as a control group (0 <= share < 1; their reward issues and trigger deliveries are suppressed,"
              + " their scores and rankings still answer) and the salt of the stable hash that picks them"
              + " (default: the tenant id; a new salt draws a new group). Tenants not listed hold nobody out"
              + " (file only)");
  // webhooks
  public static final ConfigKey WEBHOOK_ALLOW_PRIVATE_TARGETS =
      new ConfigKey(
          "webhook_allow_private_targets",
          Type.BOOLEAN,
          "false",
          null,
          null,
          "allow webhook URLs on loopback, private, link-local and metadata addresses and the"
              + " service's own Redis (local receivers, tests, the demo)");
  public static final ConfigKey WEBHOOK_CONCURRENCY =
      whole(
          "webhook_concurrency",
          "64",
          1,
          1_000,
          "webhook deliveries in flight at once per instance (each holds a connection, not a"
              + " thread: 64 keep up with 200 firings/s to a receiver answering in 250 ms)");
  public static final ConfigKey WEBHOOK_TIMEOUT =
      duration(
          "webhook_timeout",
          "PT10S",
          Duration.ofMillis(100),
          Duration.ofMinutes(5),
          "connect and answer timeout of one webhook delivery attempt");
  public static final ConfigKey WEBHOOK_FIRST_RETRY =
      duration(
          "webhook_first_retry",
          "PT1S",
          Duration.ofMillis(10),
          Duration.ofHours(1),
          "wait before the first retry of a failed delivery; it doubles (with jitter) per attempt");
  public static final ConfigKey WEBHOOK_MAX_RETRY_INTERVAL =
      duration(
          "webhook_max_retry_interval",
          "PT1H",
          Duration.ofMillis(10),
          Duration.ofDays(1),
          "the longest wait between two attempts of a delivery");
  public static final ConfigKey WEBHOOK_GIVE_UP_AFTER =
      duration(
          "webhook_give_up_after",
          "P3D",
          Duration.ofSeconds(1),
          Duration.ofDays(30),
          "a delivery still failing this long after its firing goes to the dead letters (replay"
              + " sends it again)");
  public static final ConfigKey WEBHOOK_SECRET_GRACE =
      duration(
          "webhook_secret_grace",
          "PT24H",
          Duration.ZERO,
          Duration.ofDays(30),
          "how long the old secret still signs deliveries (a second signature) after a rotation");
  public static final ConfigKey WEBHOOK_POLL_INTERVAL =
      duration(
          "webhook_poll_interval",
          "PT0.5S",
          Duration.ofMillis(10),
          Duration.ofMinutes(1),
          "how often the delivery worker reads new firings and due retries");
  public static final ConfigKey WEBHOOK_DELIVERY_IN_SERVICE =
      new ConfigKey(
          "webhook_delivery_in_service",
          Type.BOOLEAN,
          "true",
          null,
          null,
          "deliver webhooks from threads of this service; false when `./treue webhooks` processes"
              + " deliver them apart (on other machines their CPU and garbage collection never meet the"
              + " API's)");
  // metrics and access
  public static final ConfigKey METRICS_ENABLED =
      new ConfigKey(
          "metrics_enabled", Type.BOOLEAN, "true", null, null, "Micrometer metrics and /metrics");
  public static final ConfigKey API_KEYS =
      new ConfigKey(
          "api_keys",
          Type.API_KEYS,
          "[]",
          null,
          null,
          "[{\"id\": \"crm\", \"sha256\": \"<hex>\", \"tenant\": \"acme\", \"scopes\": [\"score\", \"events\","
              + " \"lists\", \"admin\"]}] (file only; ./treue hash-key SECRET prints a sha256)");

  /** Every key, in the order help lists them. */
  public static final List<ConfigKey> ALL =
      List.of(
          HOST,
          PORT,
          EVENT_LOOPS,
          BODY_LIMIT_BYTES,
          BODY_BUDGET_BYTES,
          IDLE_TIMEOUT,
          REQUEST_READ_TIMEOUT,
          REDIS_URL,
          REDIS_TIMEOUT,
          REDIS_MAX_CONNECTIONS,
          WORKER_POOL_SIZE,
          NAMESPACE,
          MEMBER_TTL,
          REGISTRY,
          MODEL_POLL_INTERVAL,
          MAX_STATE_AGE,
          REASONS_FROM,
          WARMUP,
          CURRENCY,
          LANGUAGE,
          CLOCK,
          OFFER_CACHE_TTL,
          RANKING_LOG_LENGTH,
          RANKING_OBJECTIVE,
          MARGIN_RATE,
          DEFAULT_BASKET,
          RETENTION_THRESHOLD,
          RETENTION_WEIGHT,
          EXPLORATION_SHARE,
          TRIGGERS,
          TRIGGER_RELAY_INTERVAL,
          TRIGGER_SWEEP_INTERVAL,
          TRIGGER_STREAM_MAX_LENGTH,
          HOLDOUTS,
          WEBHOOK_ALLOW_PRIVATE_TARGETS,
          WEBHOOK_CONCURRENCY,
          WEBHOOK_TIMEOUT,
          WEBHOOK_FIRST_RETRY,
          WEBHOOK_MAX_RETRY_INTERVAL,
          WEBHOOK_GIVE_UP_AFTER,
          WEBHOOK_SECRET_GRACE,
          WEBHOOK_POLL_INTERVAL,
          WEBHOOK_DELIVERY_IN_SERVICE,
          METRICS_ENABLED,
          API_KEYS);

  private static final int HELP_WIDTH = 100;

  private ConfigKeys() {}

  /** The key of that name, or null. */
  public static ConfigKey named(String name) {
    for (ConfigKey k : ALL) {
      if (k.name().equals(name)) {
        return k;
      }
    }
    return null;
  }

  /** Every key name, sorted, for "expected one of" messages. */
  static List<String> names() {
    return ALL.stream().map(ConfigKey::name).sorted().toList();
  }

  /** The keys for {@code serve --help}: name, default, range, help, wrapped to 100 columns. */
  public static String usage() {
    StringBuilder out = new StringBuilder();
    for (ConfigKey k : ALL) {
      String head = String.format("  %-22s %-16s ", k.name(), k.shownDefault());
      String text = k.help() + (k.bounds().isEmpty() ? "" : " [" + k.bounds() + "]");
      String indent = " ".repeat(head.length());
      StringBuilder line = new StringBuilder(head);
      for (String word : text.split(" ")) {
        if (line.length() + word.length() + 1 > HELP_WIDTH && line.length() > head.length()) {
          out.append(line.toString().stripTrailing()).append('\n');
          line = new StringBuilder(indent);
        }
        line.append(word).append(' ');
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  /** README's configuration table, in Markdown. */
  public static String markdown() {
    StringBuilder out =
        new StringBuilder("| key | environment | type | default | range | meaning |\n");
    out.append("|---|---|---|---|---|---|\n");
    for (ConfigKey k : ALL) {
      out.append("| `")
          .append(k.name())
          .append("` | ")
          .append(k.envVar() == null ? "file only" : "`" + k.envVar() + "`")
          .append(" | ")
          .append(k.type().shown())
          .append(" | ")
          .append(
              k.defaultValue() == null || k.defaultValue().equals(ConfigKey.CORES)
                  ? k.shownDefault()
                  : "`" + k.defaultValue() + "`")
          .append(" | ")
          .append(k.bounds())
          .append(" | ")
          .append(k.help().replace("|", "\\|"))
          .append(" |\n");
    }
    return out.toString();
  }

  private static ConfigKey text(String name, String dflt, String help) {
    return new ConfigKey(name, Type.TEXT, dflt, null, null, help);
  }

  private static ConfigKey whole(String name, String dflt, long min, long max, String help) {
    return new ConfigKey(name, Type.WHOLE, dflt, String.valueOf(min), String.valueOf(max), help);
  }

  private static ConfigKey decimal(String name, double dflt, double min, double max, String help) {
    return new ConfigKey(name, Type.DECIMAL, shown(dflt), shown(min), shown(max), help);
  }

  private static ConfigKey duration(
      String name, String dflt, Duration min, Duration max, String help) {
    return new ConfigKey(name, Type.DURATION, dflt, min.toString(), max.toString(), help);
  }

  /** A number as people write it: {@code 30} rather than {@code 30.0}. */
  static String shown(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? String.valueOf((long) value)
        : String.valueOf(value);
  }
}
