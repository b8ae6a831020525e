package dev.treue.store;

import java.util.HashMap;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;

/**
 * How often each offer was issued to a member, kept in the member's own slot
 * ({@link RedisKeys#memberIssued}) so that ranking reads one hash beside the member's state instead
 * of one key per candidate offer. The offer's issue script ({@link OfferBudgets}) is the authority:
 * after a grant the service copies the authoritative count here with a plain {@code HSET}, which is
 * idempotent, so a retried request repairs a copy a crash left behind.
 */
public final class MemberGrants {
  private final UnifiedJedis redis;

  public MemberGrants(UnifiedJedis redis) {
    this.redis = redis;
  }

  /** Copies the member's grant count of an offer. */
  public void record(RedisKeys keys, String memberId, String offerId, int timesIssued) {
    redis.hset(keys.memberIssued(memberId), offerId, Integer.toString(timesIssued));
  }

  /** Grants by offer id (offers never issued to the member are absent). */
  public Map<String, Integer> read(RedisKeys keys, String memberId) {
    Map<String, String> raw = redis.hgetAll(keys.memberIssued(memberId));
    Map<String, Integer> out = new HashMap<>(raw.size() * 2);
    raw.forEach((offer, count) -> out.put(offer, Integer.parseInt(count)));
    return out;
  }
}
