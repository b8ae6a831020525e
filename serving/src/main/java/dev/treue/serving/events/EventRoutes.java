package dev.treue.serving.events;

import dev.treue.core.event.LoyaltyEvent;
import dev.treue.serving.auth.ApiKey;
import dev.treue.serving.auth.ApiKeyHandler;
import dev.treue.serving.contract.BodySchema;
import dev.treue.serving.http.ApiException;
import dev.treue.serving.http.JsonBodies;
import dev.treue.serving.http.ResponseJson;
import dev.treue.serving.metrics.ServingMetrics;
import dev.treue.serving.models.ActiveModel;
import dev.treue.serving.models.ServingModel;
import dev.treue.serving.redis.RedisAccess;
import dev.treue.serving.scoring.ChurnRiskService;
import dev.treue.serving.triggers.EventTriggers;
import dev.treue.store.AfterFold;
import dev.treue.store.AtRiskEntry;
import dev.treue.store.AtRiskStore;
import dev.treue.store.ConcurrentUpdateException;
import dev.treue.store.EventStatus;
import dev.treue.store.EventUpdate;
import dev.treue.store.FoldTriggers;
import dev.treue.store.MemberEventWriter;
import dev.treue.store.MemberPseudonyms;
import dev.treue.store.OptOutTombstones;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/events}: validates the whole body first (nothing is written when any event is
 * invalid), then folds each member's events atomically and idempotently
 * ({@link MemberEventWriter}), rescores the member with the served model and rewrites their at-risk
 * entry so that lists stay current. The tenant's event-driven triggers ({@link EventTriggers}) are
 * evaluated in the fold, on the score the events moved, recorded in the member's outbox in the same
 * atomic write as the state, and relayed to the tenant's firing stream before the answer. Single
 * events and small batches are folded together with the other posts waiting at the same time
 * ({@link FoldPasses}: one read and one write round trip per pass, not per post); large batches
 * in a few parallel parts of their own.
 * If Redis fails half-way through a batch, the answer is a 503 and
 * the members already updated stay updated: posting the same batch again is safe, because repeated
 * event ids are recognised, and it rewrites the at-risk entry of every stored member it names, so an
 * entry lost between the state write and its own write is repaired by the retry.
 */
public final class EventRoutes {
  /** Compare-and-set attempts per member before answering 503. */
  static final int MAX_ATTEMPTS = 64;

  /** Parallel parts of a large batch (members are independent; the worker pool bounds the rest). */
  static final int PARALLEL_CHUNKS = 4;

  /** Requests naming fewer members are folded together with other concurrent posts. */
  static final int PASS_MEMBERS = 64;

  private final RedisAccess redis;
  private final MemberEventWriter writer;
  private final AtRiskStore atRisk;
  private final ActiveModel<ServingModel> models;
  private final ChurnRiskService scoring;
  private final ServingMetrics metrics;
  private final BodySchema eventSchema;
  private final BodySchema batchSchema;
  private final EventTriggers triggers;
  private final FoldPasses passes;

  /**
   * @param triggers the tenants' event-driven triggers, evaluated in each member's fold and recorded
   *     with the state change
   */
  public EventRoutes(
      RedisAccess redis,
      Duration memberTtl,
      ActiveModel<ServingModel> models,
      ChurnRiskService scoring,
      ServingMetrics metrics,
      BodySchema eventSchema,
      BodySchema batchSchema,
      EventTriggers triggers) {
    this.redis = redis;
    // Members erased after opting out get their opt-out marker back in the fold, so their events
    // are not stored.
    this.writer =
        new MemberEventWriter(
            redis.jedis(),
            memberTtl,
            MAX_ATTEMPTS,
            new OptOutTombstones(redis.jedis(), new MemberPseudonyms(redis.jedis())));
    this.atRisk = new AtRiskStore(redis.jedis());
    this.models = models;
    this.scoring = scoring;
    this.metrics = metrics;
    this.eventSchema = eventSchema;
    this.batchSchema = batchSchema;
    this.triggers = triggers;
    // Twice the cores, as for the churn-risk readers: while one pass waits for Redis, the others
    // fold and score.
    this.passes =
        new FoldPasses(
            redis,
            writer,
            new FoldPasses.Folding() {
              @Override
              public ServingModel model() {
                return models.current();
              }

              @Override
              public MemberEventWriter.MemberEvents prepare(
                  ApiKey key, ServingModel model, String customerId, List<LoyaltyEvent> events) {
                return EventRoutes.this.prepare(key, model, customerId, events);
              }

              @Override
              public void settle(
                  ApiKey key,
                  ServingModel model,
                  EventUpdate update,
                  MemberEventWriter.MemberEvents m) {
                EventRoutes.this.settle(key, model, update, m.triggers());
              }
            },
            2 * Runtime.getRuntime().availableProcessors());
  }

