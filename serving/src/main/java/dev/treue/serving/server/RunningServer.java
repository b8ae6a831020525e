package dev.treue.serving.server;

/**
 * A started service: where it listens and how to stop it. Closing stops the HTTP servers, the model
 * poll, the Redis pool and, when one was started, the embedded Redis.
 */
public interface RunningServer extends AutoCloseable {
  /** The port the service listens on (the chosen one when configured as 0). */
  int port();

  /** The Redis the service uses (the embedded one's URL when none was configured). */
  String redisUrl();

  /** {@code http://127.0.0.1:<port>}. */
  default String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  @Override
  void close();
}
