package dev.treue.serving.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;

/**
 * Closes a connection whose request was answered before its body was read. Closing at once would
 * make the kernel reset the connection when the rest of the body arrives, and a reset can destroy
 * the answer before the client reads it; so the body is read and thrown away (never kept) until it
 * ends or {@link #LINGER_MS} pass, whichever is first, and then the connection is closed. A client
 * that sends slowly holds it no longer than that.
 */
final class LingeringClose {
  /** Longest time a refused body is drained before the connection is closed anyway. */
  static final long LINGER_MS = 1_000;

  private LingeringClose() {}

  /** Drains the request's body, then closes its connection. Call on the request's event loop. */
  static void drainThenClose(HttpServerRequest request) {
    HttpConnection connection = request.connection();
    if (request.isEnded()) {
      connection.close();
      return;
    }
    try {
      request
          .handler(ignored -> {})
          .endHandler(ended -> connection.close())
          .exceptionHandler(e -> connection.close());
      request.resume();
    } catch (IllegalStateException e) {
      connection.close(); // the body was already consumed elsewhere
      return;
    }
    Vertx vertx = Vertx.currentContext() == null ? null : Vertx.currentContext().owner();
    if (vertx == null) {
      connection.close();
    } else {
      vertx.setTimer(LINGER_MS, id -> connection.close());
    }
  }
}
