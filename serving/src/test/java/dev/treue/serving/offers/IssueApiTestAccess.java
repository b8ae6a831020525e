package dev.treue.serving.offers;

import dev.treue.store.RedisKeys;
import redis.clients.jedis.UnifiedJedis;

/** Lets tests in other packages store members the way the issue tests do. */
public final class IssueApiTestAccess {
  private IssueApiTestAccess() {}

  /** Stores a member with a tier, a coffee purchase three days ago and a points balance. */
  public static void member(
      UnifiedJedis jedis, RedisKeys keys, String id, String tier, long points) {
    IssueApiTest.member(jedis, keys, id, tier, points);
  }
}
