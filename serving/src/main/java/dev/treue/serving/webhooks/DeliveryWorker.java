package dev.treue.serving.webhooks;

import dev.treue.serving.config.ServingConfig;
import dev.treue.serving.metrics.ServingMetrics;
import dev.treue.store.RedisKeys;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Delivers trigger firings to webhook subscriptions, apart from request handling: one pump thread
 * and a fixed pool of {@code webhook_concurrency} sender threads of its own, so a slow or failing
 * receiver holds at most those threads and never an event loop or the request Redis pool's workers.
 *
 * <p>Each poll the pump, per tenant, (1) reads new firings from {@link RedisKeys#triggerStream()}
 * with the consumer group {@value #GROUP}, so instances share the stream, and takes over entries
 * another consumer read but did not acknowledge for a while (it crashed); (2) for each firing and
 * each enabled subscription wanting its kind records a delivery (once: the delivery id is derived
 * from subscription and firing) due now, or {@code held_out} for control-group members, and only
 * then acknowledges the entry; (3) claims due deliveries, as many as sender threads are free, by
 * leasing them in the due set, and hands them to the senders. When a claim filled every free
 * sender, more may be due: each sender that finishes then asks the pump for another claim at once,
 * so senders are kept busy instead of idling until the next poll. A sender posts, signed, and stores
 * the outcome: delivered, or due again after an exponential backoff with jitter, or a dead letter
 * once the delivery is older than {@code webhook_give_up_after}. A crash anywhere leaves either an
 * unacknowledged entry or a leased due delivery, both picked up again: at least once, with
 * duplicates only as retries of one delivery id.
 */
public final class DeliveryWorker implements AutoCloseable {
  /** The consumer group on every tenant's trigger stream. */
  public static final String GROUP = "webhooks";

  private static final Logger LOG = System.getLogger(DeliveryWorker.class.getName());
  private static final int READ_BATCH = 100;
  private static final int MAX_READ_PER_POLL = 1_000;

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
  private final Semaphore free;
  private final ScheduledExecutorService pump;
  private final ExecutorService senders;
  private final HttpClient http;
  private final Set<String> groupsReady = new HashSet<>();
  // Tenants whose last claim took as many deliveries as senders were free (more may be due); only
  // the pump thread reads and writes it.
  private final Set<RedisKeys> moreDue = new HashSet<>();
  // At most one refill waits on the pump, however many senders finish meanwhile.
  private final AtomicBoolean refillQueued = new AtomicBoolean();

  /**
   * @param redis the Redis connection (its pool is shared; the calls run on this worker's threads)
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
    this.pump = Executors.newSingleThreadScheduledExecutor(named("treue-webhook-pump"));
    this.senders = Executors.newFixedThreadPool(config.concurrency(), named("treue-webhook-send"));
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(config.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Starts polling. */
  public DeliveryWorker start() {
    long every = config.pollInterval().toMillis();
    pump.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
    return this;
  }

  /** One round over every tenant; failures are logged and the next round tries again. */
  void poll() {
    for (RedisKeys keys : tenants) {
      try {
        readFirings(keys);
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
    ensureGroup(stream);
    Map<String, List<Subscription>> subs = new HashMap<>();
    int read = 0;
    Map.Entry<StreamEntryID, List<StreamEntry>> stale =
        redis.xautoclaim(
            stream,
            GROUP,
            consumer,
            reclaimIdleMillis,
            new StreamEntryID(0, 0),
            new XAutoClaimParams().count(READ_BATCH));
    read += record(keys, stale.getValue(), subs);
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
      read += record(keys, entries, subs);
      if (entries.size() < READ_BATCH) {
        return;
      }
    }
  }

  private void ensureGroup(String stream) {
    if (groupsReady.contains(stream)) {
      return;
    }
    try {
      // From the start of the stream: firings written before the first instance ran are not lost.
      redis.xgroupCreate(stream, GROUP, new StreamEntryID(0, 0), true);
    } catch (JedisDataException e) {
      if (e.getMessage() == null || !e.getMessage().startsWith("BUSYGROUP")) {
        throw e;
      }
    }
    groupsReady.add(stream);
  }

  /** Records the deliveries of read entries, then acknowledges them; returns how many were read. */
  private int record(
      RedisKeys keys, List<StreamEntry> entries, Map<String, List<Subscription>> subs) {
    if (entries == null) {
      return 0;
    }
    long now = clock.millis();
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
      } else {
        boolean heldOut = "true".equals(f.get("held_out"));
        for (Subscription s : subs.computeIfAbsent("", k -> store.list(keys))) {
          if (!s.enabled() || !s.wants(kind)) {
            continue;
          }
          Delivery d =
              Delivery.of(
                  s.id(),
                  firingId,
                  kind,
                  customer,
                  f.get("fired_at"),
                  f.get("payload"),
                  heldOut,
                  now);
          if (store.enqueue(keys, s.id(), d, now) && heldOut) {
            metrics.webhook(Delivery.HELD_OUT, 0);
          }
        }
      }
      redis.xack(keys.triggerStream(), GROUP, entry.getID());
    }
    return entries.size();
  }

  /**
   * Claims more due deliveries for the tenants whose last claim was full, on the pump thread: asked
   * for by a sender that finished, so a freed sender does not wait for the next poll.
   */
  private void refill() {
    refillQueued.set(false);
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

  /** Called by a sender that finished: queues one refill on the pump unless one is waiting. */
  private void senderFreed() {
    if (refillQueued.compareAndSet(false, true)) {
      try {
        pump.execute(this::refill);
      } catch (RejectedExecutionException e) {
        // Closing.
        refillQueued.set(false);
      }
    }
  }

  private void sendDue(RedisKeys keys) {
    int permits = free.availablePermits();
    if (permits == 0) {
      // Every sender is busy: the first to finish asks for a refill.
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
    for (String member : due) {
      int bar = member.indexOf('|');
      if (bar < 0) {
        store.dropDue(keys, member);
        continue;
      }
      free.acquireUninterruptibly();
      String subscriptionId = member.substring(0, bar);
      String deliveryId = member.substring(bar + 1);
      senders.execute(
          () -> {
            try {
              attempt(keys, subscriptionId, deliveryId, member);
            } catch (RuntimeException e) {
              // The lease runs out and the delivery is claimed again.
              LOG.log(
                  Level.WARNING, "webhook delivery " + deliveryId + " failed: " + e.getMessage());
            } finally {
              free.release();
              senderFreed();
            }
          });
    }
  }

  private void attempt(RedisKeys keys, String subscriptionId, String deliveryId, String member) {
    Subscription sub = store.get(keys, subscriptionId).orElse(null);
    Delivery d = sub == null ? null : store.delivery(keys, subscriptionId, deliveryId).orElse(null);
    if (d == null
        || d.status().equals(Delivery.DELIVERED)
        || d.status().equals(Delivery.HELD_OUT)
        || d.status().equals(Delivery.DEAD)) {
      store.dropDue(keys, member);
      return;
    }
    long now = clock.millis();
    if (!sub.enabled()) {
      long next = now + config.maxRetryInterval().toMillis();
      store.finish(keys, subscriptionId, d.parked(next), next, now);
      metrics.webhook("parked", 0);
      return;
    }
    String body = d.body();
    long timestamp = now / 1000;
    long start = System.nanoTime();
    Integer code = null;
    String error = null;
    try {
      URI uri = target.check(sub.url());
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .timeout(config.timeout())
              .header("Content-Type", "application/json")
              .header("User-Agent", "Treue-Webhooks/1")
              .header("X-Treue-Delivery", d.deliveryId())
              .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
              .header(
                  WebhookSignature.SIGNATURE_HEADER,
                  WebhookSignature.header(sub.signingSecrets(clock.instant()), timestamp, body))
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
      HttpResponse<InputStream> response =
          http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      code = response.statusCode();
      // The receiver's body is not read: only its status counts.
      response.body().close();
      if (code < 200 || code > 299) {
        error = "the receiver answered " + code;
      }
    } catch (IllegalArgumentException e) {
      error = "refused target: " + e.getMessage();
    } catch (HttpTimeoutException e) {
      error = "no answer within " + config.timeout();
    } catch (java.io.IOException e) {
      error =
          "cannot reach the receiver: "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    long nanos = System.nanoTime() - start;
    long end = clock.millis();
    long latencyMs = TimeUnit.NANOSECONDS.toMillis(nanos);
    if (error == null) {
      store.finish(
          keys,
          subscriptionId,
          d.attempted(Delivery.DELIVERED, code, latencyMs, null, end, 0),
          0,
          end);
      metrics.webhook(Delivery.DELIVERED, nanos);
      return;
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
    store.finish(keys, subscriptionId, after, next, end);
    metrics.webhook(giveUp ? Delivery.DEAD : Delivery.FAILED, nanos);
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
    senders.shutdownNow();
    try {
      pump.awaitTermination(5, TimeUnit.SECONDS);
      senders.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
   * How many Redis connections a worker of its own pool needs: a few, because senders hold one only
   * for a short command between waits on receivers. The service gives the worker a pool apart from
   * the API's, so a busy delivery never makes a request wait for a connection.
   */
  public static int connectionsFor(ServingConfig.Webhooks config) {
    return Math.max(2, Math.min(8, config.concurrency()));
  }

  private static java.util.concurrent.ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
