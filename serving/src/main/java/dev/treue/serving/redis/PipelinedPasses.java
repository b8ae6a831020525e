package dev.treue.serving.redis;

import dev.treue.serving.metrics.ServingMetrics;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Concurrent requests' Redis reads in shared pipelines: a few reader threads each take every request
 * waiting in the queue, send their commands as one pipeline (one round trip on a single Redis, one
 * per master on a cluster, where Jedis groups the commands by node), and once it has synced run each
 * request's continuation on the same thread: it decodes and scores there, and either answers or
 * queues a next step (the ranking log's append) that goes out with the next pass. So 50 concurrent
 * requests cost a few round trips, not 50, and a request crosses threads twice: from the event loop
 * to a reader, and back with its answer.
 *
 * <p>The requests wait in a {@link PassQueue}, with its rules: at most {@code maxQueued} wait, one
 * that waited longer than the Redis timeout is answered 503 instead of running late, and once closed
 * what waits is failed. Redis failures are 503s too: a Redis that hangs gives fast 503s, not a
 * growing backlog.
 */
public final class PipelinedPasses implements AutoCloseable {
  /** Requests sent in one pipeline at most (a pass with more leaves the rest for the next). */
  static final int MAX_PASS = 256;

  /**
   * One request's commands in a pass.
   *
   * @param <T> the request's answer
   */
  @FunctionalInterface
  public interface Step<T> {
    /**
     * Queues this step's commands on the pass's pipeline.
     *
     * @return what to do with their replies once the pipeline has synced (run on the reader thread)
     */
    Replied<T> queue(AbstractPipeline pipeline);
  }

  /**
   * What a step does with its replies.
   *
   * @param <T> the request's answer
   */
  @FunctionalInterface
  public interface Replied<T> {
    /** The answer, or a next step for the next pass ({@link Outcome}). */
    Outcome<T> outcome() throws Exception;
  }

  /**
   * A step's result: the request's answer, or a next step whose commands go out with the next pass.
   *
   * @param <T> the request's answer
   */
  public record Outcome<T>(T answer, Step<T> next) {
    public static <T> Outcome<T> answer(T answer) {
      return new Outcome<>(answer, null);
    }

    public static <T> Outcome<T> then(Step<T> next) {
      return new Outcome<>(null, next);
    }
  }

  /** A request in the queue or between its steps. */
  private static final class Pending<T> extends PassQueue.Waiting<T> {
    final String command;
    Step<T> step;
    Replied<T> replied;

    Pending(String command, Step<T> step) {
      this.command = command;
      this.step = step;
    }

    void queue(AbstractPipeline pipeline) {
      replied = step.queue(pipeline);
    }

    /** Runs the continuation: true when the request has a next step. */
    boolean advance() throws Exception {
      Outcome<T> out = replied.outcome();
      replied = null;
      if (out.next() != null) {
        step = out.next();
        return true;
      }
      complete(out.answer());
      return false;
    }
  }

  private final UnifiedJedis jedis;
  private final ServingMetrics metrics;
  private final Function<JedisException, RuntimeException> failures;
  private final PassQueue<Pending<?>> queue;
  private final List<Thread> readers = new ArrayList<>();

  /**
   * @param readers reader threads, each with at most one pass (one pooled connection) at a time
   * @param maxQueued requests that may wait; beyond it 503
   * @param failures how a Redis failure becomes the request's error (503 for transient states)
   */
  PipelinedPasses(
      UnifiedJedis jedis,
      ServingMetrics metrics,
      long timeoutNanos,
      int readers,
      int maxQueued,
      Function<JedisException, RuntimeException> failures) {
    this.jedis = jedis;
    this.metrics = metrics;
    this.failures = failures;
    this.queue = new PassQueue<>(maxQueued, timeoutNanos);
    for (int i = 0; i < readers; i++) {
      Thread t = new Thread(this::read, "treue-redis-reader-" + i);
      t.setDaemon(true);
      this.readers.add(t);
      t.start();
    }
  }

  /**
   * Sends the request's first step with the next pass; the future completes on the caller's Vert.x
   * context (the event loop of the HTTP request) when its last step has answered.
   *
   * @param command the name its Redis time is recorded under
   */
  public <T> Future<T> submit(String command, Step<T> step) {
    Pending<T> pending = new Pending<>(command, step);
    queue.offer(pending);
    return pending.future();
  }

  private void read() {
    List<Pending<?>> pass = new ArrayList<>(MAX_PASS);
    List<Pending<?>> next = new ArrayList<>();
    try {
      while (!queue.closed()) {
        try {
          if (next.isEmpty()) {
            queue.awaitPass(pass, MAX_PASS, 100);
          } else {
            // A request's next step goes first, then what waits behind it.
            pass.addAll(next);
            next.clear();
            queue.takePass(pass, MAX_PASS);
          }
          if (!pass.isEmpty()) {
            pass(pass, next);
          }
          pass.clear();
        } catch (RuntimeException | Error e) {
          // A continuation's own failure fails its request in pass(); this is a bug in the loop
          // itself: fail what is in hand rather than lose it, and keep reading.
          PassQueue.failHeld(pass, e);
          PassQueue.failHeld(next, e);
          pass.clear();
          next.clear();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // Closed: steps still in hand get no next pass.
    PassQueue.failHeld(pass, PassQueue.closing());
    PassQueue.failHeld(next, PassQueue.closing());
  }

  /** One pipeline for the whole pass, then each request's continuation. */
  private void pass(List<Pending<?>> pass, List<Pending<?>> next) {
    long start = System.nanoTime();
    List<Pending<?>> sent = new ArrayList<>(pass.size());
    AbstractPipeline pipeline;
    try {
      pipeline = jedis.pipelined();
    } catch (JedisException e) {
      RuntimeException failure = failures.apply(e);
      for (Pending<?> p : pass) {
        metrics.redis(p.command, System.nanoTime() - start, false);
        p.fail(failure);
      }
      return;
    }
    try (pipeline) {
      for (Pending<?> p : pass) {
        try {
          p.queue(pipeline);
          sent.add(p);
        } catch (RuntimeException e) {
          p.fail(e);
        }
      }
      pipeline.sync();
    } catch (JedisException e) {
      long took = System.nanoTime() - start;
      RuntimeException failure = failures.apply(e);
      for (Pending<?> p : sent) {
        metrics.redis(p.command, took, false);
        p.fail(failure);
      }
      return;
    }
    long took = System.nanoTime() - start;
    for (Pending<?> p : sent) {
      metrics.redis(p.command, took, true);
      try {
        if (p.advance()) {
          next.add(p);
        }
      } catch (JedisException e) {
        p.fail(failures.apply(e));
      } catch (Exception e) {
        p.fail(e);
      }
    }
  }

  @Override
  public void close() {
    queue.close();
    for (Thread t : readers) {
      t.interrupt();
    }
  }
}
