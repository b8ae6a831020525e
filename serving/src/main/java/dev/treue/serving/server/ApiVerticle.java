package dev.treue.serving.server;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/** One event loop's HTTP server; several instances share the port (Vert.x balances connections). */
final class ApiVerticle extends VerticleBase {
  private final Services services;
  private final int port;

  ApiVerticle(Services services, int port) {
    this.services = services;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    HttpServerOptions options = new HttpServerOptions().setHost(services.config().host()).setPort(port)
        .setTcpNoDelay(true).setCompressionSupported(false).setMaxInitialLineLength(8_192)
        .setMaxHeaderSize(16_384);
    HttpServer server = vertx.createHttpServer(options).requestHandler(ApiRouter.create(vertx, services));
    return server.listen();
  }
}
