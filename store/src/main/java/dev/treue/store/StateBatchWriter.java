package dev.treue.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Writes member states and at-risk rows in pipelined batches: one network round trip per batch (per
 * node on a Redis Cluster), which is what makes a load of millions of members a matter of seconds.
 * Used by the Spark materialize job from every partition.
 */
public final class StateBatchWriter {
  /** Commands per pipeline flush. */
  public static final int DEFAULT_BATCH = 1_000;

  private final UnifiedJedis redis;
  private final RedisKeys keys;
  private final Duration ttl;
  private final int batchSize;

  /**
   * @param ttl time to live of a member's keys; {@link Duration#ZERO} keeps them until erased
   */
  public StateBatchWriter(UnifiedJedis redis, RedisKeys keys, Duration ttl, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, was " + batchSize);
    }
    this.redis = redis;
    this.keys = keys;
    this.ttl = ttl;
    this.batchSize = batchSize;
  }

  /**
   * Writes every state and, for members with an entry, their at-risk row. The batch load replaces
   * what was stored and forgets the seen event ids: its history already holds those events.
   *
   * @return members written
   */
  public long write(Iterator<StoredState> states, Iterator<AtRiskEntry> atRisk) {
    long written = 0;
    List<StoredState> batch = new ArrayList<>(batchSize);
    while (states.hasNext()) {
      batch.add(states.next());
      if (batch.size() == batchSize) {
        written += flushStates(batch);
      }
    }
    written += flushStates(batch);
    List<AtRiskEntry> rows = new ArrayList<>(batchSize);
    while (atRisk.hasNext()) {
      rows.add(atRisk.next());
      if (rows.size() == batchSize) {
        flushRows(rows);
      }
    }
    flushRows(rows);
    return written;
  }

  /**
   * Marks members who withheld profiling consent: their state, seen events and list entries are
   * removed and a marker tells the service never to score or list them.
   *
   * @return members marked
   */
  public long optOut(Iterator<String> memberIds) {
    long marked = 0;
    List<String> batch = new ArrayList<>(batchSize);
    while (memberIds.hasNext()) {
      batch.add(memberIds.next());
      if (batch.size() == batchSize || !memberIds.hasNext()) {
        try (AbstractPipeline p = redis.pipelined()) {
          for (String id : batch) {
            p.del(keys.memberState(id), keys.memberEvents(id));
            p.set(keys.memberOptOut(id), "1");
            p.zrem(keys.atRiskScores(), id);
            p.hdel(keys.atRiskRows(), id);
          }
          p.sync();
        }
        marked += batch.size();
        batch.clear();
      }
    }
    return marked;
  }

  private int flushStates(List<StoredState> batch) {
    if (batch.isEmpty()) {
      return 0;
    }
    SetParams params = ttl.isZero() ? new SetParams() : new SetParams().px(ttl.toMillis());
    try (AbstractPipeline p = redis.pipelined()) {
      for (StoredState s : batch) {
        String id = s.state().customerId();
        p.set(keys.memberState(id).getBytes(java.nio.charset.StandardCharsets.UTF_8), s.encode(), params);
        // Both keys share the member's slot, so one DEL serves a cluster too.
        p.del(keys.memberEvents(id), keys.memberOptOut(id));
      }
      p.sync();
    }
    int n = batch.size();
    batch.clear();
    return n;
  }

  private void flushRows(List<AtRiskEntry> rows) {
    if (rows.isEmpty()) {
      return;
    }
    try (AbstractPipeline p = redis.pipelined()) {
      for (AtRiskEntry row : rows) {
        p.zadd(keys.atRiskScores(), row.probability(), row.customerId());
        p.hset(keys.atRiskRows(), row.customerId(), row.encode());
      }
      p.sync();
    }
    rows.clear();
  }
}
