package dev.treue.serving.server;

import dev.treue.serving.http.MalformedRequests;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.TimeUnit;

/**
 * One event loop's HTTP server; several instances share the port (Vert.x balances connections).
 * Connections idle longer than the idle timeout are closed by Vert.x, connections that send a
 * request too slowly by the {@link SlowClientGuard}; requests that are not HTTP are answered by
 * {@link MalformedRequests}. Cleartext HTTP/2 is off: the service speaks HTTP/1.1, and with h2c on
 * Vert.x holds a new connection back until its first request is complete (to look for an upgrade),
 * out of the guard's sight.
 */
final class ApiVerticle extends VerticleBase {
  /** Longest request line; longer ones get 414. */
  static final int MAX_LINE_LENGTH = 8_192;

  /** Largest header block; larger ones get 431. */
  static final int MAX_HEADER_SIZE = 16_384;

  private final Services services;
  private final int port;

  ApiVerticle(Services services, int port) {
    this.services = services;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(services.config().http().host())
            .setPort(port)
            .setTcpNoDelay(true)
            .setCompressionSupported(false)
            .setMaxInitialLineLength(MAX_LINE_LENGTH)
            .setMaxHeaderSize(MAX_HEADER_SIZE)
            .setHttp2ClearTextEnabled(false)
            .setIdleTimeout((int) services.config().http().idleTimeout().toMillis())
            .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
    SlowClientGuard guard =
        new SlowClientGuard(vertx, services.config().http().requestReadTimeout());
    guard.start();
    HttpServer server =
        vertx
            .createHttpServer(options)
            .connectionHandler(guard::connected)
            .invalidRequestHandler(new MalformedRequests(MAX_LINE_LENGTH, MAX_HEADER_SIZE))
            .requestHandler(guard.wrap(ApiRouter.create(vertx, services)));
    return server.listen();
  }
}
