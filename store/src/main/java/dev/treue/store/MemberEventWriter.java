package dev.treue.store;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.event.LoyaltyEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * Folds posted events into a member's stored state atomically and idempotently, on a single Redis
 * and on Redis Cluster alike.
 *
 * <p>Optimistic concurrency: read the state, the opt-out marker and which event ids were seen (one
 * pipelined round trip, all in the member's slot); fold the new events in time order with
 * {@link CustomerState#apply}; then a Lua script writes the new state only if the stored revision
 * is still the one read, adds the event ids to the seen set and carries the state's TTL over to the
 * set, all in one step. On a conflict the whole read-fold-write is retried, a bounded number of
 * times with a short random pause, so that concurrent events for one member are never lost nor
 * counted twice.
 */
public final class MemberEventWriter {
  /** Returns 1 on success, 0 when the revision moved, -1 when the member opted out. */
  static final String COMPARE_AND_SET = """
      if redis.call('EXISTS', KEYS[3]) == 1 then return -1 end
      if redis.call('GETRANGE', KEYS[1], 0, 7) ~= ARGV[1] then return 0 end
      local ttl = tonumber(ARGV[3])
      if ttl > 0 then
        redis.call('SET', KEYS[1], ARGV[2], 'PX', ttl)
      else
        redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
      end
      for i = 4, #ARGV, 500 do
        redis.call('SADD', KEYS[2], unpack(ARGV, i, math.min(i + 499, #ARGV)))
      end
      local pttl = redis.call('PTTL', KEYS[1])
      if pttl > 0 then redis.call('PEXPIRE', KEYS[2], pttl) end
      return 1
      """;

  private static final byte[] SCRIPT = COMPARE_AND_SET.getBytes(StandardCharsets.UTF_8);
  private static final byte[] ABSENT = new byte[0];

  private final UnifiedJedis redis;
  private final Duration ttl;
  private final int maxAttempts;

  /**
   * @param ttl time to live set on every write; {@link Duration#ZERO} keeps the TTL the key has
   * @param maxAttempts compare-and-set attempts before giving up; concurrent writers of one member
   *     are bounded by the caller's worker pool, so a few dozen is plenty
   */
  public MemberEventWriter(UnifiedJedis redis, Duration ttl, int maxAttempts) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("max attempts must be at least 1, was " + maxAttempts);
    }
    this.redis = redis;
    this.ttl = ttl;
    this.maxAttempts = maxAttempts;
  }

  /**
   * Folds events of one member.
   *
   * @param events validated events, all with {@code customerId}, in the order posted
   * @throws ConcurrentUpdateException when every attempt met a concurrent write
   */
  public EventUpdate apply(RedisKeys keys, String customerId, List<LoyaltyEvent> events) {
    byte[] stateKey = MemberReader.stateKey(keys, customerId);
    byte[] seenKey = keys.memberEvents(customerId).getBytes(StandardCharsets.UTF_8);
    byte[] optOutKey = MemberReader.optOutKey(keys, customerId);
    String[] ids = new String[events.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = events.get(i).eventId();
      if (!customerId.equals(events.get(i).customerId())) {
        throw new IllegalArgumentException("event '" + ids[i] + "' is for member '" + events.get(i).customerId()
            + "', expected '" + customerId + "'");
      }
    }
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      Response<byte[]> stateReply;
      Response<Boolean> optOutReply;
      Response<List<Boolean>> seenReply;
      try (AbstractPipeline p = redis.pipelined()) {
        stateReply = p.get(stateKey);
        optOutReply = p.exists(optOutKey);
        seenReply = p.smismember(keys.memberEvents(customerId), ids);
        p.sync();
      }
      EventStatus[] statuses = new EventStatus[ids.length];
      if (optOutReply.get()) {
        Arrays.fill(statuses, EventStatus.NOT_STORED);
        return new EventUpdate(customerId, List.of(statuses), null, false, attempt);
      }
      byte[] stored = stateReply.get();
      StoredState before = stored == null ? null : StoredState.decode(stored);
      long covered = before == null ? Long.MIN_VALUE : before.batchCoveredUntilMillis();
      List<Boolean> seen = seenReply.get();
      Set<String> inRequest = new HashSet<>();
      List<LoyaltyEvent> fresh = new ArrayList<>();
      for (int i = 0; i < ids.length; i++) {
        LoyaltyEvent e = events.get(i);
        if (seen.get(i) || !inRequest.add(ids[i])) {
          statuses[i] = EventStatus.DUPLICATE;
        } else if (e.tsMillis() < covered) {
          statuses[i] = EventStatus.COVERED;
        } else {
          statuses[i] = EventStatus.ACCEPTED;
          fresh.add(e);
        }
      }
      if (fresh.isEmpty()) {
        return new EventUpdate(customerId, List.of(statuses), before, false, attempt);
      }
      StoredState after = fold(before, customerId, fresh);
      List<byte[]> args = new ArrayList<>(3 + fresh.size());
      args.add(before == null ? ABSENT : StoredState.revisionBytes(before.revision()));
      args.add(after.encode());
      args.add(Long.toString(ttl.toMillis()).getBytes(StandardCharsets.UTF_8));
      for (LoyaltyEvent e : fresh) {
        args.add(e.eventId().getBytes(StandardCharsets.UTF_8));
      }
      Object result = redis.eval(SCRIPT, List.of(stateKey, seenKey, optOutKey), args);
      long code = ((Number) result).longValue();
      if (code == 1) {
        return new EventUpdate(customerId, List.of(statuses), after, true, attempt);
      }
      if (code == -1) {
        // Opted out between the read and the write: nothing was stored.
        Arrays.fill(statuses, EventStatus.NOT_STORED);
        return new EventUpdate(customerId, List.of(statuses), null, false, attempt);
      }
      // Someone else wrote first; a short random pause spreads the contenders out.
      LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(50_000, 200_000L * Math.min(attempt, 10)));
    }
    throw new ConcurrentUpdateException(customerId, maxAttempts);
  }

  private static StoredState fold(StoredState before, String customerId, List<LoyaltyEvent> fresh) {
    CustomerState state = before == null ? new CustomerState(customerId) : before.state();
    List<LoyaltyEvent> ordered = new ArrayList<>(fresh);
    // The order Spark replays histories in, so the service and the batch fold ties identically.
    ordered.sort(LoyaltyEvent.REPLAY_ORDER);
    for (LoyaltyEvent e : ordered) {
      state.apply(e);
    }
    return before == null ? new StoredState(1, Long.MIN_VALUE, 0, state) : before.next(state);
  }
}
