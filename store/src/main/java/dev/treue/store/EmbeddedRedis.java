package dev.treue.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * A real Redis server (6.2, shipped inside the embedded-redis jar) started as a child process, for
 * runs without a configured Redis ({@code ./treue demo}, {@code ./treue serve} with no
 * {@code TREUE_REDIS_URL}) and for tests. Loopback only, no persistence. Each server unpacks the
 * binary into its own {@code treue-redis-*} temporary folder (its working folder too, where a cluster
 * node keeps its config); {@link #close} removes exactly that folder.
 */
public final class EmbeddedRedis implements AutoCloseable {
  private final RedisServer server;
  private final int port;
  private final boolean cluster;
  private final Path folder;

  private EmbeddedRedis(RedisServer server, int port, boolean cluster, Path folder) {
    this.server = server;
    this.port = port;
    this.cluster = cluster;
    this.folder = folder;
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
    Path folder = null;
    try {
      folder = Files.createTempDirectory("treue-redis-");
      RedisServer server =
          RedisServer.newRedisServer()
              .executableProvider(ExecutableProvider.newJarResourceProvider(folder.toFile()))
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
      return new EmbeddedRedis(server, chosen, cluster, folder);
    } catch (IOException e) {
      if (folder != null) {
        deleteTree(folder);
      }
      throw new UncheckedIOException(
          "cannot start the embedded Redis on port " + chosen + ": " + e.getMessage(), e);
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
    close();
    return start(port, cluster);
  }

  @Override
  public void close() {
    if (server.isActive()) {
      stop();
    }
    deleteTree(folder);
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary folder is untidy, not wrong.
    }
  }
}
