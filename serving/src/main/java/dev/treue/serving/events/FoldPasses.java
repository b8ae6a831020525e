package dev.treue.serving.events;

import dev.treue.core.event.LoyaltyEvent;
import dev.treue.serving.auth.ApiKey;
import dev.treue.serving.http.ApiException;
import dev.treue.serving.models.ServingModel;
import dev.treue.serving.redis.PassQueue;
import dev.treue.serving.redis.RedisAccess;
import dev.treue.store.EventUpdate;
import dev.treue.store.MemberEventWriter;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Concurrent small event posts folded together: a few passes on the Redis worker pool each take
 * every request waiting in a bounded queue and fold all their members with one {@link
 * MemberEventWriter#applyEach} per tenant, so fifty concurrent single-event posts cost a few read
 * and write round trips instead of two each, as a batch of fifty would.
 *
 * <p>Each request keeps its own answer, its own triggers relay and its own error: a member that
 * meets contention on every attempt fails only the requests naming it, with a 503. A member named
 * by several requests of a pass is folded once with all their events in the order the requests
 * arrived, and each request gets its own events' statuses back, so an event id posted twice is
 * accepted once and a duplicate once, and a busy member costs one compare-and-set per pass instead
 * of one per request (and no contention between them). Tenants are folded apart.
 *
 * <p>The requests wait in a {@link PassQueue}, as the churn-risk reads do ({@link
 * dev.treue.serving.redis.PipelinedPasses}): at most {@link RedisAccess#maxQueued()} wait, one that
 * waited longer than the Redis timeout is answered 503 instead of running late, and Redis failures
 * are 503s. Passes run on the worker pool, started when a request finds fewer than {@code maxPasses}
 * running, so posts cost no threads of their own while none come.
 */
final class FoldPasses {
  /** Requests folded in one pass at most (each names fewer than {@link EventRoutes#PASS_MEMBERS}). */
  static final int MAX_PASS_REQUESTS = 128;

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
  private static final class Request extends PassQueue.Waiting<Map<String, EventUpdate>> {
    final ApiKey key;
    final List<Map.Entry<String, List<LoyaltyEvent>>> members;

    Request(ApiKey key, List<Map.Entry<String, List<LoyaltyEvent>>> members) {
      this.key = key;
      this.members = members;
    }
  }

  private final RedisAccess redis;
  private final MemberEventWriter writer;
  private final Folding folding;
  private final int maxPasses;
  private final PassQueue<Request> queue;
  private final AtomicInteger running = new AtomicInteger();

  /**
   * @param maxPasses passes running at once, each on one worker of the pool
   */
  FoldPasses(RedisAccess redis, MemberEventWriter writer, Folding folding, int maxPasses) {
    this.redis = redis;
    this.writer = writer;
    this.folding = folding;
    this.maxPasses = maxPasses;
    this.queue = new PassQueue<>(redis.maxQueued(), redis.timeoutNanos());
  }

  /**
   * Folds a request's members with the next pass; the future completes on the caller's Vert.x
   * context.
   *
   * @param members distinct members with their events in the order posted
   */
  Future<Map<String, EventUpdate>> submit(
      ApiKey key, List<Map.Entry<String, List<LoyaltyEvent>>> members) {
    Request request = new Request(key, members);
    if (queue.offer(request) && startPass()) {
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
                  queue.failWaiting(e);
                }
              });
    }
    return request.future();
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
    List<Request> pass = new ArrayList<>();
    while (true) {
      pass.clear();
      if (queue.takePass(pass, MAX_PASS_REQUESTS) == 0) {
        running.decrementAndGet();
        // A request queued between the drain and the decrement found every pass running: take it.
        if (queue.isEmpty() || !startPass()) {
          return;
        }
        continue;
      }
      try {
        pass(pass);
      } catch (RuntimeException | Error e) {
        // A bug in the pass itself: answer what is in hand rather than lose it.
        PassQueue.failHeld(pass, e);
      }
    }
  }

  /** One pass: the requests that waited in time, folded per tenant. */
  private void pass(List<Request> pass) {
    Map<String, List<Request>> byTenant = new LinkedHashMap<>();
    for (Request r : pass) {
      byTenant.computeIfAbsent(r.key.keys().tenant(), t -> new ArrayList<>()).add(r);
    }
    ServingModel model = folding.model();
    for (List<Request> requests : byTenant.values()) {
      fold(model, requests);
    }
  }

  /** A member named by one or more requests of a pass: their events in the order they arrived. */
  private static final class Member {
    final String customerId;
    final List<LoyaltyEvent> events = new ArrayList<>();

    /** The requests naming the member, each with where its events start in {@link #events}. */
    final List<Request> requests = new ArrayList<>();

    final List<Integer> starts = new ArrayList<>();
    MemberEventWriter.MemberEvents fold;
    EventUpdate update;
    RuntimeException error;

    Member(String customerId) {
      this.customerId = customerId;
    }

    /** The statuses and reasons of one request's events. */
    EventUpdate of(int request) {
      int from = starts.get(request);
      int to = request + 1 < starts.size() ? starts.get(request + 1) : events.size();
      return new EventUpdate(
          customerId,
          update.statuses().subList(from, to),
          update.reasons().subList(from, to),
          update.state(),
          update.written(),
          update.attempts());
    }
  }

  /**
   * One tenant's requests in one {@link MemberEventWriter#applyEach}. A member named by several
   * requests is folded once with all their events in arrival order, so that an id in two of them is
   * accepted for the first and a duplicate for the second, as if they had come one after the other
   * (a late event among them is placed by its time, as in a batch).
   */
  private void fold(ServingModel model, List<Request> requests) {
    ApiKey key = requests.get(0).key;
    Map<String, Member> members = new LinkedHashMap<>();
    for (Request r : requests) {
      for (Map.Entry<String, List<LoyaltyEvent>> m : r.members) {
        Member member = members.computeIfAbsent(m.getKey(), Member::new);
        member.requests.add(r);
        member.starts.add(member.events.size());
        member.events.addAll(m.getValue());
      }
    }
    List<Member> folding = new ArrayList<>(members.size());
    List<MemberEventWriter.MemberEvents> folds = new ArrayList<>(members.size());
    for (Member m : members.values()) {
      try {
        m.fold = this.folding.prepare(key, model, m.customerId, m.events);
        folding.add(m);
        folds.add(m.fold);
      } catch (RuntimeException e) {
        m.error = e;
      }
    }
    long start = System.nanoTime();
    List<MemberEventWriter.Outcome> outcomes;
    try {
      outcomes = folds.isEmpty() ? List.of() : writer.applyEach(key.keys(), folds);
    } catch (RuntimeException e) {
      long took = System.nanoTime() - start;
      RuntimeException failure = e instanceof JedisException j ? RedisAccess.failure(j) : e;
      for (Request r : requests) {
        redis.recordRedis("event_update", took, false);
        r.fail(failure);
      }
      return;
    }
    long took = System.nanoTime() - start;
    for (int i = 0; i < folding.size(); i++) {
      Member m = folding.get(i);
      MemberEventWriter.Outcome o = outcomes.get(i);
      if (o.contention() != null) {
        m.error = ApiException.unavailable("contention", o.contention().getMessage());
        continue;
      }
      m.update = o.update();
      try {
        // Relayed before any request naming the member is answered.
        this.folding.settle(key, model, m.update, m.fold);
      } catch (RuntimeException e) {
        m.error = e;
      }
    }
    Map<Request, Map<String, EventUpdate>> answers = new LinkedHashMap<>();
    Map<Request, RuntimeException> errors = new LinkedHashMap<>();
    for (Member m : members.values()) {
      for (int k = 0; k < m.requests.size(); k++) {
        Request r = m.requests.get(k);
        if (m.error != null) {
          errors.putIfAbsent(r, m.error);
        } else {
          answers.computeIfAbsent(r, x -> new LinkedHashMap<>()).put(m.customerId, m.of(k));
        }
      }
    }
    for (Request r : requests) {
      redis.recordRedis("event_update", took, true);
      RuntimeException error = errors.get(r);
      if (error != null) {
        r.fail(error);
      } else {
        r.complete(answers.get(r));
      }
    }
  }
}
