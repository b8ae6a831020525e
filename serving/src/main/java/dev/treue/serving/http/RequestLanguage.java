package dev.treue.serving.http;

import dev.treue.core.i18n.Language;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * The language a request asks for: its {@code locale} query parameter ({@code en}, {@code de},
 * {@code de-DE}...), else its {@code Accept-Language} header, else the configured default. A
 * {@code locale} Treue does not speak is a 400 naming {@code locale}; a header Treue cannot satisfy is
 * a wish, answered in the default.
 */
public final class RequestLanguage {
  /** The query parameter. */
  public static final String PARAMETER = "locale";

  private RequestLanguage() {}

  /**
   * The request's language.
   *
   * @throws ApiException 400 naming {@code locale} when the parameter names no language Treue speaks
   */
  public static Language of(RoutingContext ctx, Language fallback) {
    String lang = ctx.queryParams().get(PARAMETER);
    if (lang != null) {
      try {
        return Language.parse(lang);
      } catch (IllegalArgumentException e) {
        throw ApiException.invalid(PARAMETER, e.getMessage());
      }
    }
    return Language.fromAcceptLanguage(
        ctx.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE), fallback);
  }
}