  /** The handler. */
  public void post(RoutingContext ctx) {
    List<LoyaltyEvent> events;
    try {
      events =
          PostedEvents.parse(
              JsonBodies.object(ctx), eventSchema, batchSchema, scoring.clock().instant());
    } catch (ApiException e) {
      metrics.events("rejected", 1);
      throw e;
    }
    ApiKey key = ApiKeyHandler.key(ctx);
    Map<String, List<LoyaltyEvent>> byMember = new LinkedHashMap<>();
    for (LoyaltyEvent e : events) {
      byMember.computeIfAbsent(e.customerId(), id -> new ArrayList<>()).add(e);
    }
    List<Map.Entry<String, List<LoyaltyEvent>>> members = new ArrayList<>(byMember.entrySet());
    if (members.size() < PASS_MEMBERS) {
      // Single events and small batches are folded with other concurrent posts (FoldPasses).
      passes
          .submit(key, members)
          .onSuccess(updates -> answer(ctx, events, updates))
          .onFailure(ctx::fail);
      return;
    }
    // Members are independent: large batches are folded in a few parallel chunks on the worker
    // pool.
    List<List<Map.Entry<String, List<LoyaltyEvent>>>> chunks = chunks(members);
    List<Future<Map<String, EventUpdate>>> parts = new ArrayList<>(chunks.size());
    for (List<Map.Entry<String, List<LoyaltyEvent>>> chunk : chunks) {
      parts.add(redis.run(() -> fold(key, chunk)));
    }
    Future.all(parts)
        .onSuccess(
            all -> {
              Map<String, EventUpdate> updates = new java.util.HashMap<>();
              parts.forEach(p -> updates.putAll(p.result()));
              answer(ctx, events, updates);
            })
        .onFailure(ctx::fail);
  }

  private void answer(
      RoutingContext ctx, List<LoyaltyEvent> events, Map<String, EventUpdate> updates) {
    ResponseJson.end(ctx.response(), answer(events, updates));
  }

  private static <T> List<List<T>> chunks(List<T> members) {
    int n = members.size() < PASS_MEMBERS ? 1 : PARALLEL_CHUNKS;
    List<List<T>> out = new ArrayList<>(n);
    int size = (members.size() + n - 1) / n;
    for (int from = 0; from < members.size(); from += size) {
      out.add(members.subList(from, Math.min(members.size(), from + size)));
    }
    return out;
  }

  private Map<String, EventUpdate> fold(
      ApiKey key, List<Map.Entry<String, List<LoyaltyEvent>>> members) {
    ServingModel model = models.current();
    List<MemberEventWriter.MemberEvents> folds = new ArrayList<>(members.size());
    for (Map.Entry<String, List<LoyaltyEvent>> member : members) {
      folds.add(prepare(key, model, member.getKey(), member.getValue()));
    }
    // The members' reads share one pipeline and their writes another (MemberEventWriter.applyAll).
    List<EventUpdate> folded;
    try {
      folded = redis.timed("event_update", () -> writer.applyAll(key.keys(), folds));
    } catch (ConcurrentUpdateException e) {
      throw ApiException.unavailable("contention", e.getMessage());
    }
    Map<String, EventUpdate> updates = new LinkedHashMap<>();
    for (int i = 0; i < folded.size(); i++) {
      EventUpdate u = folded.get(i);
      updates.put(u.customerId(), u);
      settle(key, model, u, folds.get(i).triggers());
    }
    return updates;
  }

