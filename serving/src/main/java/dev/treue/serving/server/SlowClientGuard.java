package dev.treue.serving.server;

import dev.treue.serving.http.BodyBudget;
import dev.treue.serving.http.ProblemResponder;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Closes connections that send too slowly: a connection must deliver a request's headers within the
 * read timeout of opening (or of its previous answer), and the request's body within the read timeout
 * of the headers. The idle timeout alone does not do this, since a byte now and then keeps a
 * connection from being idle. One guard per HTTP verticle: its connections all live on its event
 * loop, so its state needs no locks. A periodic sweep checks the connections, so a request costs one
 * map lookup and a clock read, not a timer.
 */
final class SlowClientGuard {
  private final Vertx vertx;
  private final long timeoutNanos;
  private final Map<HttpConnection, Watch> watched = new HashMap<>();

  /** What one connection is waiting for, and since when. */
  private static final class Watch {
    HttpServerRequest request;
    long since = System.nanoTime();
  }

  SlowClientGuard(Vertx vertx, Duration readTimeout) {
    this.vertx = vertx;
    this.timeoutNanos = readTimeout.toNanos();
  }

  /** Starts the sweep, several times per timeout so a slow connection goes soon after its deadline. */
  void start() {
    long tick = Math.max(20, timeoutNanos / 1_000_000 / 5);
    vertx.setPeriodic(tick, id -> sweep());
  }

  /** Watches a new connection: its first request's headers are due now plus the timeout. */
  void connected(HttpConnection connection) {
    watched.put(connection, new Watch());
    connection.closeHandler(closed -> watched.remove(connection));
  }

  /** Wraps the request handler: a request's headers have arrived; its body (if any) is due next. */
  Handler<HttpServerRequest> wrap(Handler<HttpServerRequest> next) {
    return request -> {
      Watch w = watched.get(request.connection());
      if (w != null) {
        w.request = request;
        w.since = System.nanoTime();
      }
      next.handle(request);
    };
  }

  private void sweep() {
    long now = System.nanoTime();
    for (Iterator<Map.Entry<HttpConnection, Watch>> it = watched.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<HttpConnection, Watch> e = it.next();
      Watch w = e.getValue();
      HttpServerRequest request = w.request;
      if (request != null && request.response().ended()) {
        // Answered: the next request's headers are due from now.
        w.request = null;
        w.since = now;
        continue;
      }
      boolean late = now - w.since > timeoutNanos;
      if (request == null && late) {
        it.remove();
        e.getKey().close();
      } else if (request != null && late && BodyBudget.bodyUnread(request)) {
        it.remove();
        if (request.response().headWritten()) {
          e.getKey().close();
        } else {
          ProblemResponder.timedOut(request);
        }
      }
    }
  }
}
