package dev.treue.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;

/**
 * Real Redis servers for tests: the server at {@code TREUE_REDIS_URL} when set, otherwise an embedded
 * real Redis; and a three-master Redis Cluster built from embedded servers with cluster mode on. No
 * mocks anywhere. Shared with the serving and training tests through the test jar.
 */
public final class RedisTestServers {
  private RedisTestServers() {}

  /** A running single Redis for a test class. */
  public interface Single extends AutoCloseable {
    /** The URL to connect to. */
    String url();

    @Override
    void close();
  }

  /**
   * The configured Redis, or a fresh embedded one. A configured Redis is shared with whatever else
   * uses it, so tests must use their own tenant.
   */
  public static Single single() {
    String configured = System.getenv(RedisEndpoint.ENV);
    if (configured != null && !configured.isBlank()) {
      return new Single() {
        @Override
        public String url() {
          return configured;
        }

        @Override
        public void close() {}
      };
    }
    EmbeddedRedis redis = EmbeddedRedis.start(0);
    return new Single() {
      @Override
      public String url() {
        return redis.url();
      }

      @Override
      public void close() {
        redis.close();
      }
    };
  }

  /** A three-master cluster on loopback, each master owning a third of the 16,384 slots. */
  public static final class Cluster implements AutoCloseable {
    private final List<EmbeddedRedis> nodes;

    private Cluster(List<EmbeddedRedis> nodes) {
      this.nodes = nodes;
    }

    /** {@code redis-cluster://} URL naming every master. */
    public String url() {
      StringBuilder b = new StringBuilder("redis-cluster://");
      for (int i = 0; i < nodes.size(); i++) {
        b.append(i == 0 ? "" : ",").append("127.0.0.1:").append(nodes.get(i).port());
      }
      return b.toString();
    }

    /** Keys held by each master, to prove data is spread over the slots. */
    public List<Long> keysPerNode() {
      List<Long> counts = new ArrayList<>();
      for (EmbeddedRedis node : nodes) {
        try (Jedis j = new Jedis("127.0.0.1", node.port())) {
          counts.add(j.dbSize());
        }
      }
      return counts;
    }

    @Override
    public void close() {
      nodes.forEach(EmbeddedRedis::close);
    }
  }

  /** Starts three cluster-mode servers, assigns slots, joins them and waits for the cluster to be ok. */
  public static Cluster cluster() {
    List<EmbeddedRedis> nodes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      nodes.add(EmbeddedRedis.startClusterNode(0));
    }
    int slots = 16_384;
    for (int i = 0; i < 3; i++) {
      int from = i * slots / 3;
      int to = (i + 1) * slots / 3;
      try (Jedis j = new Jedis("127.0.0.1", nodes.get(i).port())) {
        j.clusterAddSlots(IntStream.range(from, to).toArray());
        if (i > 0) {
          j.clusterMeet("127.0.0.1", nodes.get(0).port());
        }
      }
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!allOk(nodes)) {
      if (System.nanoTime() > deadline) {
        nodes.forEach(EmbeddedRedis::close);
        throw new IllegalStateException(
            "the test Redis Cluster did not reach cluster_state:ok in 30 s");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return new Cluster(nodes);
  }

  private static boolean allOk(List<EmbeddedRedis> nodes) {
    for (EmbeddedRedis node : nodes) {
      try (Jedis j = new Jedis("127.0.0.1", node.port())) {
        String info = j.clusterInfo();
        if (!info.contains("cluster_state:ok") || !info.contains("cluster_known_nodes:3")) {
          return false;
        }
      }
    }
    return true;
  }

  /** A client for a test. */
  public static UnifiedJedis connect(String url) {
    return RedisEndpoint.parse(url).connect(Duration.ofSeconds(2), 8);
  }
}
