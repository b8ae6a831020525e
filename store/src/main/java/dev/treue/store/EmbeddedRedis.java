package dev.treue.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import redis.embedded.RedisServer;

/**
 * A real Redis server (6.2, shipped inside the embedded-redis jar) started as a child process, for
 * runs without a configured Redis ({@code ./treue demo}, {@code ./treue serve} with no
 * {@code TREUE_REDIS_URL}) and for tests. Loopback only, no persistence. The library unpacks the
 * binary into a fresh {@code /tmp/redis-*} folder every start; {@link #close} removes it.
 */
public final class EmbeddedRedis implements AutoCloseable {
  private final RedisServer server;
  private final int port;
  private final boolean cluster;

  private EmbeddedRedis(RedisServer server, int port, boolean cluster) {
    this.server = server;
    this.port = port;
    this.cluster = cluster;
  }

  /** Starts a plain server on a free port (0) or the given one. */
  public static EmbeddedRedis start(int port) {
    return start(port, false);
  }

  /** Starts a server with cluster mode on, to be joined into a cluster by the caller. */
  public static EmbeddedRedis startClusterNode(int port) {
    return start(port, true);
  }

  private static EmbeddedRedis start(int port, boolean cluster) {
    int chosen = port == 0 ? freePort() : port;
    try {
      RedisServer server = RedisServer.newRedisServer()
          .port(chosen)
          .bind("127.0.0.1")
          .setting("save \"\"")
          .setting("appendonly no")
          .setting("maxmemory-policy noeviction")
          .settingIf(cluster, "cluster-enabled yes")
          .settingIf(cluster, "cluster-config-file nodes-" + chosen + ".conf")
          .settingIf(cluster, "cluster-node-timeout 5000")
          .build();
      server.start();
      return new EmbeddedRedis(server, chosen, cluster);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded Redis on port " + chosen + ": " + e.getMessage(), e);
    }
  }

  /** A free loopback port. */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }

  public int port() {
    return port;
  }

  /** The URL to connect to this server. */
  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** True when the server process is running. */
  public boolean isActive() {
    return server.isActive();
  }

  /** Stops the server (it can be started again on the same port with {@link #restart}). */
  public void stop() {
    try {
      server.stop();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop the embedded Redis on port " + port, e);
    }
  }

  /** A new server process on the same port, empty. */
  public EmbeddedRedis restart() {
    if (server.isActive()) {
      stop();
    }
    return start(port, cluster);
  }

  @Override
  public void close() {
    if (server.isActive()) {
      stop();
    }
    removeUnpackedBinaries();
  }

  /** Deletes the library's {@code /tmp/redis-*} folders that no running server uses any more. */
  static void removeUnpackedBinaries() {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    try (Stream<Path> dirs = Files.list(tmp)) {
      dirs.filter(p -> p.getFileName().toString().startsWith("redis-") && Files.isDirectory(p))
          .filter(EmbeddedRedis::unused)
          .forEach(EmbeddedRedis::deleteTree);
    } catch (IOException e) {
      // Leftover temp folders are untidy, not wrong.
    }
  }

  private static boolean unused(Path dir) {
    try {
      return Files.getLastModifiedTime(dir).toMillis() < System.currentTimeMillis() - 1_000;
    } catch (IOException e) {
      return false;
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // See above.
    }
  }
}
