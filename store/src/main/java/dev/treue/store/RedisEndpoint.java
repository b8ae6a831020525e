package dev.treue.store;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;

/**
 * Where the feature cache lives, parsed from a URL: {@code redis://[:password@]host:port[/db]} for
 * one server, {@code redis-cluster://host:port[,host:port...]} for a Redis Cluster (any reachable
 * nodes; the rest are discovered). Both give a {@link UnifiedJedis}, so callers do not care which.
 *
 * @param cluster true for Redis Cluster
 * @param nodes seed nodes (one for a single server)
 * @param password password or null
 * @param database logical database (single server only)
 */
public record RedisEndpoint(
    boolean cluster, List<HostAndPort> nodes, String password, int database) {

  /** The environment variable that points Treue at a Redis instead of the embedded one. */
  public static final String ENV = "TREUE_REDIS_URL";

  public RedisEndpoint {
    nodes = List.copyOf(nodes);
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("a Redis endpoint needs at least one host:port");
    }
  }

  /**
   * Parses a Redis URL.
   *
   * @throws IllegalArgumentException naming what is wrong and what was expected
   */
  public static RedisEndpoint parse(String url) {
    String expected = "expected redis://host:port[/db] or redis-cluster://host:port[,host:port...]";
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("Redis URL is empty; " + expected);
    }
    String trimmed = url.trim();
    if (trimmed.startsWith("redis-cluster://")) {
      String rest = trimmed.substring("redis-cluster://".length());
      String password = null;
      int at = rest.lastIndexOf('@');
      if (at >= 0) {
        String auth = rest.substring(0, at);
        password = auth.substring(auth.indexOf(':') + 1);
        rest = rest.substring(at + 1);
      }
      List<HostAndPort> nodes = new ArrayList<>();
      for (String node : rest.split(",")) {
        nodes.add(hostAndPort(node.replaceAll("/.*$", ""), url, expected));
      }
      return new RedisEndpoint(true, nodes, password, 0);
    }
    if (!trimmed.startsWith("redis://")) {
      throw new IllegalArgumentException(
          "Redis URL '" + url + "' has an unknown scheme; " + expected);
    }
    URI uri = URI.create(trimmed);
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("Redis URL '" + url + "' has no host; " + expected);
    }
    String password = null;
    if (uri.getUserInfo() != null) {
      String info = uri.getUserInfo();
      password = info.substring(info.indexOf(':') + 1);
    }
    int db = 0;
    String path = uri.getPath();
    if (path != null && path.length() > 1) {
      try {
        db = Integer.parseInt(path.substring(1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "Redis URL '" + url + "' has database '" + path.substring(1) + "'; expected a number",
            e);
      }
    }
    return new RedisEndpoint(
        false,
        List.of(new HostAndPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort())),
        password,
        db);
  }

  private static HostAndPort hostAndPort(String text, String url, String expected) {
    int colon = text.lastIndexOf(':');
    try {
      return new HostAndPort(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "Redis URL '" + url + "' has node '" + text + "'; " + expected, e);
    }
  }

  /**
   * A pooled client.
   *
   * @param timeout connect and command timeout: a Redis that does not answer in time is an error,
   *     never a hang
   * @param maxConnections pool size (per node for a cluster)
   */
  public UnifiedJedis connect(Duration timeout, int maxConnections) {
    JedisClientConfig config =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis((int) timeout.toMillis())
            .socketTimeoutMillis((int) timeout.toMillis())
            .blockingSocketTimeoutMillis((int) timeout.toMillis())
            .password(password)
            .database(cluster ? 0 : database)
            .clientName("treue")
            .build();
    GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
    pool.setMaxTotal(maxConnections);
    pool.setMaxIdle(maxConnections);
    pool.setMinIdle(0);
    // Waiting for a free connection is bounded by the same timeout as a command.
    pool.setMaxWait(timeout);
    pool.setTestWhileIdle(false);
    if (cluster) {
      Set<HostAndPort> seeds = new LinkedHashSet<>(nodes);
      return new JedisCluster(seeds, config, 3, timeout.multipliedBy(3), pool);
    }
    return new JedisPooled(pool, nodes.get(0), config);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(cluster ? "redis-cluster://" : "redis://");
    for (int i = 0; i < nodes.size(); i++) {
      b.append(i == 0 ? "" : ",")
          .append(nodes.get(i).getHost())
          .append(':')
          .append(nodes.get(i).getPort());
    }
    if (!cluster && database != 0) {
      b.append('/').append(database);
    }
    return b.toString();
  }
}
