package dev.treue.store;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.CustomerStateCodec;
import dev.treue.core.customer.WindowedState;
import dev.treue.core.event.LoyaltyEvent;
import dev.treue.core.trigger.Firing;
import dev.treue.core.trigger.TriggerMemory;
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
 * <p>Optimistic concurrency: read the state and the opt-out marker (one pipelined round trip, in the
 * member's slot); offer the new events to the state's {@link WindowedState}, which folds them in
 * time order whatever order they arrive in (within its lateness window) and knows the ids it has
 * seen; then a Lua script writes the new state only if the stored revision is still the one read.
 * On a conflict the whole read-fold-write is retried, a bounded number of times with a short random
 * pause, so that concurrent events for one member are never lost nor counted twice.
 *
 * <p>A member's first write adds it to the tenant's {@link MemberIndex} just before the state is
 * created.
 *
 * <p>Seen ids live in the state's window, so they are bounded with it; the script deletes the
 * unbounded seen-id set that earlier versions kept beside the state.
 */
public final class MemberEventWriter {
  /**
   * Returns 1 on success, 0 when the revision moved, -1 when the member opted out. KEYS[2], the
   * seen-id set of earlier versions, is deleted when ARGV[4] is '1': the window holds the seen ids
   * now, and the writer asks only when the state it read could have one beside it ({@link
   * #mayHaveSeenIdSet}), which spares every other event a call (about 1 us of a 15 us script on the
   * build machine). With triggers, KEYS[4] (the member's trigger memory) is set to ARGV[5] unless
   * that is empty, and ARGV[6..] (firing id, encoded firing pairs) go into the outbox KEYS[5]: the
   * firings exist exactly when the state change that fired them does.
   */
  static final String COMPARE_AND_SET =
      """
      if redis.call('EXISTS', KEYS[3]) == 1 then return -1 end
      if redis.call('GETRANGE', KEYS[1], 0, 7) ~= ARGV[1] then return 0 end
      local ttl = tonumber(ARGV[3])
      if ttl > 0 then
        redis.call('SET', KEYS[1], ARGV[2], 'PX', ttl)
      else
        redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
      end
      if ARGV[4] == '1' then redis.call('DEL', KEYS[2]) end
      if KEYS[4] then
        if ARGV[5] ~= '' then
          if ttl > 0 then
            redis.call('SET', KEYS[4], ARGV[5], 'PX', ttl)
          else
            redis.call('SET', KEYS[4], ARGV[5])
          end
        end
        for i = 6, #ARGV, 2 do
          redis.call('HSET', KEYS[5], ARGV[i], ARGV[i + 1])
        end
      end
      return 1
      """;

  private static final RedisScript SCRIPT = new RedisScript(COMPARE_AND_SET);
  private static final byte[] ABSENT = new byte[0];
  private static final byte[] DELETE = {'1'};
  private static final byte[] KEEP = {'0'};

  /**
   * True when a seen-id set of an earlier version may stand beside the stored value: none is
   * stored (a set could have outlived its state), or the state predates windows. Every write of a
   * state with a window deleted the set (this script, the batch load), and no build since writes
   * one.
   */
  static boolean mayHaveSeenIdSet(byte[] storedState) {
    return storedState == null
        || StoredState.format(storedState) < CustomerStateCodec.FIRST_WINDOWED_FORMAT;
  }

  private final UnifiedJedis redis;
  private final MemberIndex index;
  private final Duration ttl;
  private final int maxAttempts;
  private final OptOutTombstones tombstones;

  /**
   * @param ttl time to live set on every write; {@link Duration#ZERO} keeps the TTL the key has
   * @param maxAttempts compare-and-set attempts before giving up; concurrent writers of one member
   *     are bounded by the caller's worker pool, so a few dozen is plenty
   */
  public MemberEventWriter(UnifiedJedis redis, Duration ttl, int maxAttempts) {
    this(redis, ttl, maxAttempts, null);
  }

  /**
   * A writer that also honours {@link OptOutTombstones}: a member erased after opting out gets the
   * opt-out marker back when their events arrive, and the events are {@code not_stored}. The
   * tombstone is tested in the pipeline that reads the state, so it costs no round trip.
   *
   * @param tombstones null for none
   */
  public MemberEventWriter(
      UnifiedJedis redis, Duration ttl, int maxAttempts, OptOutTombstones tombstones) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("max attempts must be at least 1, was " + maxAttempts);
    }
    this.redis = redis;
    this.index = new MemberIndex(redis);
    this.ttl = ttl;
    this.maxAttempts = maxAttempts;
    this.tombstones = tombstones;
  }

  /**
   * Folds events of one member.
   *
   * @param events validated events, all with {@code customerId}, in the order posted
   * @throws ConcurrentUpdateException when every attempt met a concurrent write
   */
  public EventUpdate apply(RedisKeys keys, String customerId, List<LoyaltyEvent> events) {
    return apply(keys, customerId, events, FoldTriggers.NONE);
  }

  /**
   * Folds events of one member and records what the fold fires in the member's outbox, atomically
   * with the new state. The tenant's {@link RedisKeys#triggerOutboxMembers} names the member before
   * the write, so {@link TriggerOutbox} finds the firings even if the caller never relays them.
   *
   * @param triggers asked on every attempt that changes the state; {@link FoldTriggers#NONE} for none
   * @throws ConcurrentUpdateException when every attempt met a concurrent write
   */
  public EventUpdate apply(
      RedisKeys keys, String customerId, List<LoyaltyEvent> events, FoldTriggers triggers) {
    return apply(keys, customerId, events, triggers, AfterFold.NONE);
  }

  /**
   * Folds events of one member as {@link #apply(RedisKeys, String, List, FoldTriggers)} does, and
   * sends {@code afterFold}'s writes in the round trip of the state's write: they stay when the state
   * is written ({@link EventUpdate#written()}) and are undone on every attempt that does not write.
   *
   * @throws ConcurrentUpdateException when every attempt met a concurrent write
   */
  public EventUpdate apply(
      RedisKeys keys,
      String customerId,
      List<LoyaltyEvent> events,
      FoldTriggers triggers,
      AfterFold afterFold) {
    return applyAll(keys, List.of(new MemberEvents(customerId, events, triggers, afterFold)))
        .get(0);
  }

  /**
   * One member's events for {@link #applyAll}.
   *
   * @param events validated events, all with {@code customerId}, in the order posted
   * @param triggers asked on every attempt that changes the state; {@link FoldTriggers#NONE} for none
   * @param afterFold writes that go with the state's write; {@link AfterFold#NONE} for none
   */
  public record MemberEvents(
      String customerId, List<LoyaltyEvent> events, FoldTriggers triggers, AfterFold afterFold) {}

  /**
   * Folds the events of several members, each as {@link #apply(RedisKeys, String, List,
   * FoldTriggers, AfterFold)} does, with their reads in one pipeline and their revision-checked
   * writes in another: two round trips for all of them, and two more for each retry of the members
   * whose revision moved (only those are read again).
   *
   * @param members distinct members
   * @return one update per member, in the order given
   * @throws ConcurrentUpdateException when every attempt of a member met a concurrent write (the
   *     members settled before stay written)
   */
  public List<EventUpdate> applyAll(RedisKeys keys, List<MemberEvents> members) {
    List<Fold> all = foldAll(keys, members);
    List<EventUpdate> out = new ArrayList<>(all.size());
    for (Fold f : all) {
      if (f.result == null) {
        throw new ConcurrentUpdateException(f.customerId, maxAttempts);
      }
      out.add(f.result);
    }
    return out;
  }

  /**
   * One member's outcome in {@link #applyEach}: its update, or the contention that left it
   * unwritten.
   *
   * @param update null exactly when {@code contention} is not
   */
  public record Outcome(EventUpdate update, ConcurrentUpdateException contention) {}

  /**
   * Folds the events of several members as {@link #applyAll} does, but a member whose every attempt
   * met a concurrent write does not fail the others: it comes back with its {@link
   * ConcurrentUpdateException}, so that callers folding several requests' members together fail
   * only the request it belongs to.
   *
   * @param members distinct members
   * @return one outcome per member, in the order given
   */
  public List<Outcome> applyEach(RedisKeys keys, List<MemberEvents> members) {
    List<Fold> all = foldAll(keys, members);
    List<Outcome> out = new ArrayList<>(all.size());
    for (Fold f : all) {
      out.add(
          f.result != null
              ? new Outcome(f.result, null)
              : new Outcome(null, new ConcurrentUpdateException(f.customerId, maxAttempts)));
    }
    return out;
  }

  /** Every member's fold, with a result unless all its attempts met a concurrent write. */
  private List<Fold> foldAll(RedisKeys keys, List<MemberEvents> members) {
    List<Fold> pending = new ArrayList<>(members.size());
    for (MemberEvents m : members) {
      pending.add(new Fold(keys, m));
    }
    List<Fold> all = List.copyOf(pending);
    for (int attempt = 1; attempt <= maxAttempts && !pending.isEmpty(); attempt++) {
      try (AbstractPipeline p = redis.pipelined()) {
        for (Fold f : pending) {
          f.queueRead(p);
        }
        p.sync();
      }
      List<Fold> writing = new ArrayList<>(pending.size());
      for (Fold f : pending) {
        if (!f.afterRead(attempt)) {
          writing.add(f);
        }
      }
      if (writing.isEmpty()) {
        pending = List.of();
        break;
      }
      try (AbstractPipeline p = redis.pipelined()) {
        for (Fold f : writing) {
          f.queueWrite(p);
        }
        p.sync();
      }
      List<Fold> retry = new ArrayList<>();
      for (Fold f : writing) {
        if (!f.afterWrite(attempt)) {
          retry.add(f);
        }
      }
      pending = retry;
      if (!pending.isEmpty()) {
        // Someone else wrote first; a short random pause spreads the contenders out.
        LockSupport.parkNanos(
            ThreadLocalRandom.current().nextLong(50_000, 200_000L * Math.min(attempt, 10)));
      }
    }
    return all;
  }

  /** One member's read-fold-write, in steps that callers interleave with other members' steps. */
  private final class Fold {
    private final RedisKeys keys;
    private final String customerId;
    private final List<LoyaltyEvent> events;
    private final FoldTriggers triggers;
    private final AfterFold afterFold;
    private final boolean withTriggers;
    private final byte[] memoryKey;
    private final byte[] outboxKey;
    private final byte[] stateKey;
    private final byte[] seenKey;
    private final byte[] optOutKey;
    private final String[] ids;
    private final Integer[] replayOrder;

    private Response<byte[]> stateReply;
    private Response<Boolean> optOutReply;
    private Response<byte[]> memoryReply;
    private Response<Boolean> tombstoneReply;

    private EventStatus[] statuses;
    private String[] reasons;
    private StoredState after;
    private List<byte[]> scriptKeys;
    private List<byte[]> args;
    private boolean indexNow;
    private RedisScript.Queued write;
    private AfterFold.Queued queued;
    private EventUpdate result;

    Fold(RedisKeys keys, MemberEvents m) {
      this.keys = keys;
      this.customerId = m.customerId();
      this.events = m.events();
      this.triggers = m.triggers();
      this.afterFold = m.afterFold();
      this.withTriggers = triggers != FoldTriggers.NONE;
      this.memoryKey = keys.memberTriggers(customerId).getBytes(StandardCharsets.UTF_8);
      this.outboxKey = keys.memberOutbox(customerId).getBytes(StandardCharsets.UTF_8);
      this.stateKey = MemberReader.stateKey(keys, customerId);
      this.seenKey = keys.memberEvents(customerId).getBytes(StandardCharsets.UTF_8);
      this.optOutKey = MemberReader.optOutKey(keys, customerId);
      this.ids = new String[events.size()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = events.get(i).eventId();
        if (!customerId.equals(events.get(i).customerId())) {
          throw new IllegalArgumentException(
              "event '"
                  + ids[i]
                  + "' is for member '"
                  + events.get(i).customerId()
                  + "', expected '"
                  + customerId
                  + "'");
        }
      }
      // A request's own events are offered in time order, so its internal order never makes one
      // of them late.
      this.replayOrder = new Integer[ids.length];
      for (int i = 0; i < ids.length; i++) {
        replayOrder[i] = i;
      }
      Arrays.sort(
          replayOrder, (a, b) -> LoyaltyEvent.REPLAY_ORDER.compare(events.get(a), events.get(b)));
    }

    /** Queues the read of the state, the opt-out marker and what the fold needs besides. */
    void queueRead(AbstractPipeline p) {
      stateReply = p.get(stateKey);
      optOutReply = p.exists(optOutKey);
      memoryReply = withTriggers ? p.get(memoryKey) : null;
      tombstoneReply = tombstones == null ? null : tombstones.contains(p, keys, customerId);
    }

    /**
     * Folds the events into the state read. True when the member is settled without a write (opted
     * out, or nothing new); false when the write is to be queued.
     */
    boolean afterRead(int attempt) {
      statuses = new EventStatus[ids.length];
      reasons = new String[ids.length];
      boolean tombstone = tombstoneReply != null && tombstoneReply.get();
      if (tombstone && !optOutReply.get()) {
        // Erased after opting out: the marker comes back before anything is stored.
        tombstones.restore(keys, customerId);
      }
      if (optOutReply.get() || tombstone) {
        Arrays.fill(statuses, EventStatus.NOT_STORED);
        result =
            new EventUpdate(
                customerId, List.of(statuses), Arrays.asList(reasons), null, false, attempt);
        return true;
      }
      byte[] stored = stateReply.get();
      StoredState before = stored == null ? null : StoredState.decodeForUpdate(stored);
      long covered = before == null ? Long.MIN_VALUE : before.batchCoveredUntilMillis();
      WindowedState window =
          before == null ? WindowedState.of(new CustomerState(customerId)) : before.window();
      // Offering events changes the window's state in place: triggers compare with a copy.
      CustomerState stateBefore = withTriggers && before != null ? before.state().copy() : null;
      boolean changed = false;
      // An id given twice in one request is one event, even with another timestamp: the window
      // alone would miss the repeat once the first copy settled, e.g. pushed out by an event of
      // the same request.
      Set<String> inRequest = new HashSet<>();
      for (int i : replayOrder) {
        LoyaltyEvent e = events.get(i);
        if (!inRequest.add(e.eventId())) {
          statuses[i] = EventStatus.DUPLICATE;
          continue;
        }
        if (e.tsMillis() < covered) {
          statuses[i] = EventStatus.COVERED;
          continue;
        }
        switch (window.offer(e)) {
          case ACCEPTED -> {
            statuses[i] = EventStatus.ACCEPTED;
            changed = true;
          }
          case DUPLICATE -> statuses[i] = EventStatus.DUPLICATE;
          case TOO_LATE -> {
            statuses[i] = EventStatus.TOO_LATE;
            reasons[i] =
                "ts: at or before the member's settled history (more than "
                    + WindowedState.WINDOW_DAYS
                    + " days, or "
                    + WindowedState.WINDOW_EVENTS
                    + " events, before their latest event; any time up to it"
                    + " for a state stored before lateness windows); events are folded in time order only after it";
          }
          case OUT_OF_RANGE -> {
            statuses[i] = EventStatus.OUT_OF_RANGE;
            reasons[i] = window.lastRefusal();
          }
        }
      }
      if (!changed) {
        result =
            new EventUpdate(
                customerId, List.of(statuses), Arrays.asList(reasons), before, false, attempt);
        return true;
      }
      after = before == null ? new StoredState(1, Long.MIN_VALUE, 0, window) : before.next(window);
      args = new ArrayList<>();
      args.add(before == null ? ABSENT : StoredState.revisionBytes(before.revision()));
      args.add(after.encode());
      args.add(Long.toString(ttl.toMillis()).getBytes(StandardCharsets.UTF_8));
      args.add(mayHaveSeenIdSet(stored) ? DELETE : KEEP);
      scriptKeys = new ArrayList<>(List.of(stateKey, seenKey, optOutKey));
      if (withTriggers) {
        // The memory was read with the state: the revision check makes the pair consistent,
        // because both are only ever written together by this script.
        byte[] rawMemory = memoryReply.get();
        TriggerMemory memory =
            TriggerMemory.decode(
                rawMemory == null ? null : new String(rawMemory, StandardCharsets.UTF_8));
        FoldTriggers.Outcome outcome = triggers.fire(stateBefore, after, memory);
        scriptKeys.add(memoryKey);
        scriptKeys.add(outboxKey);
        args.add(
            outcome.memory().equals(memory)
                ? ABSENT
                : outcome.memory().encode().getBytes(StandardCharsets.UTF_8));
        for (Firing f : outcome.firings()) {
          args.add(f.firingId().getBytes(StandardCharsets.UTF_8));
          args.add(f.encode().getBytes(StandardCharsets.UTF_8));
        }
        if (!outcome.firings().isEmpty()) {
          // Named before the write: a pending entry without firings costs one empty relay, a
          // firing without a pending entry could wait for the member's next event.
          redis.sadd(keys.triggerOutboxMembers(), customerId);
        }
      }
      indexNow = before == null || MemberIndex.writtenBeforeTheIndex(stored);
      if (indexNow) {
        // A new member (or one stored before the index existed): indexed before the write (the
        // index is in other slots), so the time-driven sweep finds every member whose write
        // completed.
        index.add(keys, customerId);
      }
      return false;
    }

    /** Queues the revision-checked write, then what goes with it. */
    void queueWrite(AbstractPipeline p) {
      write = SCRIPT.queue(p, scriptKeys, args);
      queued = afterFold.queue(p, after);
    }

    /** Settles the write: true when the member is done, false when its revision moved. */
    boolean afterWrite(int attempt) {
      long code = ((Number) write.result(redis)).longValue();
      if (queued != null) {
        if (code == 1) {
          queued.confirm();
        } else {
          queued.undo();
        }
      }
      if (code == 1) {
        result =
            new EventUpdate(
                customerId, List.of(statuses), Arrays.asList(reasons), after, true, attempt);
        return true;
      }
      if (code == -1) {
        // Opted out between the read and the write: nothing was stored, nor is the id kept.
        if (indexNow) {
          index.remove(keys, customerId);
        }
        Arrays.fill(statuses, EventStatus.NOT_STORED);
        result =
            new EventUpdate(
                customerId,
                List.of(statuses),
                Arrays.asList(new String[ids.length]),
                null,
                false,
                attempt);
        return true;
      }
      return false;
    }
  }
}
