package dev.treue.serving.dashboard;

import dev.treue.serving.auth.ApiKey;
import dev.treue.serving.auth.ApiKeyHandler;
import dev.treue.serving.auth.Scope;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Currency;
import java.util.Properties;

/**
 * The pages: {@code GET /} redirects to {@code /dashboard/}, the marketer's dashboard (static files
 * under {@code dashboard/} in the jar; the browser calls the {@code /v1} API with the key typed in),
 * and {@code GET /docs/}, Swagger UI from its WebJar rendering {@code /openapi.yaml}. Index pages
 * are {@code no-cache} (always revalidated, so a new release shows at once); other files are
 * cached for an hour and revalidated by ETag. Every answer carries {@link SecurityHeaders}.
 */
public final class DashboardRoutes {
  /** Cache-Control of index pages and message catalogues: revalidate on every load. */
  static final String NO_CACHE = "no-cache";

  /** Cache-Control of scripts, styles and images. */
  static final String ASSETS = "public, max-age=3600";

  private static final String SWAGGER_POM = "META-INF/maven/org.webjars/swagger-ui/pom.properties";

  private DashboardRoutes() {}

  /** Adds the page routes to the service's root router. */
  public static void mount(Router router) {
    ClasspathAssets dashboard = new ClasspathAssets("dashboard", "index.html");
    ClasspathAssets docs = new ClasspathAssets("docs-page", "index.html");
    ClasspathAssets swagger =
        new ClasspathAssets("META-INF/resources/webjars/swagger-ui/" + swaggerVersion(), "");

    exact(router, "/", "/dashboard/");
    exact(router, "/dashboard", "/dashboard/");
    exact(router, "/docs", "/docs/");
    router
        .get("/dashboard/*")
        .handler(SecurityHeaders::add)
        .handler(ctx -> serve(ctx, dashboard, "/dashboard/"));
    router
        .get("/docs/swagger-ui/*")
        .handler(SecurityHeaders::add)
        .handler(ctx -> swagger.serve(ctx, below(ctx, "/docs/swagger-ui/"), ASSETS));
    router.get("/docs/*").handler(SecurityHeaders::add).handler(ctx -> serve(ctx, docs, "/docs/"));
  }

  /**
   * {@code GET /v1/key}: who the key is (id, tenant, scopes) and the programme currency, so the
   * dashboard can sign in, format money and show the admin actions only to keys that may use them.
   * Never the secret.
   */
  public static Handler<RoutingContext> key(Currency currency) {
    return ctx -> key(ctx, currency.getCurrencyCode());
  }

  private static void key(RoutingContext ctx, String currency) {
    ApiKey key = ApiKeyHandler.key(ctx);
    JsonArray scopes = new JsonArray();
    for (Scope scope : Scope.values()) {
      if (key.may(scope)) {
        scopes.add(scope.wireName());
      }
    }
    ctx.response()
        .putHeader("Content-Type", "application/json")
        .end(
            new JsonObject()
                .put("key_id", key.id())
                .put("tenant", key.tenant())
                .put("scopes", scopes)
                .put("currency", currency)
                .encode());
  }

  private static void serve(RoutingContext ctx, ClasspathAssets assets, String mount) {
    String relative = below(ctx, mount);
    boolean fresh = assets.isIndex(relative) || relative.endsWith(".json");
    assets.serve(ctx, relative, fresh ? NO_CACHE : ASSETS);
  }

  private static String below(RoutingContext ctx, String mount) {
    String path = ctx.normalizedPath();
    return path.length() <= mount.length() ? "" : path.substring(mount.length());
  }

  /** A redirect of exactly this path (Vert.x would also match it with a trailing slash). */
  private static void exact(Router router, String path, String location) {
    router
        .get(path)
        .handler(
            ctx -> {
              if (ctx.request().path().equals(path)) {
                SecurityHeaders.put(ctx.response());
                ctx.response().setStatusCode(302).putHeader("Location", location).end();
              } else {
                ctx.next();
              }
            });
  }

  /** The Swagger UI version on the classpath (the WebJar's folder is named by it). */
  static String swaggerVersion() {
    try (InputStream in = DashboardRoutes.class.getClassLoader().getResourceAsStream(SWAGGER_POM)) {
      if (in == null) {
        throw new IllegalStateException("Swagger UI WebJar missing from the classpath");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
