package dev.treue.store;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Writes member states and at-risk rows in pipelined batches: one network round trip per batch (per
 * node on a Redis Cluster), which is what makes a load of millions of members a matter of seconds.
 * Used by the Spark materialize job from every partition.
 */
public final class StateBatchWriter {
  /**
   * Members per pipeline flush. At 4,000 rather than 1,000 a 194,000-member load cost Redis 7 to 15%
   * less CPU (1.48-1.51 against 1.63-1.73 s): fewer round trips, and the member index's SADDs (one
   * per index shard a flush touches) carry four times the members.
   */
  public static final int DEFAULT_BATCH = 4_000;

  /**
   * The most members one multi-member command (the list's ZADDs and HSETs) carries, whatever the
   * batch: Redis runs a command to its end before serving anyone else, and a ZADD of 1,000 members
   * into a large sorted set takes it about 1.3 ms.
   */
  public static final int MEMBERS_PER_COMMAND = 1_000;

  /**
   * At-risk rows sorted together before they go into the list's sorted sets (in commands of at
   * most {@link #MEMBERS_PER_COMMAND} members each). Consecutive inserts in score order land next
   * to each other in the skip list, so each walks down through nodes the one before left in the
   * cache; the larger the group, the closer the neighbours, while no command carries more members
   * than before, so none blocks Redis longer. Sorted in groups of 10,000 rather than 1,000, the
   * two sorted sets' ZADDs of a 194,000-member load took Redis 468-565 instead of 816-824 ms
   * ({@code INFO commandstats}); in groups of 50,000, those of a 970,000-member load 3.0-3.3
   * instead of 3.9-4.3 s. A writer holds a group in memory: about 25 MB.
   */
  public static final int SORTED_ROWS = 50_000;

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

  /** A member's state already encoded as {@link StoredState#encode()} bytes. */
  public record EncodedState(String memberId, byte[] value) {}

  /**
   * Writes every state and, for members with an entry, their at-risk row.
   *
   * @return members written
   */
  public long write(Iterator<StoredState> states, Iterator<AtRiskEntry> atRisk) {
    long written =
        writeStates(
            new Iterator<>() {
              @Override
              public boolean hasNext() {
                return states.hasNext();
              }

              @Override
              public EncodedState next() {
                StoredState s = states.next();
                return new EncodedState(s.state().customerId(), s.encode());
              }
            });
    writeAtRisk(atRisk);
    return written;
  }

  /**
   * Writes encoded states and adds their members to the {@link MemberIndex}. A batch load replaces
   * what was stored and forgets the member's seen event ids and any opt-out marker: its history
   * already holds those events and its consent is current.
   *
   * @return members written
   */
  public long writeStates(Iterator<EncodedState> states) {
    SetParams params = ttl.isZero() ? new SetParams() : new SetParams().px(ttl.toMillis());
    long written = 0;
    List<EncodedState> batch = new ArrayList<>(batchSize);
    while (states.hasNext()) {
      batch.add(states.next());
      if (batch.size() == batchSize || !states.hasNext()) {
        List<Response<Long>> indexed;
        try (AbstractPipeline p = redis.pipelined()) {
          // Indexed in the same round trip: the call returns only once both are written.
          indexed =
              MemberIndex.addAll(p, keys, batch.stream().map(EncodedState::memberId).toList());
          for (EncodedState s : batch) {
            p.set(
                keys.memberState(s.memberId()).getBytes(StandardCharsets.UTF_8), s.value(), params);
            // Both keys share the member's slot, so one DEL serves a cluster too.
            p.del(keys.memberEvents(s.memberId()), keys.memberOptOut(s.memberId()));
          }
          p.sync();
        }
        MemberIndex.check(indexed);
        written += batch.size();
        batch.clear();
      }
    }
    return written;
  }

  /**
   * An at-risk row already encoded as {@link AtRiskEntry#encode()} text, with its scores in both
   * orders ({@link AtRiskOrder}).
   *
   * @param probability the row's score by probability ({@link AtRiskOrder#PROBABILITY}: the churn
   *     probability of an active member)
   * @param valueAtRisk the row's score by value ({@link AtRiskOrder#VALUE_AT_RISK}: the value at
   *     risk of an active member, the win-back value of a lapsed one)
   */
  public record EncodedRow(String memberId, double probability, double valueAtRisk, String row) {
    /**
     * A row whose value at risk is read back from its text: for callers that carry only the
     * probability beside the encoded row (the 4-argument form spares the parse).
     *
     * @throws IllegalArgumentException when {@code row} is not an encoded at-risk row
     */
    public EncodedRow(String memberId, double probability, String row) {
      this(memberId, probability, AtRiskOrder.VALUE_AT_RISK.score(AtRiskEntry.decode(row)), row);
    }
  }

