package dev.treue.serving.redis;

import dev.treue.serving.http.ApiException;
import dev.treue.serving.metrics.ServingMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Where blocking Redis work runs: a bounded, named worker pool, never the event loop. Work that
 * waited in the queue longer than the Redis timeout is dropped with a 503 instead of running late,
 * and at most {@code 8 x pool} tasks may wait, so a Redis that hangs gives fast 503s rather than a
 * growing backlog. Redis failures become 503 problems; the pool reconnects on its own when Redis
 * is back.
 */
public final class RedisAccess implements AutoCloseable {
  private static final Logger LOG = System.getLogger(RedisAccess.class.getName());
  // Error prefixes of Redis states that pass (loading, failover, a long script, memory): retry
  // shortly.
  private static final java.util.List<String> TRANSIENT_ERRORS =
      java.util.List.of(
          "CLUSTERDOWN",
          "LOADING",
          "BUSY",
          "READONLY",
          "OOM",
          "MASTERDOWN",
          "TRYAGAIN",
          "NOREPLICAS");

  private final UnifiedJedis jedis;
  private final WorkerExecutor workers;
  private final ServingMetrics metrics;
  private final long timeoutNanos;
  private final int maxQueued;
  private final AtomicInteger queued = new AtomicInteger();
  private final PipelinedPasses passes;

  public RedisAccess(
      Vertx vertx, UnifiedJedis jedis, int poolSize, Duration timeout, ServingMetrics metrics) {
    this.jedis = jedis;
    // The max execute time only makes Vert.x warn about blocked workers; the Jedis timeouts bound
    // the calls.
    this.workers =
        vertx.createSharedWorkerExecutor(
            "treue-redis", poolSize, timeout.toNanos() * 4 + 1_000_000_000L, TimeUnit.NANOSECONDS);
    this.metrics = metrics;
    this.timeoutNanos = timeout.toNanos();
    this.maxQueued = poolSize * 8;
    // Twice the cores: a reader scores its pass's members after the reply, so while one waits for
    // Redis the others keep the cores busy; never more than the pool's threads.
    int readers = Math.max(1, Math.min(poolSize, 2 * Runtime.getRuntime().availableProcessors()));
    this.passes =
        new PipelinedPasses(jedis, metrics, timeoutNanos, readers, maxQueued, RedisAccess::failure);
  }

  /**
   * Sends a request's Redis reads with other concurrent requests' in one pipeline ({@link
   * PipelinedPasses}); its continuations run on the reader thread, the future completes on the
   * caller's context.
   *
   * @param command the name its Redis time is recorded under
   */
  public <T> Future<T> pipelined(String command, PipelinedPasses.Step<T> step) {
    return passes.submit(command, step);
  }

  public UnifiedJedis jedis() {
    return jedis;
  }

  /** How long work may wait for Redis before it is answered 503 instead of running late. */
  public long timeoutNanos() {
    return timeoutNanos;
  }

  /** How many requests may wait for Redis; beyond it 503. */
  public int maxQueued() {
    return maxQueued;
  }

  /** Records the Redis time of one request's command (for work timed outside {@link #timed}). */
  public void recordRedis(String command, long nanos, boolean ok) {
    metrics.redis(command, nanos, ok);
  }

  /** Runs blocking work (Redis calls and what goes with them) on the pool. */
  public <T> Future<T> run(Callable<T> work) {
    if (queued.incrementAndGet() > maxQueued) {
      queued.decrementAndGet();
      return Future.failedFuture(
          ApiException.unavailable(
              "redis-unavailable",
              "Redis is not keeping up: "
                  + maxQueued
                  + " requests are already waiting for it; retry shortly"));
    }
    long enqueued = System.nanoTime();
    return workers.executeBlocking(
        () -> {
          queued.decrementAndGet();
          if (System.nanoTime() - enqueued > timeoutNanos) {
            throw ApiException.unavailable(
                "redis-unavailable",
                "Redis calls are queued longer than the Redis timeout; retry shortly");
          }
          return work.call();
        },
        false);
  }

  /** Runs one Redis operation on the calling (worker) thread, timed and with failures made 503s. */
  public <T> T timed(String command, Supplier<T> call) {
    long start = System.nanoTime();
    try {
      T result = call.get();
      metrics.redis(command, System.nanoTime() - start, true);
      return result;
    } catch (JedisException e) {
      metrics.redis(command, System.nanoTime() - start, false);
      throw failure(e);
    }
  }

  /**
   * What a Redis failure answers: a 503 when Redis is unreachable or in a state that passes, the
   * failure itself (a 500) otherwise.
   */
  public static RuntimeException failure(JedisException e) {
    if (e instanceof JedisConnectionException) {
      return unavailable("Redis is unreachable", e);
    }
    if (transientFailure(e.getMessage())) {
      return unavailable(
          "Redis is unavailable (no free connection, cluster down, loading, failing over, busy"
              + " or out of memory)",
          e);
    }
    return e;
  }

  /** Redis states that pass: retrying shortly is the right answer, so they are 503s, not 500s. */
  static boolean transientFailure(String message) {
    if (message == null) {
      return false;
    }
    if (message.contains("pool") || message.contains("cluster")) {
      return true;
    }
    for (String prefix : TRANSIENT_ERRORS) {
      if (message.startsWith(prefix) || message.contains(" " + prefix + " ")) {
        return true;
      }
    }
    return false;
  }

  /**
   * A 503 that says what is wrong without Jedis's message, which names the Redis host and port: that
   * goes to the log.
   */
  private static ApiException unavailable(String what, JedisException e) {
    LOG.log(Level.WARNING, what + ": " + e.getMessage());
    return ApiException.unavailable("redis-unavailable", what + "; retry shortly");
  }

  @Override
  public void close() {
    passes.close();
    workers.close();
    jedis.close();
  }
}
