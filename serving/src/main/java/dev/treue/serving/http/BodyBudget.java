package dev.treue.serving.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the request body bytes buffered at once over every request of the service, so that many
 * slow or large bodies cannot exhaust the heap. A route handler placed after the key check and
 * before the body is read: the body reserves its declared length (a chunked one the body limit) or
 * is answered 503 with {@code Retry-After} when the budget cannot hold it, and gives it back when
 * the exchange ends however it ends (answer, error or closed connection). A declared length over the
 * limit is answered 413 before a byte is read.
 */
public final class BodyBudget {
  /** {@link #declaredLength} of a request whose Content-Length is not a number. */
  private static final long INVALID = -1;

  /** {@link #declaredLength} of a chunked request (its length is unknown until it ends). */
  private static final long CHUNKED = -2;

  private final long limit;
  private final long budget;
  private final AtomicLong reserved = new AtomicLong();
  private final Handler<RoutingContext> handler = this::reserve;

  /**
   * @param limit the largest body one request may send
   * @param budget the body bytes all requests together may have buffered
   */
  public BodyBudget(long limit, long budget) {
    this.limit = limit;
    this.budget = budget;
  }

  /** The route handler. */
  public Handler<RoutingContext> handler() {
    return handler;
  }

  /** Bytes reserved now, for the gauge. */
  public long reserved() {
    return reserved.get();
  }

  private void reserve(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    long declared = declaredLength(request);
    if (declared == INVALID) {
      ctx.fail(ApiException.invalid("Content-Length", "not a single whole number of bytes"));
      return;
    }
    if (declared > limit) {
      ctx.fail(
          new ApiException(
              413,
              "body-too-large",
              "Request body too large",
              "the declared Content-Length "
                  + declared
                  + " exceeds the limit of "
                  + limit
                  + " bytes"));
      return;
    }
    long bytes = declared == CHUNKED ? limit : declared;
    if (bytes == 0) {
      ctx.next();
      return;
    }
    if (reserved.addAndGet(bytes) > budget) {
      reserved.addAndGet(-bytes);
      ctx.fail(
          ApiException.unavailable(
              "busy",
              "the service is reading as many request bodies as it may hold;" + " retry shortly"));
      return;
    }
    ctx.addEndHandler(done -> reserved.addAndGet(-bytes));
    ctx.next();
  }

  /** The declared body length: 0 for none, {@link #CHUNKED} for a chunked body, {@link #INVALID}. */
  private static long declaredLength(HttpServerRequest request) {
    String length = request.getHeader("Content-Length");
    if (length == null) {
      return request.getHeader("Transfer-Encoding") != null ? CHUNKED : 0;
    }
    if (length.isEmpty() || length.length() > 18) {
      return INVALID;
    }
    long n = 0;
    for (int i = 0; i < length.length(); i++) {
      char c = length.charAt(i);
      if (c < '0' || c > '9') {
        return INVALID;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  /** True while the request has declared body bytes the service has not read: answering it should close. */
  public static boolean bodyUnread(HttpServerRequest request) {
    return !request.isEnded() && declaredLength(request) != 0;
  }
}
