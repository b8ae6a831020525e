package dev.treue.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@link TimeTriggerClaimsContract} on a real three-master Redis Cluster: the claims and outbox share the
 * member's slot with the state, the stream lives in another.
 */
class ClusterTimeTriggerClaimsIT extends TimeTriggerClaimsContract {
  private static RedisTestServers.Cluster cluster;
  private static UnifiedJedis jedis;

  @BeforeAll
  static void start() {
    cluster = RedisTestServers.cluster();
    jedis = RedisTestServers.connect(cluster.url());
  }

  @AfterAll
  static void stop() {
    jedis.close();
    cluster.close();
  }

  @Override
  UnifiedJedis jedis() {
    return jedis;
  }
}
