package dev.treue.store;

import dev.treue.core.trigger.Firing;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Moves firings from members' outboxes ({@link RedisKeys#memberOutbox}) to the tenant's firing
 * stream ({@link RedisKeys#triggerStream}). The outbox is in the member's slot and the stream in
 * another, so the two cannot change in one script: each firing is appended to the stream first and
 * removed from the outbox only after, which makes the relay at least once (a relay that stops in
 * between appends the same firing again, with the same {@code firing_id}) and never invents one.
 */
public final class TriggerOutbox {
  private static final System.Logger LOG = System.getLogger(TriggerOutbox.class.getName());

  /** Members relayed per sweep call at most, so one call stays short. */
  public static final int SWEEP_BATCH = 200;

  private final UnifiedJedis redis;
  private final Runnable afterAppend;

  public TriggerOutbox(UnifiedJedis redis) {
    this(redis, () -> {});
  }

  /** For tests: {@code afterAppend} runs between a firing's append and its removal. */
  TriggerOutbox(UnifiedJedis redis, Runnable afterAppend) {
    this.redis = redis;
    this.afterAppend = afterAppend;
  }

  /**
   * Relays the member's outbox, oldest firing first, and drops the member from the tenant's pending
   * set once the outbox is empty.
   *
   * @return firings appended to the stream
   */
  public int relay(RedisKeys keys, String customerId) {
    String outbox = keys.memberOutbox(customerId);
    Map<String, String> pending = redis.hgetAll(outbox);
    List<Firing> firings = new ArrayList<>(pending.size());
    for (Map.Entry<String, String> e : pending.entrySet()) {
      try {
        firings.add(Firing.decode(e.getValue()));
      } catch (IllegalArgumentException unreadable) {
        // Never written by this build: left where it is, for an operator, and never invented.
        LOG.log(
            System.Logger.Level.WARNING,
            "unreadable firing '"
                + e.getKey()
                + "' left in "
                + outbox
                + ": "
                + unreadable.getMessage());
      }
    }
    firings.sort(Comparator.comparing(Firing::firedAt).thenComparing(Firing::firingId));
    int appended = 0;
    for (Firing f : firings) {
      redis.xadd(keys.triggerStream(), StreamEntryID.NEW_ENTRY, f.fields());
      appended++;
      afterAppend.run();
      redis.hdel(outbox, f.firingId());
    }
    if (redis.hlen(outbox) == 0) {
      // A fold that names the member again right now also relays its own firings itself.
      redis.srem(keys.triggerOutboxMembers(), customerId);
    }
    return appended;
  }

  /**
   * Relays the outboxes of up to {@link #SWEEP_BATCH} members named in the tenant's pending set:
   * what relays that stopped half-way left. Several instances may sweep at once; a firing they both
   * append appears twice on the stream with one {@code firing_id}.
   *
   * @return firings appended to the stream
   */
  public int sweep(RedisKeys keys) {
    ScanResult<String> page =
        redis.sscan(
            keys.triggerOutboxMembers(),
            ScanParams.SCAN_POINTER_START,
            new ScanParams().count(SWEEP_BATCH));
    int appended = 0;
    for (String customerId : page.getResult()) {
      try {
        appended += relay(keys, customerId);
      } catch (IllegalArgumentException notAMember) {
        // An id no member can have (the set is written only with member ids): nothing to relay.
        redis.srem(keys.triggerOutboxMembers(), customerId);
      }
    }
    return appended;
  }
}
