package dev.treue.serving.events;

import dev.treue.core.event.LoyaltyEvent;
import dev.treue.serving.auth.ApiKey;
import dev.treue.serving.http.ApiException;
import dev.treue.serving.models.ServingModel;
import dev.treue.serving.redis.RedisAccess;
import dev.treue.store.EventUpdate;
import dev.treue.store.MemberEventWriter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Concurrent small event posts folded together: a few passes on the Redis worker pool each take
 * every request waiting in a bounded queue and fold all their members with one {@link
 * MemberEventWriter#applyEach} per tenant, so fifty concurrent single-event posts cost a few read
 * and write round trips instead of two each, as a batch of fifty would.
 *
 * <p>Each request keeps its own answer, its own triggers relay and its own error: a member that
 * meets contention on every attempt fails only the request it belongs to, with a 503. A member named
 * by two requests in the queue is folded for the earlier one in this pass and for the later one in
 * the next (a request is deferred when any of its members is already in the pass, or named by a
 * request deferred before it), so a member's posts fold in the order they arrived and repeated event
 * ids are recognised exactly once. Tenants are folded apart.
 *
 * <p>As for the churn-risk reads ({@link dev.treue.serving.redis.PipelinedPasses}), at most {@link
 * RedisAccess#maxQueued()} requests wait, a request that waited longer than the Redis timeout is
 * answered 503 instead of running late, and Redis failures are 503s.
 */
final class FoldPasses {
  /** Members folded in one pass at most: a request that would go beyond waits for the next pass. */
  static final int MAX_PASS_MEMBERS = 256;

  /** What a pass does around the writer: the folds of a request's members and what follows them. */
  interface Folding {
    /** The served churn model, read once per pass (null when none is loaded). */
    ServingModel model();

    /** One member's events of a request, with its triggers and the writes that go with its state. */
    MemberEventWriter.MemberEvents prepare(
        ApiKey key, ServingModel model, String customerId, List<LoyaltyEvent> events);

    /** After the member's fold: relays its firings, repairs its at-risk row. */
    void settle(
        ApiKey key, ServingModel model, EventUpdate update, MemberEventWriter.MemberEvents m);
  }

  /** One posted request: its members' events in the order posted. */
  private static final class Request {
    final ApiKey key;
    final List<Map.Entry<String, List<LoyaltyEvent>>> members;
    final Promise<Map<String, EventUpdate>> promise = Promise.promise();
    final Context context;
    final long enqueued = System.nanoTime();
    boolean answered;

    Request(ApiKey key, List<Map.Entry<String, List<LoyaltyEvent>>> members, Context context) {
      this.key = key;
      this.members = members;
      this.context = context;
    }

    void complete(Map<String, EventUpdate> updates) {
      answered = true;
      if (context == null) {
        promise.complete(updates);
      } else {
        context.runOnContext(v -> promise.complete(updates));
      }
    }

    void fail(Throwable failure) {
      answered = true;
      if (context == null) {
        promise.fail(failure);
      } else {
        context.runOnContext(v -> promise.fail(failure));
      }
    }
  }

  private final RedisAccess redis;
  private final MemberEventWriter writer;
  private final Folding folding;
  private final int maxPasses;
  private final BlockingQueue<Request> queue;
  private final AtomicInteger running = new AtomicInteger();

  /**
   * @param maxPasses passes running at once, each on one worker of the pool
   */
  FoldPasses(RedisAccess redis, MemberEventWriter writer, Folding folding, int maxPasses) {
    this.redis = redis;
    this.writer = writer;
    this.folding = folding;
    this.maxPasses = maxPasses;
    this.queue = new ArrayBlockingQueue<>(redis.maxQueued());
  }

  /**
   * Folds a request's members with the next pass; the future completes on the caller's Vert.x
   * context.
   *
   * @param members distinct members with their events in the order posted
   */
  Future<Map<String, EventUpdate>> submit(
      ApiKey key, List<Map.Entry<String, List<LoyaltyEvent>>> members) {
    Request request = new Request(key, members, Vertx.currentContext());
    if (!queue.offer(request)) {
      return Future.failedFuture(
          ApiException.unavailable(
              "redis-unavailable",
              "Redis is not keeping up: "
                  + queue.size()
                  + " requests are already waiting for it; retry shortly"));
    }
    if (startPass()) {
      redis
          .run(
              () -> {
                drain();
                return null;
              })
          .onFailure(
              e -> {
                // The pass never ran (the pool's own queue was full or late): when no other pass
                // is left to take them, the waiting requests get its 503.
                if (running.decrementAndGet() == 0) {
                  List<Request> stranded = new ArrayList<>();
                  queue.drainTo(stranded);
                  stranded.forEach(r -> r.fail(e));
                }
              });
    }
    return request.promise.future();
  }

  private boolean startPass() {
    while (true) {
      int n = running.get();
      if (n >= maxPasses) {
        return false;
      }
      if (running.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  /** Passes until the queue is empty. */
  private void drain() {
    List<Request> deferred = new ArrayList<>();
    while (true) {
      // Deferred requests go first: they arrived before anything still in the queue.
      List<Request> candidates = new ArrayList<>(deferred);
      deferred.clear();
      queue.drainTo(candidates, MAX_PASS_MEMBERS);
      if (candidates.isEmpty()) {
        running.decrementAndGet();
        // A request queued between the drain and the decrement found every pass running: take it.
        if (queue.isEmpty() || !startPass()) {
          return;
        }
        continue;
      }
      try {
        pass(candidates, deferred);
      } catch (RuntimeException | Error e) {
        // A bug in the pass itself: answer what is in hand rather than lose it.
        for (Request r : candidates) {
          if (!r.answered) {
            r.fail(e);
          }
        }
        deferred.clear();
      }
    }
  }

  /** One pass: takes the requests whose members are free, folds them per tenant. */
  private void pass(List<Request> candidates, List<Request> deferred) {
    Map<String, List<Request>> byTenant = new LinkedHashMap<>();
    Map<String, Set<String>> named = new LinkedHashMap<>();
    int members = 0;
    for (Request r : candidates) {
      if (System.nanoTime() - r.enqueued > redis.timeoutNanos()) {
        r.fail(
            ApiException.unavailable(
                "redis-unavailable",
                "Redis calls are queued longer than the Redis timeout; retry shortly"));
        continue;
      }
      String tenant = r.key.keys().tenant();
      Set<String> seen = named.computeIfAbsent(tenant, t -> new HashSet<>());
      boolean free = true;
      for (Map.Entry<String, List<LoyaltyEvent>> m : r.members) {
        // Named even when the request waits: a later request of the member must wait behind it.
        free &= seen.add(m.getKey());
      }
      if (free && (members == 0 || members + r.members.size() <= MAX_PASS_MEMBERS)) {
        members += r.members.size();
        byTenant.computeIfAbsent(tenant, t -> new ArrayList<>()).add(r);
      } else {
        deferred.add(r);
      }
    }
    ServingModel model = folding.model();
    for (List<Request> requests : byTenant.values()) {
      fold(model, requests);
    }
  }

  /** One tenant's requests in one {@link MemberEventWriter#applyEach}. */
  private void fold(ServingModel model, List<Request> requests) {
    List<Request> taken = new ArrayList<>(requests.size());
    List<MemberEventWriter.MemberEvents> folds = new ArrayList<>();
    for (Request r : requests) {
      try {
        List<MemberEventWriter.MemberEvents> own = new ArrayList<>(r.members.size());
        for (Map.Entry<String, List<LoyaltyEvent>> m : r.members) {
          own.add(folding.prepare(r.key, model, m.getKey(), m.getValue()));
        }
        folds.addAll(own);
        taken.add(r);
      } catch (RuntimeException e) {
        r.fail(e);
      }
    }
    if (taken.isEmpty()) {
      return;
    }
    long start = System.nanoTime();
    List<MemberEventWriter.Outcome> outcomes;
    try {
      outcomes = writer.applyEach(taken.get(0).key.keys(), folds);
    } catch (RuntimeException e) {
      long took = System.nanoTime() - start;
      RuntimeException failure = e instanceof JedisException j ? RedisAccess.failure(j) : e;
      for (Request r : taken) {
        redis.recordRedis("event_update", took, false);
        r.fail(failure);
      }
      return;
    }
    long took = System.nanoTime() - start;
    int next = 0;
    for (Request r : taken) {
      int first = next;
      next += r.members.size();
      redis.recordRedis("event_update", took, true);
      Map<String, EventUpdate> updates = new LinkedHashMap<>();
      RuntimeException error = null;
      try {
        for (int i = first; i < next; i++) {
          MemberEventWriter.Outcome o = outcomes.get(i);
          if (o.contention() != null) {
            if (error == null) {
              error = ApiException.unavailable("contention", o.contention().getMessage());
            }
            continue;
          }
          updates.put(o.update().customerId(), o.update());
          // The members that did settle relay their firings even when another member of the
          // request failed: the state is written, its firings are due.
          folding.settle(r.key, model, o.update(), folds.get(i));
        }
      } catch (RuntimeException e) {
        error = e;
      }
      if (error != null) {
        r.fail(error);
      } else {
        r.complete(updates);
      }
    }
  }
}
