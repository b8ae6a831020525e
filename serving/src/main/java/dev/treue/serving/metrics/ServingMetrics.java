package dev.treue.serving.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.vertx.micrometer.Label;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The service's own meters, lower-case dotted names with low-cardinality tags. With metrics off the
 * registry is an empty composite, whose meters are no-ops: the hot path code stays the same and the
 * benchmark measures what metrics cost.
 */
public final class ServingMetrics {
  private static final Duration[] LATENCY_SLOS = {
    Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25),
    Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1)
  };

  private final MeterRegistry registry;
  // Meters found by a key of the strings a call already has (their hash codes are cached): no
  // string is built per call on the request path, where several of these run per request.
  private final ConcurrentHashMap<String, Timer> redisOk = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Timer> redisFailed = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Timer> offerTimers = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Timer> webhookTimers = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<MeterKey, Counter> counters = new ConcurrentHashMap<>();
  private final Timer scoreOne;
  private final Timer scoreBatch;
  private final DistributionSummary probability;
  private final DistributionSummary stateAge;
  private final ConcurrentHashMap<String, Gauge> modelGauges = new ConcurrentHashMap<>();

  public ServingMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.scoreOne =
        latency("treue.scoring.latency", "Time to score, Redis read included", "kind", "single");
    this.scoreBatch =
        latency("treue.scoring.latency", "Time to score, Redis read included", "kind", "batch");
    this.probability =
        DistributionSummary.builder("treue.churn.probability")
            .description("Churn probabilities served")
            .serviceLevelObjectives(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
            .register(registry);
    this.stateAge =
        DistributionSummary.builder("treue.member.state.age")
            .description("Time since the batch synced a scored member's state")
            .baseUnit("seconds")
            .serviceLevelObjectives(3_600, 6 * 3_600, 86_400, 2 * 86_400, 7 * 86_400, 30 * 86_400)
            .register(registry);
  }

  /** The HTTP methods that are label values; any other method a client makes up is {@code OTHER}. */
  static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT");

  /**
   * Keeps label values a client chooses from growing the registry: Vert.x labels HTTP meters with
   * the request's method as sent, so each made-up method would be a new series. Routes and status
   * codes are the service's own (unmatched requests have the empty route). Call before any meter is
   * registered.
   */
  public static void boundRequestLabels(MeterRegistry registry) {
    registry
        .config()
        .meterFilter(
            MeterFilter.replaceTagValues(
                Label.HTTP_METHOD.toString(),
                method -> METHODS.contains(method) ? method : "OTHER"));
  }

  /** Metrics that record nothing. */
  public static ServingMetrics off() {
    return new ServingMetrics(new CompositeMeterRegistry());
  }

  public MeterRegistry registry() {
    return registry;
  }

  private Timer latency(String name, String description, String tag, String value) {
    return Timer.builder(name)
        .description(description)
        .tag(tag, value)
        .serviceLevelObjectives(LATENCY_SLOS)
        .register(registry);
  }

  /** Latency of one scoring request. */
  public void scored(boolean batch, long nanos) {
    (batch ? scoreBatch : scoreOne).record(nanos, TimeUnit.NANOSECONDS);
  }

  /** A Redis command's latency; {@code command} is one of a handful of fixed names. */
  public void redis(String command, long nanos, boolean ok) {
    (ok ? redisOk : redisFailed)
        .computeIfAbsent(
            command,
            k ->
                Timer.builder("treue.redis.command.latency")
                    .description("Redis round trips by operation")
                    .tag("command", command)
                    .tag("outcome", ok ? "ok" : "error")
                    .serviceLevelObjectives(LATENCY_SLOS)
                    .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** A member lookup: {@code hit}, {@code miss}, {@code stale} or {@code opted_out}. */
  public void lookup(String result) {
    count("treue.cache.lookups", "result", result);
  }

  /**
   * Trigger firings: {@code recorded} in members' outboxes with the state change, {@code relayed}
   * to the tenant's stream (repeats after a stopped relay counted again).
   */
  public void triggerFirings(String kind, String stage, long n) {
    if (n > 0) {
      counters
          .computeIfAbsent(
              new MeterKey("treue.trigger.firings", kind, stage, 0),
              k ->
                  Counter.builder("treue.trigger.firings")
                      .description("Trigger firings by kind and stage (recorded, relayed)")
                      .tag("kind", kind)
                      .tag("stage", stage)
                      .register(registry))
          .increment(n);
    }
  }

  /**
   * A webhook delivery step by outcome ({@code delivered}, {@code failed}, {@code dead},
   * {@code held_out}, {@code parked}); attempts (with {@code nanos > 0}) are timed as
   * {@code treue.webhooks.latency}.
   */
  public void webhook(String outcome, long nanos) {
    count("treue.webhooks.deliveries", "outcome", outcome);
    if (nanos > 0) {
      webhookTimers
          .computeIfAbsent(
              outcome,
              k ->
                  latency(
                      "treue.webhooks.latency",
                      "Time of a webhook delivery attempt",
                      "outcome",
                      outcome))
          .record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  /** Events by outcome: {@code accepted}, {@code duplicate}, {@code covered}, {@code not_stored}, {@code rejected}. */
  public void events(String outcome, long n) {
    if (n > 0) {
      counters
          .computeIfAbsent(
              new MeterKey("treue.events", outcome, null, 0),
              k ->
                  Counter.builder("treue.events")
                      .description("Posted events by outcome")
                      .tag("outcome", outcome)
                      .register(registry))
          .increment(n);
    }
  }

  /**
   * An issue request: counted by outcome ({@code granted}, {@code held_out} or the refusal reason) and whether the request id
   * was a repeat, timed as {@code treue.offers.latency{operation=issue}}.
   */
  public void issued(String outcome, boolean repeated, long nanos) {
    counters
        .computeIfAbsent(
            new MeterKey("treue.offers.issued", outcome, repeated ? "true" : "false", 0),
            k ->
                Counter.builder("treue.offers.issued")
                    .description("Offer issue requests by outcome")
                    .tag("outcome", outcome)
                    .tag("repeated", Boolean.toString(repeated))
                    .register(registry))
        .increment();
    offerLatency("issue", nanos);
  }

  /** A served ranking: counted by cold start, timed as {@code treue.offers.latency{operation=rewards}}. */
  public void rewards(boolean coldStart, int shown, long nanos) {
    counters
        .computeIfAbsent(
            new MeterKey("treue.rewards.rankings", coldStart ? "true" : "false", null, 0),
            k ->
                Counter.builder("treue.rewards.rankings")
                    .description("Reward rankings served")
                    .tag("cold_start", Boolean.toString(coldStart))
                    .register(registry))
        .increment();
    if (shown == 0) {
      count("treue.rewards.empty", "cold_start", Boolean.toString(coldStart));
    }
    offerLatency("rewards", nanos);
  }

  /** Latency of an offers operation ({@code issue}, {@code rewards}). */
  public void offerLatency(String operation, long nanos) {
    offerTimers
        .computeIfAbsent(
            operation,
            k ->
                latency(
                    "treue.offers.latency",
                    "Time to answer an offers request, Redis included",
                    "operation",
                    operation))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Model loads refused, by where the load came from ({@code poll}, {@code admin}, {@code startup}). */
  public void modelRefused(String source) {
    count("treue.model.refused", "source", source);
  }

  /** A served probability. */
  public void probability(double p) {
    probability.record(p);
  }

  /** Age of a scored member's batch sync. */
  public void stateAge(Duration age) {
    stateAge.record(Math.max(0, age.toSeconds()));
  }

  /**
   * Replaces a kind's model info gauge (value 1, tagged with the served version):
   * {@code treue.model.info} for the churn model, {@code treue.<kind>.model.info} for the others.
   */
  public void modelVersion(String kind, String version, String modelName) {
    String name = kind.equals("churn") ? "treue.model.info" : "treue." + kind + ".model.info";
    Gauge fresh =
        Gauge.builder(name, () -> 1)
            .description("The " + kind + " model being served")
            .tag("version", version)
            .tag("model", modelName)
            .register(registry);
    Gauge old = modelGauges.put(kind, fresh);
    if (old != null && old != fresh) {
      registry.remove(old);
    }
  }

  /** Request body bytes reserved in the body budget now. */
  public void bodyBudget(java.util.function.LongSupplier reserved) {
    Gauge.builder("treue.http.body.reserved", reserved::getAsLong)
        .description("Request body bytes being read")
        .baseUnit("bytes")
        .register(registry);
  }

  private void count(String name, String tag, String value) {
    counters
        .computeIfAbsent(
            new MeterKey(name, value, null, 0),
            k -> Counter.builder(name).tag(tag, value).register(registry))
        .increment();
  }
}
