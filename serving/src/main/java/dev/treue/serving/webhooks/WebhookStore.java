package dev.treue.serving.webhooks;

import dev.treue.store.RedisKeys;
import dev.treue.store.RedisScript;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * Webhook subscriptions and deliveries in Redis. Every key of a tenant's webhooks shares one slot
 * ({@link RedisKeys#webhooks()}), so each change of a delivery (its record, the due set, the dead
 * letters, the log) is one atomic script, on a cluster too. A delivery's record is created once per
 * (subscription, firing): a firing read twice from the stream adds nothing.
 */
public final class WebhookStore {
  /** Deliveries kept per subscription in the log; older finished ones are dropped. */
  public static final int LOG_LENGTH = 10_000;

  // Commands per round trip in the batch writes: Redis runs a client's pipelined scripts one after
  // the other without serving anyone else, and 64 delivery scripts at once held the API's commands
  // for a millisecond or two (bench/triggers.sh: p99 x1.4 with webhooks); 8 (about 30 us each in
  // Redis's command statistics) hold them for a quarter of one, at a few round trips per batch.
  private static final int CHUNK = 8;

  // KEYS: deliveries, log, due, the member's delivery index. ARGV: delivery id, record, now millis,
  // due member, "1" to make it due, log length. Drops the oldest finished deliveries beyond the log
  // length (their index entries stay until the member is erased; deleting a missing one is
  // harmless).
  private static final RedisScript ENQUEUE =
      new RedisScript(
          """
      if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
      redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
      redis.call('SADD', KEYS[4], ARGV[4])
      if ARGV[5] == '1' then redis.call('ZADD', KEYS[3], ARGV[3], ARGV[4]) end
      local max = tonumber(ARGV[6])
      while redis.call('ZCARD', KEYS[2]) > max do
        local oldest = redis.call('ZRANGE', KEYS[2], 0, 0)[1]
        local rec = redis.call('HGET', KEYS[1], oldest)
        if rec then
          local status = cjson.decode(rec)['status']
          if status ~= 'delivered' and status ~= 'held_out' then break end
        end
        redis.call('ZREM', KEYS[2], oldest)
        redis.call('HDEL', KEYS[1], oldest)
      end
      return 1
      """);

  // KEYS: due. ARGV: now millis, lease until millis, limit. Claims due deliveries for this instance
  // by moving them to the end of their lease: another instance sees them only when the lease ran
  // out (the attempt's owner crashed).
  private static final RedisScript CLAIM =
      new RedisScript(
          """
      local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
      for _, m in ipairs(due) do redis.call('ZADD', KEYS[1], ARGV[2], m) end
      return due
      """);

  // KEYS: deliveries, due, dead. ARGV: delivery id, record, due member, outcome (retry, done,
  // dead), next due millis, now millis. Nothing when the delivery is gone (subscription deleted).
  private static final RedisScript FINISH =
      new RedisScript(
          """
      if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then
        redis.call('ZREM', KEYS[2], ARGV[3])
        return 0
      end
      redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
      if ARGV[4] == 'retry' then
        redis.call('ZADD', KEYS[2], ARGV[5], ARGV[3])
      else
        redis.call('ZREM', KEYS[2], ARGV[3])
        if ARGV[4] == 'dead' then redis.call('ZADD', KEYS[3], ARGV[6], ARGV[1]) end
      end
      return 1
      """);

  private static final Logger LOG = System.getLogger(WebhookStore.class.getName());

  private final UnifiedJedis redis;

  public WebhookStore(UnifiedJedis redis) {
    this.redis = redis;
  }

  /**
   * Queues one command per item, {@value #CHUNK} to a round trip, and returns what each queued
   * (its reply), in the items' order, all synced.
   */
  private <T, R> List<R> inChunks(List<T> items, BiFunction<AbstractPipeline, T, R> command) {
    List<R> answers = new ArrayList<>(items.size());
    try (AbstractPipeline p = redis.pipelined()) {
      for (T item : items) {
        answers.add(command.apply(p, item));
        if (answers.size() % CHUNK == 0) {
          p.sync();
        }
      }
      p.sync();
    }
    return answers;
  }

  private static List<byte[]> utf8(List<String> texts) {
    List<byte[]> out = new ArrayList<>(texts.size());
    for (String t : texts) {
      out.add(t.getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  /** Every subscription of the tenant. */
  public List<Subscription> list(RedisKeys keys) {
    List<Subscription> out = new ArrayList<>();
    for (String stored : redis.hgetAll(keys.webhooks()).values()) {
      out.add(Subscription.decode(stored));
    }
    out.sort((a, b) -> a.created().compareTo(b.created()));
    return out;
  }

  /** One subscription. */
  public Optional<Subscription> get(RedisKeys keys, String id) {
    return Optional.ofNullable(redis.hget(keys.webhooks(), id)).map(Subscription::decode);
  }

  /** Creates or replaces a subscription. */
  public void put(RedisKeys keys, Subscription s) {
    redis.hset(keys.webhooks(), s.id(), s.encode());
  }

  /** How many subscriptions the tenant has. */
  public long count(RedisKeys keys) {
    return redis.hlen(keys.webhooks());
  }

  /** Deletes a subscription with its delivery log and dead letters; its due deliveries are dropped when claimed. */
  public boolean delete(RedisKeys keys, String id) {
    if (redis.hdel(keys.webhooks(), id) == 0) {
      return false;
    }
    redis.del(keys.webhookDeliveries(id), keys.webhookDeliveryLog(id), keys.webhookDeadLetters(id));
    return true;
  }

  /** A delivery to record: {@link #enqueueAll}. */
  public record NewDelivery(String subscriptionId, Delivery delivery) {}

  /**
   * Records new deliveries of firings to subscriptions, each due now unless held out, in one round
   * trip.
   *
   * @return for each, in order, false when the subscription already had it (the firing was read
   *     before)
   */
  public List<Boolean> enqueueAll(RedisKeys keys, List<NewDelivery> deliveries, long nowMillis) {
    List<RedisScript.Queued> answers =
        inChunks(
            deliveries,
            (p, n) ->
                ENQUEUE.queue(
                    p,
                    utf8(enqueueKeys(keys, n.subscriptionId(), n.delivery())),
                    utf8(enqueueArgs(n.subscriptionId(), n.delivery(), nowMillis))));
    List<Boolean> out = new ArrayList<>(answers.size());
    for (RedisScript.Queued a : answers) {
      out.add(Long.valueOf(1).equals(a.result(redis)));
    }
    return out;
  }

  private static List<String> enqueueKeys(RedisKeys keys, String subscriptionId, Delivery d) {
    return List.of(
        keys.webhookDeliveries(subscriptionId),
        keys.webhookDeliveryLog(subscriptionId),
        keys.webhookDue(),
        keys.webhookMemberDeliveries(d.customerId()));
  }

  private static List<String> enqueueArgs(String subscriptionId, Delivery d, long nowMillis) {
    boolean due = !d.status().equals(Delivery.HELD_OUT);
    return List.of(
        d.deliveryId(),
        d.encode(),
        Long.toString(nowMillis),
        dueMember(subscriptionId, d.deliveryId()),
        due ? "1" : "0",
        Integer.toString(LOG_LENGTH));
  }

  /**
   * Claims up to {@code limit} due deliveries until {@code leaseUntil}; the members read
   * {@code <subscription>|<delivery>}.
   */
  public List<String> claimDue(RedisKeys keys, long nowMillis, long leaseUntil, int limit) {
    Object r =
        CLAIM.eval(
            redis,
            utf8(List.of(keys.webhookDue())),
            utf8(
                List.of(
                    Long.toString(nowMillis), Long.toString(leaseUntil), Integer.toString(limit))));
    List<String> due = new ArrayList<>();
    for (Object member : (List<?>) r) {
      due.add(new String((byte[]) member, StandardCharsets.UTF_8));
    }
    return due;
  }

  /** A delivery's record. */
  public Optional<Delivery> delivery(RedisKeys keys, String subscriptionId, String deliveryId) {
    return Optional.ofNullable(redis.hget(keys.webhookDeliveries(subscriptionId), deliveryId))
        .map(stored -> readable(keys, stored));
  }

  /**
   * The records of several deliveries in one round trip, in order; null where the subscription has
   * no such delivery.
   *
   * @param due members of the due set ({@code <subscription>|<delivery>}), each with a bar
   */
  public List<Delivery> deliveries(RedisKeys keys, List<String> due) {
    List<Response<String>> answers =
        inChunks(
            due,
            (p, member) -> {
              int bar = member.indexOf('|');
              return p.hget(
                  keys.webhookDeliveries(member.substring(0, bar)), member.substring(bar + 1));
            });
    List<Delivery> out = new ArrayList<>(answers.size());
    for (Response<String> a : answers) {
      out.add(readable(keys, a.get()));
    }
    return out;
  }

  /** Stores an attempt's outcome: due again at {@code nextDue}, done, or a dead letter. */
  public void finish(
      RedisKeys keys, String subscriptionId, Delivery d, long nextDue, long nowMillis) {
    FINISH.eval(
        redis,
        utf8(finishKeys(keys, subscriptionId)),
        utf8(finishArgs(subscriptionId, d, nextDue, nowMillis)));
  }

  /** An attempt's outcome to store: {@link #finishAll}. */
  public record Finished(String subscriptionId, Delivery delivery, long nextDue, long nowMillis) {}

  /** Stores several outcomes as {@link #finish} does, in one round trip. */
  public void finishAll(RedisKeys keys, List<Finished> outcomes) {
    List<RedisScript.Queued> answers =
        inChunks(
            outcomes,
            (p, f) ->
                FINISH.queue(
                    p,
                    utf8(finishKeys(keys, f.subscriptionId())),
                    utf8(
                        finishArgs(f.subscriptionId(), f.delivery(), f.nextDue(), f.nowMillis()))));
    // A script that failed throws here, so its delivery's lease runs out and it is tried again.
    answers.forEach(a -> a.result(redis));
  }

  private static List<String> finishKeys(RedisKeys keys, String subscriptionId) {
    return List.of(
        keys.webhookDeliveries(subscriptionId),
        keys.webhookDue(),
        keys.webhookDeadLetters(subscriptionId));
  }

  private static List<String> finishArgs(
      String subscriptionId, Delivery d, long nextDue, long nowMillis) {
    String outcome =
        d.status().equals(Delivery.DEAD)
            ? "dead"
            : d.status().equals(Delivery.FAILED) || d.status().equals(Delivery.PENDING)
                ? "retry"
                : "done";
    return List.of(
        d.deliveryId(),
        d.encode(),
        dueMember(subscriptionId, d.deliveryId()),
        outcome,
        Long.toString(nextDue),
        Long.toString(nowMillis));
  }

  /** Drops a due entry whose subscription or delivery is gone. */
  public void dropDue(RedisKeys keys, String member) {
    redis.zrem(keys.webhookDue(), member);
  }

  /**
   * Makes a dead (or any finished) delivery due again now, its age counted from now.
   *
   * @return the delivery as it is now, empty when the subscription has no such delivery
   */
  public Optional<Delivery> replay(
      RedisKeys keys, String subscriptionId, String deliveryId, long nowMillis) {
    Optional<Delivery> found = delivery(keys, subscriptionId, deliveryId);
    if (found.isEmpty()) {
      return found;
    }
    Delivery again = found.get().replayed(nowMillis);
    redis.hset(keys.webhookDeliveries(subscriptionId), deliveryId, again.encode());
    redis.zrem(keys.webhookDeadLetters(subscriptionId), deliveryId);
    redis.zadd(keys.webhookDue(), nowMillis, dueMember(subscriptionId, deliveryId));
    return Optional.of(again);
  }

  /** The newest deliveries of a subscription, newest first, optionally only those of one status. */
  public List<Delivery> deliveries(
      RedisKeys keys, String subscriptionId, String status, int limit) {
    List<Delivery> out = new ArrayList<>();
    String index =
        Delivery.DEAD.equals(status)
            ? keys.webhookDeadLetters(subscriptionId)
            : keys.webhookDeliveryLog(subscriptionId);
    long from = 0;
    int page = Math.max(limit, 100);
    while (out.size() < limit) {
      List<String> ids = redis.zrevrange(index, from, from + page - 1);
      if (ids.isEmpty()) {
        break;
      }
      List<String> stored =
          redis.hmget(keys.webhookDeliveries(subscriptionId), ids.toArray(String[]::new));
      for (String s : stored) {
        Delivery d = readable(keys, s);
        if (d == null) {
          continue;
        }
        if ((status == null || status.equals(d.status())) && out.size() < limit) {
          out.add(d);
        }
      }
      from += page;
    }
    return out;
  }

  /**
   * A stored record as a delivery, or null when there is none or it cannot be read: one broken
   * record (written by hand, or by a version that wrote another shape) must not stop every other
   * delivery of the tenant or the log's listing.
   */
  private static Delivery readable(RedisKeys keys, String stored) {
    if (stored == null) {
      return null;
    }
    try {
      return Delivery.decode(stored);
    } catch (IllegalArgumentException e) {
      LOG.log(
          Level.WARNING,
          "a webhook delivery record of tenant "
              + keys.tenant()
              + " cannot be read, skipped: "
              + e.getMessage());
      return null;
    }
  }

  /** The member of the due set for a delivery. */
  static String dueMember(String subscriptionId, String deliveryId) {
    return subscriptionId + "|" + deliveryId;
  }
}
