package dev.treue.store;

import dev.treue.core.trigger.Firing;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Moves firings from members' outboxes ({@link RedisKeys#memberOutbox}) to the tenant's firing
 * stream ({@link RedisKeys#triggerStream}). The outbox is in the member's slot and the stream in
 * another, so the two cannot change in one script: each firing is appended to the stream first and
 * removed from the outbox only after, so a relay that stops in between leaves it to be relayed again
 * and never invents one. Each firing is on the stream exactly once: the append is skipped when the
 * member's index ({@link RedisKeys#triggerMemberFirings}, in the stream's slot) already names its
 * {@code firing_id}, checked in the same script as the append, so relays racing over one outbox
 * (the request's and the periodic sweep's, or two instances') and a relay finishing one that
 * stopped half-way append it once.
 *
 * <p>Entries name the member and carry churn figures, so each append also records the entry's id
 * (with its firing id) in the member's index in the same script, and {@link #eraseMember} deletes
 * exactly those entries. The stream is capped ({@code
 * MAXLEN ~}) when a maximum length is given: entries trimmed before webhook delivery read them are
 * never delivered.
 */
public final class TriggerOutbox {
  private static final System.Logger LOG = System.getLogger(TriggerOutbox.class.getName());

  /** Members relayed per sweep call at most, so one call stays short. */
  public static final int SWEEP_BATCH = 200;

  /** The maximum length that never trims the stream. */
  public static final long NO_MAX_LENGTH = IndexedStream.UNCAPPED;

  private final UnifiedJedis redis;
  private final long maxLength;
  private final Runnable afterAppend;

  /** A relay that never trims the stream. */
  public TriggerOutbox(UnifiedJedis redis) {
    this(redis, NO_MAX_LENGTH);
  }

  /**
   * @param maxLength entries the tenant's stream keeps (approximately: Redis trims whole stream
   *     nodes), or {@link #NO_MAX_LENGTH}
   */
  public TriggerOutbox(UnifiedJedis redis, long maxLength) {
    this(redis, maxLength, () -> {});
  }

  /** For tests: {@code afterAppend} runs between a firing's append and its removal. */
  TriggerOutbox(UnifiedJedis redis, long maxLength, Runnable afterAppend) {
    if (maxLength < 0) {
      throw new IllegalArgumentException(
          "trigger stream length must be at least 0 (never trimmed), was " + maxLength);
    }
    this.redis = redis;
    this.maxLength = maxLength;
    this.afterAppend = afterAppend;
  }

  /**
   * Relays the member's outbox, oldest firing first, and drops the member from the tenant's pending
   * set once the outbox is empty.
   *
   * @return firings appended to the stream (not those another relay appended first)
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
      // Skipped when the member's index has the firing already: another relay (the request's or
      // the sweep's) appended it, or this one did before stopping short of the removal below.
      if (IndexedStream.appendOnce(
              redis,
              keys.triggerStream(),
              keys.triggerStreamStart(),
              keys.triggerMemberFirings(f.customerId()),
              maxLength,
              f.firingId(),
              f.fields())
          != null) {
        appended++;
      }
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
   * relay is appended once.
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

  /**
   * Deletes every entry of the member's index from the tenant's stream, and the index, in one script
   * in the stream's slot. Entries appended before the index existed are not in it and stay (until
   * trimmed).
   *
   * @return entries deleted
   */
  public static long eraseMember(UnifiedJedis redis, RedisKeys keys, String memberId) {
    return IndexedStream.eraseMember(
        redis, keys.triggerStream(), keys.triggerMemberFirings(memberId));
  }
}
