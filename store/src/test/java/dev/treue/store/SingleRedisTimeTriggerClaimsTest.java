package dev.treue.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import redis.clients.jedis.UnifiedJedis;

/** {@link TimeTriggerClaimsContract} on one real Redis. */
class SingleRedisTimeTriggerClaimsTest extends TimeTriggerClaimsContract {
  private static RedisTestServers.Single redis;
  private static UnifiedJedis jedis;

  @BeforeAll
  static void start() {
    redis = RedisTestServers.single();
    jedis = RedisTestServers.connect(redis.url());
  }

  @AfterAll
  static void stop() {
    jedis.close();
    redis.close();
  }

  @Override
  UnifiedJedis jedis() {
    return jedis;
  }
}
