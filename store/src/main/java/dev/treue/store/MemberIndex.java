package dev.treue.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The tenant's member index: the id of every member with a stored state, whoever wrote it (a batch
 * load, with or without a model, or the first event of a member the load never saw), so the
 * time-driven sweep reaches every member, not only those the at-risk list happens to hold.
 *
 * <p>The index is {@link RedisKeys#MEMBER_INDEX_SHARDS} sets ({@link RedisKeys#memberIndex(int)}),
 * a member's set chosen by a stable hash of its id. Each set has its own hash tag, so on Redis
 * Cluster the index spreads over the nodes instead of one slot holding a 50-million-member set, and
 * each set stays small enough to migrate and to scan. The sets are in other slots than the member's
 * keys, so an id cannot be added in the member's own write script: writers add it <em>before</em>
 * they create the state (an id without a state is skipped by readers and removed by erase), so once
 * a write has completed its member is in the index. Erase and opt-out remove the id.
 *
 * <p>States written before the index existed (a {@link dev.treue.core.customer.CustomerStateCodec}
 * format below {@link #FIRST_INDEXED_FORMAT}) are indexed by the next batch load that writes them
 * or by the member's next event, whichever comes first; an id whose state expired (a load with a time to live) stays until the member is erased.
 */
public final class MemberIndex {
  private final UnifiedJedis redis;

  public MemberIndex(UnifiedJedis redis) {
    this.redis = redis;
  }

  /**
   * The first {@link dev.treue.core.customer.CustomerStateCodec} format written by builds with the
   * index: a state in an older format was written before its member could be indexed.
   */
  static final int FIRST_INDEXED_FORMAT = 4;

  /** True when the stored value was written by a build without the index (so maybe not indexed). */
  static boolean writtenBeforeTheIndex(byte[] storedState) {
    return storedState.length > StoredState.HEADER_BYTES
        && StoredState.format(storedState) < FIRST_INDEXED_FORMAT;
  }

  /** Adds the member (before its state is created). */
  public void add(RedisKeys keys, String memberId) {
    redis.sadd(keys.memberIndexOf(memberId), memberId);
  }

  /**
   * Queues the members' additions on a pipeline, one multi-member SADD per shard.
   *
   * @return the replies, to check with {@link #check} after the pipeline synced
   */
  static List<Response<Long>> addAll(
      AbstractPipeline p, RedisKeys keys, Collection<String> memberIds) {
    Map<Integer, List<String>> byShard = new HashMap<>();
    for (String id : memberIds) {
      byShard.computeIfAbsent(RedisKeys.memberIndexShard(id), s -> new ArrayList<>()).add(id);
    }
    List<Response<Long>> replies = new ArrayList<>(byShard.size());
    byShard.forEach(
        (shard, ids) -> replies.add(p.sadd(keys.memberIndex(shard), ids.toArray(String[]::new))));
    return replies;
  }

  /** Throws the error of a failed addition, so a load never reports members it did not index. */
  static void check(List<Response<Long>> replies) {
    for (Response<Long> r : replies) {
      r.get();
    }
  }

  /** Removes the member (a first write that found the member opted out). */
  void remove(RedisKeys keys, String memberId) {
    redis.srem(keys.memberIndexOf(memberId), memberId);
  }

  /** Queues the member's removal on a pipeline (erase, opt-out). */
  static void remove(AbstractPipeline p, RedisKeys keys, String memberId) {
    p.srem(keys.memberIndexOf(memberId), memberId);
  }

  /** True when the member is in the index. */
  public boolean contains(RedisKeys keys, String memberId) {
    return redis.sismember(keys.memberIndexOf(memberId), memberId);
  }

  /**
   * One page of member ids.
   *
   * @param cursor the cursor of the next page, {@code "0"} after the last
   * @param memberIds about the requested number of ids (fewer at the end, possibly none)
   */
  public record Page(String cursor, List<String> memberIds) {}

  /**
   * Reads about {@code count} ids from {@code cursor} ({@code "0"} to start): SSCAN through the
   * shards in order, moving on to the next shard until the page is full. Like SSCAN, a member
   * present for the whole walk is returned at least once.
   */
  public Page page(RedisKeys keys, String cursor, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("page size must be at least 1, was " + count);
    }
    int shard = 0;
    String scan = ScanParams.SCAN_POINTER_START;
    if (!cursor.equals(ScanParams.SCAN_POINTER_START)) {
      int colon = cursor.indexOf(':');
      try {
        shard = Integer.parseInt(cursor.substring(0, Math.max(colon, 0)));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("member index cursor '" + cursor + "' is not valid");
      }
      scan = cursor.substring(colon + 1);
    }
    List<String> ids = new ArrayList<>();
    while (ids.size() < count) {
      ScanResult<String> r =
          redis.sscan(keys.memberIndex(shard), scan, new ScanParams().count(count - ids.size()));
      ids.addAll(r.getResult());
      scan = r.getCursor();
      if (scan.equals(ScanParams.SCAN_POINTER_START)) {
        shard++;
        if (shard == RedisKeys.MEMBER_INDEX_SHARDS) {
          return new Page(ScanParams.SCAN_POINTER_START, ids);
        }
      }
    }
    return new Page(shard + ":" + scan, ids);
  }
}
