package dev.treue.serving.redis;

import dev.treue.serving.http.ApiException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Requests waiting for Redis to serve them in passes: a pass takes every request waiting (up to its
 * size) and serves them together, so concurrent requests share round trips. The one place of the
 * rules such a queue keeps, as the worker pool does ({@link RedisAccess#run}): at most {@code
 * maxQueued} requests wait and beyond it a request is refused with a 503; a request that waited
 * longer than the Redis timeout is answered 503 instead of running late; closed, it fails what waits
 * and refuses new work. So a Redis that hangs gives fast 503s, not a growing backlog.
 *
 * <p>Who runs the passes is the owner's: {@link PipelinedPasses} has reader threads that block on
 * {@link #awaitPass}, the events' folds start passes on the worker pool on demand ({@link
 * #takePass}).
 *
 * @param <R> the owner's requests
 */
public final class PassQueue<R extends PassQueue.Waiting<?>> {
  /**
   * One request in the queue or in a pass: answered once, on the Vert.x context it came from (the
   * event loop of its HTTP request), by the thread that holds it in a pass.
   *
   * @param <T> its answer
   */
  public abstract static class Waiting<T> {
    private final Promise<T> promise = Promise.promise();
    private final Context context = Vertx.currentContext();
    private final long enqueued = System.nanoTime();
    // Read and written only by the thread that holds the request (the queue hands it over).
    private boolean answered;

    /** Completes when the request has been answered (on its context) or refused. */
    public final Future<T> future() {
      return promise.future();
    }

    public final void complete(T answer) {
      answer(answer, null);
    }

    public final void fail(Throwable failure) {
      answer(null, failure);
    }

    private void answer(T answer, Throwable failure) {
      answered = true;
      if (context == null) {
        settle(answer, failure);
      } else {
        context.runOnContext(v -> settle(answer, failure));
      }
    }

    private void settle(T answer, Throwable failure) {
      if (failure == null) {
        promise.complete(answer);
      } else {
        promise.fail(failure);
      }
    }
  }

  private final BlockingQueue<R> queue;
  private final long timeoutNanos;
  private volatile boolean closed;

  /**
   * @param maxQueued requests that may wait; beyond it 503
   * @param timeoutNanos how long a request may wait before it is answered 503 (the Redis timeout)
   */
  public PassQueue(int maxQueued, long timeoutNanos) {
    this.queue = new ArrayBlockingQueue<>(maxQueued);
    this.timeoutNanos = timeoutNanos;
  }

  /**
   * Queues a request for a next pass; when the queue is full or closed the request is failed at
   * once (answered on its context like any answer, without waiting for a pass).
   *
   * @return whether it was queued
   */
  public boolean offer(R request) {
    if (closed) {
      request.fail(closing());
      return false;
    }
    if (!queue.offer(request)) {
      request.fail(
          ApiException.unavailable(
              "redis-unavailable",
              "Redis is not keeping up: "
                  + queue.size()
                  + " requests are already waiting for it; retry shortly"));
      return false;
    }
    if (closed) {
      // Closed between the check and the offer: close() may have drained before it went in.
      failWaiting(closing());
    }
    return true;
  }

  /**
   * Waits up to {@code millis} for a request, then takes it and those behind it into the pass, up to
   * {@code max} in the pass in all; requests that waited too long are answered 503 and left out.
   *
   * @return how many were taken from the queue (0 when none came), late ones included
   */
  public int awaitPass(List<R> pass, int max, long millis) throws InterruptedException {
    R first = queue.poll(millis, TimeUnit.MILLISECONDS);
    if (first == null) {
      return 0;
    }
    int from = pass.size();
    pass.add(first);
    queue.drainTo(pass, max - pass.size());
    return admit(pass, from);
  }

  /**
   * Takes the requests waiting into the pass, up to {@code max} in the pass in all, without
   * waiting; requests that waited too long are answered 503 and left out.
   *
   * @return how many were taken from the queue (0 when it was empty), late ones included
   */
  public int takePass(List<R> pass, int max) {
    int from = pass.size();
    queue.drainTo(pass, max - from);
    return admit(pass, from);
  }

  public boolean isEmpty() {
    return queue.isEmpty();
  }

  /** Fails every request still waiting (no pass is left to take them). */
  public void failWaiting(Throwable failure) {
    R r;
    while ((r = queue.poll()) != null) {
      r.fail(failure);
    }
  }

  /**
   * Fails the requests a pass holds that are not answered yet: what a pass does when it fails in
   * itself (a bug, or its thread stopping), rather than lose them.
   */
  public static void failHeld(List<? extends Waiting<?>> held, Throwable failure) {
    for (Waiting<?> r : held) {
      if (!r.answered) {
        r.fail(failure);
      }
    }
  }

  /** The failure of work a closed queue refuses or leaves unserved. */
  public static ApiException closing() {
    return ApiException.unavailable(
        "redis-unavailable", "The service is shutting down; retry shortly");
  }

  /** Refuses new requests and fails those waiting; the owner stops its passes. */
  public void close() {
    closed = true;
    failWaiting(closing());
  }

  public boolean closed() {
    return closed;
  }

  /** Leaves out of the pass (from {@code from} on) the requests that waited too long, with a 503. */
  private int admit(List<R> pass, int from) {
    int taken = pass.size() - from;
    long now = System.nanoTime();
    int kept = from;
    for (int i = from; i < pass.size(); i++) {
      R r = pass.get(i);
      if (now - ((Waiting<?>) r).enqueued > timeoutNanos) {
        r.fail(
            ApiException.unavailable(
                "redis-unavailable",
                "Redis calls are queued longer than the Redis timeout; retry shortly"));
      } else {
        pass.set(kept++, r);
      }
    }
    for (int i = pass.size() - 1; i >= kept; i--) {
      pass.remove(i);
    }
    return taken;
  }
}