  /** Writes at-risk rows; see {@link #writeEncodedRows}. */
  public long writeAtRisk(Iterator<AtRiskEntry> rows) {
    return writeEncodedRows(
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            return rows.hasNext();
          }

          @Override
          public EncodedRow next() {
            AtRiskEntry e = rows.next();
            return new EncodedRow(
                e.customerId(),
                AtRiskOrder.PROBABILITY.score(e),
                AtRiskOrder.VALUE_AT_RISK.score(e),
                e.encode());
          }
        });
  }

  /**
   * Writes at-risk rows: the members into the list's sorted sets by probability and by value at risk,
   * the rows into its hash. The keys share one slot, so a group of up to {@link #SORTED_ROWS} rows
   * is one round trip of multi-member ZADDs (in score order) and multi-field HSETs, each command
   * carrying at most {@link #MEMBERS_PER_COMMAND} members (fewer when the batch is smaller).
   *
   * @return rows written
   */
  public long writeEncodedRows(Iterator<EncodedRow> rows) {
    long written = 0;
    int group = rowGroup();
    List<EncodedRow> batch = new ArrayList<>();
    while (rows.hasNext()) {
      batch.add(rows.next());
      if (batch.size() == group || !rows.hasNext()) {
        try (AbstractPipeline p = redis.pipelined()) {
          queueInScoreOrder(p, keys.atRiskScores(), batch, EncodedRow::probability);
          queueInScoreOrder(p, keys.atRiskValues(), batch, EncodedRow::valueAtRisk);
          for (int from = 0; from < batch.size(); from += perCommand()) {
            List<EncodedRow> part =
                batch.subList(from, Math.min(batch.size(), from + perCommand()));
            Map<String, String> encoded = new HashMap<>(part.size() * 2);
            for (EncodedRow row : part) {
              encoded.put(row.memberId(), row.row());
            }
            p.hset(keys.atRiskRows(), encoded);
          }
          p.sync();
        }
        written += batch.size();
        batch.clear();
      }
    }
    return written;
  }

  /**
   * At-risk rows {@link #writeEncodedRows} sorts and sends together: {@link #SORTED_ROWS}, or the
   * batch when that is larger. A caller that gathers rows from a stream hands them over in groups
   * of this size.
   */
  public int rowGroup() {
    return Math.max(batchSize, SORTED_ROWS);
  }

  private int perCommand() {
    return Math.min(batchSize, MEMBERS_PER_COMMAND);
  }

  /**
   * The group's members into {@code key} by ascending score, in ZADDs of {@link #perCommand()}.
   * Redis inserts a ZADD's members in argument order; in score order each insertion lands next to
   * the previous one in the sorted set's skip list, which is what keeps the list's two sorted sets
   * from being most of a load's Redis time.
   */
  private void queueInScoreOrder(
      AbstractPipeline p, String key, List<EncodedRow> group, ToDoubleFunction<EncodedRow> score) {
    List<EncodedRow> sorted = new ArrayList<>(group);
    sorted.sort(Comparator.comparingDouble(score));
    for (int from = 0; from < sorted.size(); from += perCommand()) {
      List<EncodedRow> part = sorted.subList(from, Math.min(sorted.size(), from + perCommand()));
      Map<String, Double> members = new LinkedHashMap<>(part.size() * 2);
      for (EncodedRow row : part) {
        members.put(row.memberId(), score.applyAsDouble(row));
      }
      p.zadd(key, members);
    }
  }

  /**
   * Marks members who withheld profiling consent: their state, seen events, list entries and index
   * entry are removed and a marker tells the service never to score or list them.
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
            p.zrem(keys.atRiskValues(), id);
            p.hdel(keys.atRiskRows(), id);
            MemberIndex.remove(p, keys, id);
          }
          p.sync();
        }
        marked += batch.size();
        batch.clear();
      }
    }
    return marked;
  }
}
