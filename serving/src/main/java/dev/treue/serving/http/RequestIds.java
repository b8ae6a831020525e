package dev.treue.serving.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A request id for logs and problem bodies: the caller's {@code X-Request-Id} when it is a short
 * plain token, otherwise one made here. Echoed in the response header.
 */
public final class RequestIds {
  /** Header read and written. */
  public static final String HEADER = "X-Request-Id";

  // Header names as Netty's ASCII strings hash once, not on every request (a header name given as a
  // String is hashed char by char on each get and put: about 6% of a rewards call's CPU samples).
  private static final CharSequence HEADER_NAME = HttpHeaders.createOptimized(HEADER);

  private static final String KEY = "treue.request-id";
  private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final AtomicLong NEXT = new AtomicLong();
  private static final String PREFIX =
      Long.toString(System.currentTimeMillis() % 1_000_000, 36) + "-";

  private RequestIds() {}

  /** Assigns the id at the start of routing. */
  public static void assign(RoutingContext ctx) {
    String given = ctx.request().getHeader(HEADER_NAME);
    String id = given != null && ACCEPTED.matcher(given).matches() ? given : next();
    ctx.put(KEY, id);
    ctx.response().putHeader(HEADER_NAME, id);
    ctx.next();
  }

  /** The id given to a request that routing has not seen (or a new one). */
  public static String of(HttpServerRequest request) {
    String id = request.response().headers().get(HEADER_NAME);
    return id != null ? id : next();
  }

  /** A new id. */
  public static String next() {
    return PREFIX + NEXT.incrementAndGet();
  }

  /** The id of this request. */
  public static String of(RoutingContext ctx) {
    String id = ctx.get(KEY);
    return id == null ? "-" : id;
  }
}
