package dev.treue.serving.webhooks;

import dev.treue.core.concurrent.DaemonThreads;
import dev.treue.serving.config.ServingConfig;
import dev.treue.serving.metrics.ServingMetrics;
import dev.treue.store.RedisEndpoint;
import dev.treue.store.RedisKeys;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Delivers trigger firings to webhook subscriptions, apart from request handling, on two threads of
 * its own: one pump thread does all of delivery's Redis work, and one event loop of a Vert.x instance
 * of its own does the HTTP, at most {@code webhook_concurrency} deliveries in flight. A slow or
 * failing receiver holds a slot, never an event loop or a Redis worker of the API. Two threads, not
 * a thread per sender: with 64 blocking senders, each delivery woke several threads and paid several
 * Redis round trips, and on a 2-core machine at 1,000 events/s that moved the API's p99 by 2x
 * (bench/triggers.sh); now Redis work is batched per pass and HTTP costs no thread hops, and
 * delivery's threads run below the requests' CPU priority ({@link BackgroundPriority}).
 *
 * <p>Each poll the pump, per tenant, (1) reads new firings from {@link RedisKeys#triggerStream()}
 * with the consumer group {@value #GROUP}, so instances share the stream, and takes over entries
 * another consumer read but did not acknowledge for a while (it crashed); (2) for each firing and
 * each enabled subscription wanting its kind records a delivery (once: the delivery id is derived
 * from subscription and firing) due now, or {@code held_out} for control-group members, in one
 * round trip per batch, and only then acknowledges the batch; (3) claims due deliveries, as many as
 * slots are free, by leasing them in the due set, reads their records in one round trip, and sends
 * them, signed. An attempt's outcome goes back to the pump, which stores the outcomes that came in
 * meanwhile in one round trip (delivered, or due again after an exponential backoff with jitter, or
 * a dead letter once the delivery is older than {@code webhook_give_up_after}), frees their slots,
 * and claims again at once when the last claim filled every slot, so slots are kept busy instead of
 * idling until the next poll. A crash anywhere leaves either an unacknowledged entry or a leased due
 * delivery, both picked up again: at least once, with duplicates only as retries of one delivery
 * id.
 */
public final class DeliveryWorker implements AutoCloseable {
  /** The consumer group on every tenant's trigger stream. */
  public static final String GROUP = "webhooks";

  private static final Logger LOG = System.getLogger(DeliveryWorker.class.getName());
  private static final int READ_BATCH = 50;
  private static final int MAX_READ_PER_POLL = 1_000;
  // Whether this thread of delivery's worker pool runs at the lower priority yet.
  private static final ThreadLocal<Boolean> LOWERED = ThreadLocal.withInitial(() -> false);

  private final UnifiedJedis redis;
  private final List<RedisKeys> tenants;
  private final WebhookStore store;
  private final WebhookTarget target;
  private final ServingConfig.Webhooks config;
  private final ServingMetrics metrics;
  private final Clock clock;
  private final String consumer;
  private volatile boolean ownsConnections;
  private final long reclaimIdleMillis;
  private final long leaseMillis;
  // Slots: taken when a delivery is sent, given back when its outcome is stored.
  private final Semaphore free;
  private final ScheduledExecutorService pump;
  private final Vertx vertx;
  private final HttpClient http;
  private final Set<String> groupsReady = new HashSet<>();
  // Tenants whose last claim took as many deliveries as slots were free (more may be due); only the
  // pump thread reads and writes it.
  private final Set<RedisKeys> moreDue = new HashSet<>();
  // Attempts that ended, waiting for the pump to store them.
  private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
  // At most one drain waits on the pump, however many attempts end meanwhile.
  private final AtomicBoolean drainQueued = new AtomicBoolean();
  // Delivery's threads that run at a lower CPU priority than requests.
  private final Set<String> lowered = ConcurrentHashMap.newKeySet();
  // Each tenant's subscriptions by id, read once a poll instead of on every claim: a change (off,
  // deleted, new secret) takes effect at the next poll. Only the pump reads and writes it.
  private final Map<RedisKeys, Map<String, Subscription>> subscriptions = new HashMap<>();

  /** An attempt that ended, to store: {@code metric} is its status for the metrics. */
  private record Outcome(
      RedisKeys keys, WebhookStore.Finished finished, String metric, long nanos) {}

  /**
   * @param redis the Redis connection (its pool is shared; the calls run on this worker's pump)
   * @param tenants the tenants whose streams are read (those with API keys)
   * @param target the URL check, repeated before each attempt
   * @param config delivery settings
   * @param clock wall-clock time for attempts, backoff and ages
   */
  public DeliveryWorker(
      UnifiedJedis redis,
      List<RedisKeys> tenants,
      WebhookTarget target,
      ServingConfig.Webhooks config,
      ServingMetrics metrics,
      Clock clock) {
    this.redis = redis;
    this.tenants = List.copyOf(tenants);
    this.store = new WebhookStore(redis);
    this.target = target;
    this.config = config;
    this.metrics = metrics;
    this.clock = clock;
    this.consumer =
        "treue-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    // Taking over too early only costs a repeated read: recording a delivery is idempotent.
    this.reclaimIdleMillis = Math.max(1_000, config.pollInterval().toMillis() * 20);
    this.leaseMillis = config.timeout().toMillis() * 2 + 5_000;
    this.free = new Semaphore(config.concurrency());
    this.pump =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("treue-webhook-pump"));
    // One event loop for every connection to receivers; the worker pool runs the URL checks, whose
    // name lookups may block.
    this.vertx =
        Vertx.vertx(
            new VertxOptions()
                .setEventLoopPoolSize(1)
                .setWorkerPoolSize(2)
                .setInternalBlockingPoolSize(1));
    this.http =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.timeout().toMillis()))
                .setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(config.concurrency()));
  }

  /**
   * The worker of a configuration, on Redis connections of its own (closed with it), for the
   * tenants with API keys; not started yet. The service's and {@code ./treue webhooks}'s.
   *
   * @param redisUrl the Redis the service uses (its nodes are refused as targets)
   */
  public static DeliveryWorker forConfig(
      ServingConfig config, String redisUrl, ServingMetrics metrics) {
    return new DeliveryWorker(
            RedisEndpoint.parse(redisUrl)
                .connect(config.redis().timeout(), connectionsFor(config.webhooks())),
            config.tenants(),
            WebhookTarget.forRedis(config.webhooks().allowPrivateTargets(), redisUrl),
            config.webhooks(),
            metrics,
            Clock.systemUTC())
        .owningConnections();
  }

  /** Starts polling. */
  public DeliveryWorker start() {
    long every = config.pollInterval().toMillis();
    // The pump lowers itself and delivery's event loop with one renice (it blocks; the loop must
    // not).
    CompletableFuture<Optional<String>> loop = new CompletableFuture<>();
    vertx.runOnContext(v -> loop.complete(BackgroundPriority.currentThreadId()));
    pump.execute(
        () -> {
          List<String> ids = new ArrayList<>();
          BackgroundPriority.currentThreadId().ifPresent(ids::add);
          loop.completeOnTimeout(Optional.empty(), 5, TimeUnit.SECONDS).join().ifPresent(ids::add);
          lowerPriority(ids);
        });
    pump.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
    return this;
  }

  /** One round over every tenant; failures are logged and the next round tries again. */
  void poll() {
    for (RedisKeys keys : tenants) {
      subscriptions.remove(keys);
      try {
        readFirings(keys);
        storeOutcomes();
        sendDue(keys);
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING,
            "webhook delivery for tenant "
                + keys.tenant()
                + " failed this round: "
                + e.getMessage());
      }
    }
  }

  private void readFirings(RedisKeys keys) {
    String stream = keys.triggerStream();
    if (!ensureGroup(stream)) {
      return;
    }
    int read = 0;
    Map.Entry<StreamEntryID, List<StreamEntry>> stale =
        redis.xautoclaim(
            stream,
            GROUP,
            consumer,
            reclaimIdleMillis,
            new StreamEntryID(0, 0),
            new XAutoClaimParams().count(READ_BATCH));
    read += record(keys, stale.getValue());
    while (read < MAX_READ_PER_POLL) {
      List<Map.Entry<String, List<StreamEntry>>> batch;
      try {
        batch =
            redis.xreadGroup(
                GROUP,
                consumer,
                XReadGroupParams.xReadGroupParams().count(READ_BATCH),
                Map.of(stream, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
      } catch (JedisDataException e) {
        if (e.getMessage() != null && e.getMessage().startsWith("NOGROUP")) {
          // The stream was deleted (and the group with it) since the group was made.
          groupsReady.remove(stream);
          return;
        }
        throw e;
      }
      if (batch == null || batch.isEmpty() || batch.get(0).getValue().isEmpty()) {
        return;
      }
      List<StreamEntry> entries = batch.get(0).getValue();
      read += record(keys, entries);
      if (entries.size() < READ_BATCH) {
        return;
      }
    }
  }

  /**
   * Makes the consumer group on the stream unless it exists; false while there is no stream (no
   * firing yet): reading never creates a key, so an idle tenant's Redis stays as it was.
   */
  private boolean ensureGroup(String stream) {
    if (groupsReady.contains(stream)) {
      return true;
    }
    try {
      // From the start of the stream: firings written before the first instance ran are not lost.
      redis.xgroupCreate(stream, GROUP, new StreamEntryID(0, 0), false);
    } catch (JedisDataException e) {
      String message = e.getMessage() == null ? "" : e.getMessage();
      if (message.contains("requires the key to exist")) {
        return false;
      }
      if (!message.startsWith("BUSYGROUP")) {
        throw e;
      }
    }
    groupsReady.add(stream);
    return true;
  }

  /**
   * Records the deliveries of read entries in one round trip, then acknowledges them in one more;
   * returns how many were read.
   */
  private int record(RedisKeys keys, List<StreamEntry> entries) {
    if (entries == null || entries.isEmpty()) {
      return 0;
    }
    long now = clock.millis();
    List<WebhookStore.NewDelivery> deliveries = new ArrayList<>();
    for (StreamEntry entry : entries) {
      Map<String, String> f = entry.getFields();
      String firingId = f.get("firing_id");
      String kind = f.get("kind");
      String customer = f.get("customer_id");
      if (firingId == null || kind == null || !RedisKeys.validMemberId(customer)) {
        LOG.log(
            Level.WARNING,
            "trigger stream entry "
                + entry.getID()
                + " of tenant "
                + keys.tenant()
                + " lacks firing_id or kind, or its customer_id is not a member id; skipped");
        metrics.webhook("malformed", 0);
        continue;
      }
      boolean heldOut = "true".equals(f.get("held_out"));
      for (Subscription s : subscriptions(keys).values()) {
        if (s.enabled() && s.wants(kind)) {
          deliveries.add(
              new WebhookStore.NewDelivery(
                  s.id(),
                  Delivery.of(
                      s.id(),
                      firingId,
                      kind,
                      customer,
                      f.get("fired_at"),
                      f.get("payload"),
                      heldOut,
                      now)));
        }
      }
    }
    if (!deliveries.isEmpty()) {
      List<Boolean> added = store.enqueueAll(keys, deliveries, now);
      for (int i = 0; i < added.size(); i++) {
        if (added.get(i) && deliveries.get(i).delivery().status().equals(Delivery.HELD_OUT)) {
          metrics.webhook(Delivery.HELD_OUT, 0);
        }
      }
    }
    redis.xack(
        keys.triggerStream(),
        GROUP,
        entries.stream().map(StreamEntry::getID).toArray(StreamEntryID[]::new));
    return entries.size();
  }

  /**
   * On the pump: stores the outcomes that came in, then claims more due deliveries for the tenants
   * whose last claim was full, so a freed slot does not wait for the next poll.
   */
  private void drain() {
    drainQueued.set(false);
    try {
      storeOutcomes();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "webhook delivery failed to store outcomes: " + e.getMessage());
    }
    for (RedisKeys keys : tenants) {
      if (!moreDue.contains(keys)) {
        continue;
      }
      try {
        sendDue(keys);
      } catch (RuntimeException e) {
        // The next poll claims them.
        LOG.log(
            Level.WARNING,
            "webhook delivery for tenant "
                + keys.tenant()
                + " failed to refill: "
                + e.getMessage());
      }
    }
  }

  /** The tenant's subscriptions by id, in the order they were made, as of this poll. */
  private Map<String, Subscription> subscriptions(RedisKeys keys) {
    return subscriptions.computeIfAbsent(
        keys,
        k -> {
          Map<String, Subscription> byId = new LinkedHashMap<>();
          for (Subscription s : store.list(k)) {
            byId.put(s.id(), s);
          }
          return byId;
        });
  }

  /** Called when an attempt ended: queues one drain on the pump unless one is waiting. */
  private void ended(Outcome outcome) {
    outcomes.add(outcome);
    if (drainQueued.compareAndSet(false, true)) {
      try {
        pump.execute(this::drain);
      } catch (RejectedExecutionException e) {
        // Closing: the leases run out and another instance (or the next start) tries again.
        drainQueued.set(false);
      }
    }
  }

  /**
   * Stores the outcomes that came in, per tenant in one round trip, and frees their slots. A failed
   * write frees them too: the delivery's lease runs out and it is claimed again.
   */
  private void storeOutcomes() {
    Map<RedisKeys, List<Outcome>> byTenant = new HashMap<>();
    for (Outcome o = outcomes.poll(); o != null; o = outcomes.poll()) {
      byTenant.computeIfAbsent(o.keys(), k -> new ArrayList<>()).add(o);
    }
    RuntimeException failed = null;
    for (Map.Entry<RedisKeys, List<Outcome>> e : byTenant.entrySet()) {
      List<Outcome> list = e.getValue();
      try {
        store.finishAll(e.getKey(), list.stream().map(Outcome::finished).toList());
        for (Outcome o : list) {
          metrics.webhook(o.metric(), o.nanos());
        }
      } catch (RuntimeException ex) {
        failed = ex;
      } finally {
        free.release(list.size());
      }
    }
    if (failed != null) {
      throw failed;
    }
  }

  private void sendDue(RedisKeys keys) {
    int permits = free.availablePermits();
    if (permits == 0) {
      // Every slot is taken: the first attempt to end asks for a drain, which claims again.
      moreDue.add(keys);
      return;
    }
    long now = clock.millis();
    List<String> due = store.claimDue(keys, now, now + leaseMillis, permits);
    if (due.size() >= permits) {
      moreDue.add(keys);
    } else {
      moreDue.remove(keys);
    }
    if (due.isEmpty()) {
      return;
    }
    List<String> wellFormed = new ArrayList<>(due.size());
    for (String member : due) {
      if (member.indexOf('|') < 0) {
        store.dropDue(keys, member);
      } else {
        wellFormed.add(member);
      }
    }
    Map<String, Subscription> subs = subscriptions(keys);
    List<Delivery> records = store.deliveries(keys, wellFormed);
    for (int i = 0; i < wellFormed.size(); i++) {
      String member = wellFormed.get(i);
      String subscriptionId = member.substring(0, member.indexOf('|'));
      Subscription sub = subs.get(subscriptionId);
      Delivery d = sub == null ? null : records.get(i);
      if (d == null
          || d.status().equals(Delivery.DELIVERED)
          || d.status().equals(Delivery.HELD_OUT)
          || d.status().equals(Delivery.DEAD)) {
        store.dropDue(keys, member);
      } else if (!sub.enabled()) {
        long next = now + config.maxRetryInterval().toMillis();
        store.finish(keys, subscriptionId, d.parked(next), next, now);
        metrics.webhook("parked", 0);
      } else {
        free.acquireUninterruptibly();
        attempt(keys, sub, d);
      }
    }
  }

  /** Sends one delivery, signed; its outcome goes back to the pump ({@link #ended}). */
  private void attempt(RedisKeys keys, Subscription sub, Delivery d) {
    String body = d.body();
    long timestamp = clock.millis() / 1000;
    String signature =
        WebhookSignature.header(sub.signingSecrets(clock.instant()), timestamp, body);
    long timeoutMillis = config.timeout().toMillis();
    long start = System.nanoTime();
    Promise<Integer> answered = Promise.promise();
    vertx
        .<URI>executeBlocking(
            () -> {
              if (!LOWERED.get()) {
                LOWERED.set(true);
                BackgroundPriority.currentThreadId().ifPresent(id -> lowerPriority(List.of(id)));
              }
              return target.check(sub.url());
            },
            false)
        .onFailure(answered::tryFail)
        .onSuccess(
            uri -> {
              // The whole attempt, connecting included, ends at the timeout.
              long timer =
                  vertx.setTimer(
                      timeoutMillis,
                      t ->
                          answered.tryFail(
                              new TimeoutException("no answer within " + config.timeout())));
              answered.future().onComplete(r -> vertx.cancelTimer(timer));
              http.request(
                      new RequestOptions()
                          .setMethod(HttpMethod.POST)
                          .setAbsoluteURI(uri.toString())
                          .setFollowRedirects(false)
                          .putHeader("Content-Type", "application/json")
                          .putHeader("User-Agent", "Treue-Webhooks/1")
                          .putHeader("X-Treue-Delivery", d.deliveryId())
                          .putHeader(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                          .putHeader(WebhookSignature.SIGNATURE_HEADER, signature))
                  .compose(
                      request -> {
                        answered.future().onFailure(f -> request.reset());
                        return request.send(Buffer.buffer(body));
                      })
                  .compose(
                      response -> {
                        // The receiver's body is read and dropped: only its status counts.
                        response.handler(chunk -> {});
                        return response.end().map(v -> response.statusCode());
                      })
                  .onComplete(
                      r -> {
                        if (r.succeeded()) {
                          answered.tryComplete(r.result());
                        } else {
                          answered.tryFail(r.cause());
                        }
                      });
            });
    answered
        .future()
        .onComplete(
            r -> {
              long nanos = System.nanoTime() - start;
              try {
                ended(
                    outcome(
                        keys, sub.id(), d, r.succeeded() ? r.result() : null, r.cause(), nanos));
              } catch (RuntimeException e) {
                // Never lose the slot: the lease runs out and the delivery is claimed again.
                LOG.log(Level.WARNING, "webhook delivery " + d.deliveryId() + " failed: " + e);
                free.release();
              }
            });
  }

  /** What an attempt that answered {@code code}, or failed with {@code failure}, leaves behind. */
  private Outcome outcome(
      RedisKeys keys,
      String subscriptionId,
      Delivery d,
      Integer code,
      Throwable failure,
      long nanos) {
    String error;
    if (failure instanceof IllegalArgumentException) {
      error = "refused target: " + failure.getMessage();
    } else if (failure instanceof TimeoutException) {
      error = "no answer within " + config.timeout();
    } else if (failure != null) {
      error =
          "cannot reach the receiver: "
              + failure.getClass().getSimpleName()
              + (failure.getMessage() == null ? "" : " " + failure.getMessage());
    } else if (code < 200 || code > 299) {
      error = "the receiver answered " + code;
    } else {
      error = null;
    }
    long end = clock.millis();
    long latencyMs = TimeUnit.NANOSECONDS.toMillis(nanos);
    if (error == null) {
      return new Outcome(
          keys,
          new WebhookStore.Finished(
              subscriptionId,
              d.attempted(Delivery.DELIVERED, code, latencyMs, null, end, 0),
              0,
              end),
          Delivery.DELIVERED,
          nanos);
    }
    long next = end + backoff(d.attempts() + 1);
    boolean giveUp = next - d.createdAt() > config.giveUpAfter().toMillis();
    Delivery after =
        d.attempted(
            giveUp ? Delivery.DEAD : Delivery.FAILED,
            code,
            latencyMs,
            error,
            end,
            giveUp ? 0 : next);
    return new Outcome(
        keys,
        new WebhookStore.Finished(subscriptionId, after, next, end),
        giveUp ? Delivery.DEAD : Delivery.FAILED,
        nanos);
  }

  /**
   * The wait after the n-th failed attempt: the first retry wait doubled per attempt, capped at the
   * longest wait, then "equal jitter" (half fixed, half random) so receivers coming back are not hit
   * by every delivery at once.
   */
  long backoff(int failedAttempts) {
    long first = config.firstRetry().toMillis();
    long max = config.maxRetryInterval().toMillis();
    int shift = Math.min(failedAttempts - 1, 40);
    long wait = first > (max >> Math.min(shift, 62)) ? max : Math.min(max, first << shift);
    return wait / 2 + ThreadLocalRandom.current().nextLong(wait / 2 + 1);
  }

  /** The consumer name of this instance in the group. */
  String consumer() {
    return consumer;
  }

  @Override
  public void close() {
    pump.shutdownNow();
    try {
      pump.awaitTermination(5, TimeUnit.SECONDS);
      http.close().await(5, TimeUnit.SECONDS);
      vertx.close().await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.log(Level.DEBUG, "closing webhook delivery: " + e.getMessage());
    }
    if (ownsConnections) {
      redis.close();
    }
  }

  /**
   * This worker, closing its Redis connections when it closes: for a worker given connections of
   * its own ({@link #connectionsFor}).
   */
  public DeliveryWorker owningConnections() {
    this.ownsConnections = true;
    return this;
  }

  /**
   * How many Redis connections a worker of its own pool needs: two, since only its pump uses Redis
   * (and a second serves a command that overlaps a closing). The service gives the worker a pool apart from
   * the API's, so a busy delivery never makes a request wait for a connection.
   */
  public static int connectionsFor(ServingConfig.Webhooks config) {
    return 2;
  }

  /** Lowers one of delivery's threads ({@link BackgroundPriority}); blocks for a few milliseconds. */
  private void lowerPriority(List<String> threadIds) {
    if (BackgroundPriority.lower(threadIds)) {
      lowered.addAll(threadIds);
    }
  }

  /** The native ids of delivery's threads that run at {@link BackgroundPriority#NICE}. */
  Set<String> loweredThreads() {
    return Set.copyOf(lowered);
  }
}