  /** One member's fold: its events, the triggers it fires and its at-risk row's write. */
  private MemberEventWriter.MemberEvents prepare(
      ApiKey key, ServingModel model, String customerId, List<LoyaltyEvent> events) {
    // The triggers see the score the events moved: the fold scores the state it is about to
    // write.
    FoldTriggers triggersOfFold = triggers.forFold(key.keys(), customerId, model);
    // The at-risk row of the new state goes in the round trip of the state's write, and stays
    // exactly when the state is written (AfterFold).
    AfterFold rowOfNewState =
        model == null
            ? AfterFold.NONE
            : (pipeline, after) -> {
              AtRiskEntry scored = EventTriggers.scored(triggersOfFold, after.revision());
              AtRiskEntry entry =
                  scored != null ? scored : scoring.atRiskEntry(model, after.state());
              // The service picks no retention offer: the last load's stays (AtRiskStore).
              return atRisk.queuePutKeepingOffer(pipeline, key.keys(), entry);
            };
    return new MemberEventWriter.MemberEvents(customerId, events, triggersOfFold, rowOfNewState);
  }

  /** After a member's fold: relays what a written state fired, repairs an unwritten one's row. */
  private void settle(ApiKey key, ServingModel model, EventUpdate u, FoldTriggers triggersOfFold) {
    if (u.written()) {
      redis.timed(
          "trigger_relay",
          () -> {
            triggers.relay(key.keys(), u.customerId(), triggersOfFold);
            return null;
          });
    }
    // Every post for a stored member rescores, whatever its events' statuses: when a first
    // attempt stored the state but failed before the at-risk row was written (Redis or scoring
    // failed in between), the client's retry repairs the row even though its events now come
    // back duplicate or too_late. A written state's row went with it.
    if (u.state() != null && model != null && !u.written()) {
      AtRiskEntry entry = scoring.atRiskEntry(model, u.customerState());
      redis.timed("at_risk_put", () -> atRisk.putKeepingOffer(key.keys(), entry));
    }
  }

  /** The answer's body: how many events ended how, then each event's status in the order posted. */
  private ResponseJson.Writer answer(List<LoyaltyEvent> events, Map<String, EventUpdate> updates) {
    Map<String, Integer> nextOfMember = new java.util.HashMap<>();
    Map<EventStatus, Integer> counts = new EnumMap<>(EventStatus.class);
    EventStatus[] statuses = new EventStatus[events.size()];
    String[] reasons = new String[events.size()];
    for (int k = 0; k < statuses.length; k++) {
      LoyaltyEvent e = events.get(k);
      int i = nextOfMember.merge(e.customerId(), 1, Integer::sum) - 1;
      EventUpdate update = updates.get(e.customerId());
      statuses[k] = update.statuses().get(i);
      reasons[k] = update.reasons().get(i);
      counts.merge(statuses[k], 1, Integer::sum);
    }
    for (EventStatus s : EventStatus.values()) {
      metrics.events(s.wireName(), counts.getOrDefault(s, 0));
    }
    return g -> {
      g.writeStartObject();
      for (EventStatus s : EventStatus.values()) {
        g.writeNumberField(s.wireName(), counts.getOrDefault(s, 0));
      }
      g.writeArrayFieldStart("results");
      for (int k = 0; k < statuses.length; k++) {
        LoyaltyEvent e = events.get(k);
        g.writeStartObject();
        g.writeStringField("event_id", e.eventId());
        g.writeStringField("customer_id", e.customerId());
        g.writeStringField("status", statuses[k].wireName());
        if (reasons[k] != null) {
          g.writeStringField("reason", reasons[k]);
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    };
  }
}
