package dev.treue.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;

/**
 * A tenant's at-risk list in Redis: two sorted sets of member ids, by churn probability and by value
 * at risk ({@link AtRiskOrder}), and the hash of rows, which share one hash tag so that all three
 * live in one cluster slot. The service rewrites a member's entry after an event and reads the list
 * in slices, in either order, for pages and CSV exports.
 */
public final class AtRiskStore {
  private static final System.Logger LOG = System.getLogger(AtRiskStore.class.getName());

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
   * longer active (only active members get one). One round trip ({@link #PUT_KEEPING_OFFER}), which
   * also makes the keep atomic: a load writing a new offer meanwhile is never undone by a stale one.
   *
   * @return the row written
   */
  public AtRiskEntry putKeepingOffer(RedisKeys keys, AtRiskEntry entry) {
    List<byte[]> scriptKeys = putKeys(keys);
    List<Object> reply = asList(PUT_SCRIPT.eval(redis, scriptKeys, putArgs(entry)));
    return keptRow(entry, reply);
  }

  /**
   * {@link #putKeepingOffer} queued in a pipeline, to share the round trip of another write (the
   * event fold's). The caller settles it after the pipeline's sync: {@link QueuedRow#confirm} when
   * the write it belongs with happened, {@link QueuedRow#undo} when that write did not happen.
   */
  public QueuedRow queuePutKeepingOffer(
      AbstractPipeline pipeline, RedisKeys keys, AtRiskEntry entry) {
    List<byte[]> scriptKeys = putKeys(keys);
    List<byte[]> args = putArgs(entry);
    return new QueuedRow(scriptKeys, args, PUT_SCRIPT.queue(pipeline, scriptKeys, args));
  }

  /** A row write queued in a pipeline (see {@link #queuePutKeepingOffer}). */
  public final class QueuedRow implements AfterFold.Queued {
    private final List<byte[]> scriptKeys;
    private final List<byte[]> args;
    private final RedisScript.Queued put;

    private QueuedRow(List<byte[]> scriptKeys, List<byte[]> args, RedisScript.Queued put) {
      this.scriptKeys = scriptKeys;
      this.args = args;
      this.put = put;
    }

    /** The row stays; written now when the server did not know the script when it was queued. */
    @Override
    public void confirm() {
      put.result(redis);
    }

    /**
     * Puts back what the queued write replaced (the previous row and scores, or none), unless the
     * row was rewritten since; nothing when the queued write never ran.
     */
    @Override
    public void undo() {
      if (!put.ran()) {
        return;
      }
      List<Object> reply = asList(put.result(redis));
      // The reply: the row written, whether it kept an offer, then the row it replaced (nil when
      // there was none, and then the reply may end before it).
      Object replaced = reply.size() > 2 ? reply.get(2) : null;
      List<byte[]> undoArgs = new ArrayList<>(3 + AtRiskOrder.values().length);
      undoArgs.add(args.get(0));
      undoArgs.add(bytes(reply.get(0)));
      undoArgs.add(replaced == null ? ABSENT : bytes(replaced));
      undoArgs.addAll(replacedScores(replaced));
      UNDO_SCRIPT.eval(redis, scriptKeys, undoArgs);
    }

    /**
     * The scores the replaced row had in each order, in KEYS' order: those of its entry, as every
     * writer of the list stores a row and its scores together ({@link #scoreBytes}); none when no row
     * was replaced. A stored row that does not decode (not written by Treue) keeps the scores the put
     * wrote.
     */
    private List<byte[]> replacedScores(Object replaced) {
      AtRiskEntry before = null;
      if (replaced != null) {
        try {
          before = AtRiskEntry.decode(text(replaced));
        } catch (IllegalArgumentException e) {
          LOG.log(
              System.Logger.Level.WARNING,
              "at-risk row of " + text(args.get(0)) + " does not decode; its scores stay: " + e);
          return args.subList(3, args.size());
        }
      }
      List<byte[]> scores = new ArrayList<>(AtRiskOrder.values().length);
      for (AtRiskOrder order : AtRiskOrder.values()) {
        scores.add(before == null ? ABSENT : scoreBytes(order, before));
      }
      return scores;
    }
  }

  private static List<byte[]> putKeys(RedisKeys keys) {
    List<byte[]> scriptKeys = new ArrayList<>(1 + AtRiskOrder.values().length);
    scriptKeys.add(keys.atRiskRows().getBytes(StandardCharsets.UTF_8));
    for (AtRiskOrder order : AtRiskOrder.values()) {
      scriptKeys.add(order.key(keys).getBytes(StandardCharsets.UTF_8));
    }
    return scriptKeys;
  }

  private static List<byte[]> putArgs(AtRiskEntry entry) {
    boolean keep = entry.active() && entry.retentionOffer() == null;
    List<byte[]> args = new ArrayList<>(3 + AtRiskOrder.values().length);
    args.add(entry.customerId().getBytes(StandardCharsets.UTF_8));
    args.add(entry.encode().getBytes(StandardCharsets.UTF_8));
    args.add(keep ? KEEP : DROP);
    for (AtRiskOrder order : AtRiskOrder.values()) {
      args.add(scoreBytes(order, entry));
    }
    return args;
  }

  /** An entry's score in an order as the put's script and its undo give it to {@code ZADD}. */
  private static byte[] scoreBytes(AtRiskOrder order, AtRiskEntry entry) {
    return Protocol.toByteArray(order.score(entry));
  }

  /** The row written: the entry itself, or the entry with the stored offer when the script kept it. */
  private static AtRiskEntry keptRow(AtRiskEntry entry, List<Object> reply) {
    return reply.get(1) == null ? entry : AtRiskEntry.decode(text(reply.get(0)));
  }

  @SuppressWarnings("unchecked")
  private static List<Object> asList(Object reply) {
    return (List<Object>) reply;
  }

  private static byte[] bytes(Object reply) {
    return reply instanceof byte[] b ? b : String.valueOf(reply).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * {@link #putKeepingOffer} in one script: KEYS[1] the rows, KEYS[2..] the orders' sorted sets;
   * ARGV[1] the member, ARGV[2] the row (its offer fields empty when ARGV[3] is '1'), ARGV[3] '1' to
   * keep the stored row's offer, ARGV[4..] the scores in KEYS' order. A stored row has an offer when
   * it has all {@value AtRiskEntry#FIELDS} fields and the offer's id (the first of the last {@value
   * AtRiskEntry#OFFER_FIELDS}) is not empty; the kept offer's fields are copied as stored, which is
   * what decoding and encoding them again gives. Returns the row written, 1 when it kept an offer
   * (else nil), then the row it replaced (nil when there was none), for {@link QueuedRow#undo}, which
   * takes the replaced scores from that row rather than reading them here: the undo is rare (a
   * revision that moved), the put is every event's, and two ZSCOREs were about a tenth of an event's
   * Redis time.
   */
  static final String PUT_KEEPING_OFFER =
      """
      local row = ARGV[2]
      local kept = false
      local out = {false, false, redis.call('HGET', KEYS[1], ARGV[1])}
      if ARGV[3] == '1' then
        local old = out[3]
        if old then
          local at = 0
          for _ = 1, %d do
            at = string.find(old, '\t', at + 1, true)
            if not at then break end
          end
          -- The offer id's first byte (9 is the tab of an empty id): most rows carry no offer,
          -- and only a row with one has its tail copied and its fields counted.
          local id = at and string.byte(old, at + 1)
          if id and id ~= 9 then
            local tail = string.sub(old, at)
            local _, n = string.gsub(tail, '\t', '')
            if n == %d then
              row = string.sub(row, 1, -(%d + 1)) .. tail
              kept = true
            end
          end
        end
      end
      for i = 2, #KEYS do
        redis.call('ZADD', KEYS[i], ARGV[i + 2], ARGV[1])
      end
      redis.call('HSET', KEYS[1], ARGV[1], row)
      out[1] = row
      if kept then out[2] = 1 end
      return out
      """
          .formatted(
              AtRiskEntry.FIELDS - AtRiskEntry.OFFER_FIELDS,
              AtRiskEntry.OFFER_FIELDS,
              AtRiskEntry.OFFER_FIELDS);

  private static final RedisScript PUT_SCRIPT = new RedisScript(PUT_KEEPING_OFFER);

  /**
   * Undoes a {@link #PUT_KEEPING_OFFER} whose row is still the stored one: KEYS as there; ARGV[1]
   * the member, ARGV[2] the row it wrote, ARGV[3] the row it replaced, ARGV[4..] the scores it
   * replaced in KEYS' order ('' for each that was not there: removed).
   */
  static final String UNDO_PUT =
      """
      if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
      if ARGV[3] == '' then
        redis.call('HDEL', KEYS[1], ARGV[1])
      else
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
      end
      for i = 2, #KEYS do
        if ARGV[i + 2] == '' then
          redis.call('ZREM', KEYS[i], ARGV[1])
        else
          redis.call('ZADD', KEYS[i], ARGV[i + 2], ARGV[1])
        end
      end
      return 1
      """;

  private static final RedisScript UNDO_SCRIPT = new RedisScript(UNDO_PUT);
  private static final byte[] ABSENT = new byte[0];
  private static final byte[] KEEP = {'1'};
  private static final byte[] DROP = {'0'};

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
