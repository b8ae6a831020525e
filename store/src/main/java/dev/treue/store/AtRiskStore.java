package dev.treue.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;

/**
 * A tenant's at-risk list in Redis: two sorted sets of member ids, by churn probability and by value
 * at risk ({@link AtRiskOrder}), and the hash of rows, which share one hash tag so that all three
 * live in one cluster slot. The service rewrites a member's entry after an event and reads the list
 * in slices, in either order, for pages and CSV exports.
 */
public final class AtRiskStore {
  /**
   * Reads a slice and its rows in one round trip: {@code ZREVRANGEBYSCORE ... LIMIT} then
   * {@code HMGET} of the ids found, as flat triples (id, score, row or nil).
   */
  static final String SLICE =
      """
      local r = redis.call('ZREVRANGEBYSCORE', KEYS[1], ARGV[1], ARGV[2], 'WITHSCORES', 'LIMIT', ARGV[3], ARGV[4])
      if #r == 0 then return {} end
      local ids = {}
      for i = 1, #r, 2 do ids[#ids + 1] = r[i] end
      local rows = redis.call('HMGET', KEYS[2], unpack(ids))
      local out = {}
      for i = 1, #ids do
        out[#out + 1] = r[2 * i - 1]
        out[#out + 1] = r[2 * i]
        out[#out + 1] = rows[i]
      end
      return out
      """;

  /** Largest slice one call reads. */
  public static final int MAX_SLICE = 1_000;

  private final UnifiedJedis redis;

  public AtRiskStore(UnifiedJedis redis) {
    this.redis = redis;
  }

  /** Writes or replaces a member's entry (both scores and the row, in one transaction-free pipeline). */
  public void put(RedisKeys keys, AtRiskEntry entry) {
    try (AbstractPipeline p = redis.pipelined()) {
      for (AtRiskOrder order : AtRiskOrder.values()) {
        p.zadd(order.key(keys), order.score(entry), entry.customerId());
      }
      p.hset(keys.atRiskRows(), entry.customerId(), entry.encode());
      p.sync();
    }
  }

  /**
   * Writes the row the service computed after an event, keeping the stored row's retention offer
   * while the member stays active. The service does not pick retention offers: batch scoring does
   * ({@code materialize}, with its offers model, catalogue and {@code --retention-from}), so an
   * event keeps the offer of the last load until the next one, and drops it when the member is no
   * longer active (only active members get one). Costs one {@code HGET} for active members.
   *
   * @return the row written
   */
  public AtRiskEntry putKeepingOffer(RedisKeys keys, AtRiskEntry entry) {
    AtRiskEntry written = entry;
    if (entry.active() && entry.retentionOffer() == null) {
      String stored = redis.hget(keys.atRiskRows(), entry.customerId());
      RetentionOffer kept = stored == null ? null : AtRiskEntry.decode(stored).retentionOffer();
      written = kept == null ? entry : entry.withRetentionOffer(kept);
    }
    put(keys, written);
    return written;
  }

  /**
   * Up to {@code count} members of the list in {@code order}, highest first, leaving out those with
   * probability below {@code minProbability}. In probability order Redis stops at the minimum (so
   * only active members, scored 0 to 1, are read); in value order the members below it are scanned
   * and dropped, so {@link AtRiskSlice#rows} may be shorter than {@link AtRiskSlice#scanned}. Rows
   * without a probability (lapsed and never-purchased members) are never dropped by the minimum:
   * the caller filters by status.
   *
   * @param from where to start (a cursor of the same order), null for the top of the list
   * @param count members to scan, 1 to {@link #MAX_SLICE}
   */
  public AtRiskSlice slice(
      RedisKeys keys, AtRiskOrder order, double minProbability, AtRiskCursor from, int count) {
    double minScore = order == AtRiskOrder.PROBABILITY ? minProbability : Double.NEGATIVE_INFINITY;
    return slice(keys, order, minScore, Double.POSITIVE_INFINITY, minProbability, from, count);
  }

  /**
   * Up to {@code count} members of the list in {@code order} with scores from {@code minScore} to
   * {@code maxScore}, highest first (e.g. exactly {@link AtRiskOrder#NEVER_PURCHASED_SCORE} by
   * probability: the members who never purchased).
   *
   * @param minProbability rows with a probability below it are dropped (see above)
   * @param from where to start (a cursor of the same order and range), null for {@code maxScore}
   * @param count members to scan, 1 to {@link #MAX_SLICE}
   */
  @SuppressWarnings("unchecked")
  public AtRiskSlice slice(
      RedisKeys keys,
      AtRiskOrder order,
      double minScore,
      double maxScore,
      double minProbability,
      AtRiskCursor from,
      int count) {
    if (count < 1 || count > MAX_SLICE) {
      throw new IllegalArgumentException("slice size " + count + " must be 1 to " + MAX_SLICE);
    }
    String max = from == null ? bound(maxScore) : Double.toString(Math.min(from.score(), maxScore));
    String min = bound(minScore);
    long skip = from == null ? 0 : from.skip();
    List<Object> flat =
        (List<Object>)
            redis.eval(
                SLICE,
                List.of(order.key(keys), keys.atRiskRows()),
                List.of(max, min, Long.toString(skip), Integer.toString(count)));
    List<AtRiskEntry> rows = new ArrayList<>(flat.size() / 3);
    List<AtRiskCursor> cursors = new ArrayList<>(flat.size() / 3);
    int scanned = flat.size() / 3;
    double groupScore = from == null ? Double.NaN : from.score();
    long groupSeen = from == null ? 0 : from.skip();
    for (int i = 0; i < flat.size(); i += 3) {
      double score = Double.parseDouble(text(flat.get(i + 1)));
      // Members with equal scores come in a fixed order; the cursor counts those already passed.
      if (score == groupScore) {
        groupSeen++;
      } else {
        groupScore = score;
        groupSeen = 1;
      }
      Object row = flat.get(i + 2);
      AtRiskEntry entry = row == null ? null : AtRiskEntry.decode(text(row));
      // NaN (no probability: not an active member) is never below the minimum.
      if (entry != null && !(entry.probability() < minProbability)) {
        rows.add(entry);
        cursors.add(new AtRiskCursor(groupScore, groupSeen));
      }
    }
    AtRiskCursor next = scanned == count ? new AtRiskCursor(groupScore, groupSeen) : null;
    return new AtRiskSlice(rows, cursors, scanned, next);
  }

  private static String bound(double score) {
    if (score == Double.POSITIVE_INFINITY) {
      return "+inf";
    }
    return score == Double.NEGATIVE_INFINITY ? "-inf" : Double.toString(score);
  }

  private static String text(Object reply) {
    return reply instanceof byte[] b
        ? new String(b, StandardCharsets.UTF_8)
        : String.valueOf(reply);
  }
}
