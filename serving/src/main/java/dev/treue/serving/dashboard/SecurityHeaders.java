package dev.treue.serving.dashboard;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * The headers every page answer carries: a strict Content-Security-Policy (scripts, styles and
 * calls from this origin only; no inline script or style, no framing), no MIME sniffing and no
 * referrer, so nothing of a page's address leaves for another site.
 */
final class SecurityHeaders {
  /** The policy; {@code data:} images are the icons Swagger UI's stylesheet embeds. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
          + "form-action 'self'; frame-ancestors 'none'";

  private SecurityHeaders() {}

  static void add(RoutingContext ctx) {
    put(ctx.response());
    ctx.next();
  }

  static void put(HttpServerResponse response) {
    response
        .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("X-Frame-Options", "DENY");
  }
}
