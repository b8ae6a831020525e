package dev.treue.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * "Do not profile" without the personal data: erasing a member who had opted out of profiling
 * deletes the opt-out marker with everything else (its key names the member), and leaves the
 * member's pseudonym ({@link MemberPseudonyms}) in the tenant's {@link RedisKeys#erasedOptOuts} set.
 * When events for such a member arrive later, the opt-out marker is set again before they are
 * folded, so they are not stored and the member is never scored, listed or ranked again.
 */
public final class OptOutTombstones {
  private final UnifiedJedis redis;
  private final MemberPseudonyms pseudonyms;

  public OptOutTombstones(UnifiedJedis redis, MemberPseudonyms pseudonyms) {
    this.redis = redis;
    this.pseudonyms = pseudonyms;
  }

  /** Leaves the tombstone of an erased, opted-out member. */
  public void mark(RedisKeys keys, String memberId) {
    redis.sadd(keys.erasedOptOuts(), pseudonyms.member(keys, memberId));
  }

  /** True when the member was erased after opting out. */
  public boolean contains(RedisKeys keys, String memberId) {
    return redis.sismember(keys.erasedOptOuts(), pseudonyms.member(keys, memberId));
  }

  /**
   * Queues the test of one member's tombstone in a pipeline, so that a read which needs it (the
   * event fold's, {@link MemberEventWriter}) costs no round trip of its own.
   */
  public Response<Boolean> contains(AbstractPipeline pipeline, RedisKeys keys, String memberId) {
    return pipeline.sismember(keys.erasedOptOuts(), pseudonyms.member(keys, memberId));
  }

  /** Sets the opt-out marker again of a member found with a tombstone. */
  public void restore(RedisKeys keys, String memberId) {
    redis.set(keys.memberOptOut(memberId), "1");
  }

  /**
   * Sets the opt-out marker again for every member given who has a tombstone (one round trip to
   * test them all, one more only when any has one).
   *
   * @return how many markers were set
   */
  public int restoreOptOuts(RedisKeys keys, Collection<String> memberIds) {
    if (memberIds.isEmpty()) {
      return 0;
    }
    List<String> ids = new ArrayList<>(memberIds);
    String[] hashes = new String[ids.size()];
    for (int i = 0; i < hashes.length; i++) {
      hashes[i] = pseudonyms.member(keys, ids.get(i));
    }
    List<Boolean> found = redis.smismember(keys.erasedOptOuts(), hashes);
    int restored = 0;
    try (AbstractPipeline p = redis.pipelined()) {
      for (int i = 0; i < hashes.length; i++) {
        if (found.get(i)) {
          p.set(keys.memberOptOut(ids.get(i)), "1");
          restored++;
        }
      }
      p.sync();
    }
    return restored;
  }
}
