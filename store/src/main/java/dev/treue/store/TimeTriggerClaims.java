package dev.treue.store;

import dev.treue.core.trigger.Firing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * Records time-driven firings exactly once per firing id, however many sweeps (on however many
 * instances) find them due: one script in the member's slot adds the id to the member's claims
 * ({@link RedisKeys#memberTriggerClaims}) and, only when it was not there, writes the firing to the
 * member's outbox, from where {@link TriggerOutbox} relays it as it relays event-driven firings.
 * Claims older than {@link #KEPT_DAYS} days before the sweep day are dropped in the same script: a
 * time-driven id names a period no sweep finds due that long after it.
 *
 * <p>Members are enumerated through the tenant's {@link MemberIndex}, which holds every member with
 * a stored state (scored or not, loaded or met only through events).
 */
public final class TimeTriggerClaims {
  /** Days a claim is kept after its period day. */
  public static final int KEPT_DAYS = 400;

  // KEYS: state, opt-out, claims, outbox. ARGV: oldest kept day, then (id, period day, firing)*.
  // An erased (no state) or opted-out member fires nothing.
  private static final String CLAIM =
      "if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('EXISTS', KEYS[2]) == 1 then\n"
          + "  return {}\n"
          + "end\n"
          + "local claimed = {}\n"
          + "for i = 2, #ARGV, 3 do\n"
          + "  if redis.call('ZADD', KEYS[3], 'NX', ARGV[i + 1], ARGV[i]) == 1 then\n"
          + "    redis.call('HSET', KEYS[4], ARGV[i], ARGV[i + 2])\n"
          + "    claimed[#claimed + 1] = ARGV[i]\n"
          + "  end\n"
          + "end\n"
          + "redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', '(' .. ARGV[1])\n"
          + "return claimed\n";

  private final UnifiedJedis redis;

  public TimeTriggerClaims(UnifiedJedis redis) {
    this.redis = redis;
  }

  /**
   * A firing due in a period.
   *
   * @param firing the firing, its id naming (kind, member, period)
   * @param periodDay the epoch day of the period
   */
  public record Claim(Firing firing, int periodDay) {}

  /**
   * One page of the tenant's members with their stored states.
   *
   * @param cursor the cursor of the next page, {@code "0"} after the last
   * @param states member id to stored state, members without a state left out
   */
  public record Page(String cursor, Map<String, StoredState> states) {}

  /**
   * Reads about {@code count} members of the tenant's {@link MemberIndex} and their states, the
   * states in one pipeline.
   */
  public Page page(RedisKeys keys, String cursor, int count) {
    MemberIndex.Page ids = new MemberIndex(redis).page(keys, cursor, count);
    Map<String, Response<byte[]>> replies = new LinkedHashMap<>();
    try (AbstractPipeline p = redis.pipelined()) {
      for (String id : ids.memberIds()) {
        try {
          replies.put(id, p.get(MemberReader.stateKey(keys, id)));
        } catch (IllegalArgumentException notAMemberId) {
          // The index is written with member ids only: nothing to sweep.
        }
      }
      p.sync();
    }
    Map<String, StoredState> states = new LinkedHashMap<>();
    replies.forEach(
        (id, reply) -> {
          byte[] value = reply.get();
          if (value != null) {
            states.put(id, StoredState.decode(value));
          }
        });
    return new Page(ids.cursor(), states);
  }

  /**
   * Claims the firings for the member: the ones no sweep claimed before are written to the outbox.
   * The member is named in the tenant's pending set first, so the relay finds them even if the
   * caller stops before relaying.
   *
   * @param today the sweep's epoch day (claims older than {@link #KEPT_DAYS} before it are dropped)
   * @return the ids claimed now, in the order given
   */
  @SuppressWarnings("unchecked")
  public List<String> claim(RedisKeys keys, String customerId, List<Claim> claims, int today) {
    if (claims.isEmpty()) {
      return List.of();
    }
    redis.sadd(keys.triggerOutboxMembers(), customerId);
    List<String> args = new ArrayList<>(1 + 3 * claims.size());
    args.add(Integer.toString(today - KEPT_DAYS));
    for (Claim c : claims) {
      if (!c.firing().customerId().equals(customerId)) {
        throw new IllegalArgumentException(
            "firing '" + c.firing().firingId() + "' is not for member '" + customerId + "'");
      }
      args.add(c.firing().firingId());
      args.add(Integer.toString(c.periodDay()));
      args.add(c.firing().encode());
    }
    List<String> keyNames =
        List.of(
            keys.memberState(customerId),
            keys.memberOptOut(customerId),
            keys.memberTriggerClaims(customerId),
            keys.memberOutbox(customerId));
    return List.copyOf((List<String>) redis.eval(CLAIM, keyNames, args));
  }
}
