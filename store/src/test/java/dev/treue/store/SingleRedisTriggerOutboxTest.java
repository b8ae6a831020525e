package dev.treue.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import redis.clients.jedis.UnifiedJedis;

/** {@link TriggerOutboxContract} on one real Redis. */
class SingleRedisTriggerOutboxTest extends TriggerOutboxContract {
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
