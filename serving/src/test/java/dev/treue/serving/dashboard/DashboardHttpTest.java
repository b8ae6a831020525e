package dev.treue.serving.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.serving.TestService;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The pages over plain HTTP (issue 14): {@code GET /} redirects to the dashboard, every page answer
 * has the strict CSP and its companions, index pages are revalidated and assets cached with an
 * ETag, nothing outside the page folders is served, the pages hold no inline script or style,
 * {@code GET /v1/key} tells who a key is, and a key never reaches the service's log.
 */
class DashboardHttpTest {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final String base = TestService.shared().server.baseUrl();

  private HttpResponse<String> get(String path, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try {
      return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static String header(HttpResponse<?> r, String name) {
    return r.headers().firstValue(name).orElse(null);
  }

  @Test
  void theRootAndTheBarePathsRedirect() {
    for (String[] c :
        new String[][] {{"/", "/dashboard/"}, {"/dashboard", "/dashboard/"}, {"/docs", "/docs/"}}) {
      HttpResponse<String> r = get(c[0]);
      assertEquals(302, r.statusCode(), c[0]);
      assertEquals(c[1], header(r, "Location"), c[0]);
      assertSecure(r, c[0]);
    }
  }

  @Test
  void pagesAreRevalidatedAndAssetsCachedWithAnEtag() {
    for (String page : List.of("/dashboard/", "/dashboard/index.html", "/docs/")) {
      HttpResponse<String> r = get(page);
      assertEquals(200, r.statusCode(), page);
      assertTrue(header(r, "Content-Type").startsWith("text/html"), page);
      assertEquals("no-cache", header(r, "Cache-Control"), page);
      assertSecure(r, page);
    }
    assertEquals("no-cache", header(get("/dashboard/i18n/de.json"), "Cache-Control"));
    for (String asset :
        List.of(
            "/dashboard/js/app.js",
            "/dashboard/app.css",
            "/docs/swagger-ui/swagger-ui-bundle.js",
            "/docs/docs.js")) {
      HttpResponse<String> r = get(asset);
      assertEquals(200, r.statusCode(), asset);
      assertEquals(DashboardRoutes.ASSETS, header(r, "Cache-Control"), asset);
      String etag = header(r, "ETag");
      assertNotNull(etag, asset);
      assertSecure(r, asset);
      HttpResponse<String> again = get(asset, "If-None-Match", etag);
      assertEquals(304, again.statusCode(), asset);
      assertEquals("", again.body(), asset);
    }
    assertTrue(header(get("/dashboard/js/app.js"), "Content-Type").startsWith("text/javascript"));
  }

  @Test
  void thePolicyIsStrict() {
    String csp = header(get("/dashboard/"), "Content-Security-Policy");
    assertTrue(csp.contains("default-src 'self'"), csp);
    assertTrue(csp.contains("script-src 'self';"), csp);
    assertTrue(csp.contains("style-src 'self';"), csp);
    assertTrue(csp.contains("frame-ancestors 'none'"), csp);
    assertFalse(csp.contains("unsafe"), csp);
  }

  /** Paths with dot segments are normalized by the router first (they may reach another page). */
  @Test
  void nothingOutsideThePageFoldersIsServed() {
    for (String path :
        List.of(
            "/dashboard/..%2fpom.xml",
            "/dashboard/nothing.js",
            "/dashboard/i18n/fr.json",
            "/dashboard/META-INF/MANIFEST.MF",
            "/docs/swagger-ui/swagger-ui-bundle.js.LICENSE.txt",
            "/docs/dev/treue/serving/dashboard/DashboardRoutes.class")) {
      HttpResponse<String> r = get(path);
      assertTrue(
          r.statusCode() == 404 || r.statusCode() == 400,
          path + " -> " + r.statusCode() + " " + r.body());
      assertFalse(r.body().contains("<html"), path);
    }
  }

  @Test
  void thePagesHoldNoInlineScriptOrStyle() {
    for (String page : List.of("/dashboard/", "/docs/")) {
      String html = get(page).body();
      assertFalse(html.contains("<style"), page);
      assertFalse(html.contains(" style="), page);
      assertFalse(html.matches("(?s).*<script(?![^>]*\\bsrc=)[^>]*>.*"), page + ": inline script");
      assertFalse(html.matches("(?s).*\\son[a-z]+=.*"), page + ": inline handler");
    }
    // The key field has no name, so no form submission can carry it.
    String html = get("/dashboard/").body();
    assertTrue(html.contains("id=\"api-key\""), html);
    assertFalse(html.matches("(?s).*<input[^>]*id=\"api-key\"[^>]*\\bname=.*"), html);
  }

  @Test
  void theKeyRouteSaysWhoTheKeyIsButNotItsSecret() {
    HttpResponse<String> r = get("/v1/key", "X-Api-Key", TestService.ACME_LISTS);
    assertEquals(200, r.statusCode(), r.body());
    JsonObject key = new JsonObject(r.body());
    assertEquals("acme-lists", key.getString("key_id"));
    assertEquals("acme", key.getString("tenant"));
    assertEquals(List.of("lists"), key.getJsonArray("scopes").getList());
    assertEquals("EUR", key.getString("currency"));
    assertFalse(r.body().contains(TestService.ACME_LISTS));
    assertEquals(
        List.of("score", "events", "lists", "admin"),
        new JsonObject(get("/v1/key", "X-Api-Key", TestService.ACME_ALL).body())
            .getJsonArray("scopes")
            .getList());
    assertEquals(401, get("/v1/key", "X-Api-Key", "wrong-key").statusCode());
    assertEquals(403, get("/v1/key", "X-Api-Key", TestService.ACME_SCORE).statusCode());
    assertEquals(400, get("/v1/key?x=1", "X-Api-Key", TestService.ACME_LISTS).statusCode());
  }

  @Test
  void aKeyNeverReachesTheLog() {
    List<String> lines = new ArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            lines.add(record.getMessage() + " " + record.getThrown());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger root = Logger.getLogger("");
    root.addHandler(capture);
    try {
      String wrong = "wrong-key-7c1d2e";
      get("/v1/key", "X-Api-Key", wrong);
      get("/v1/at-risk?limit=0", "X-Api-Key", TestService.ACME_ALL);
      get("/v1/customers/%C3%A4/churn-risk", "X-Api-Key", TestService.ACME_ALL);
      get("/dashboard/js/nothing.js", "X-Api-Key", TestService.ACME_ALL);
      for (String line : lines) {
        assertFalse(line.contains(wrong), line);
        assertFalse(line.contains(TestService.ACME_ALL), line);
      }
    } finally {
      root.removeHandler(capture);
    }
  }

  private static void assertSecure(HttpResponse<?> r, String path) {
    assertEquals(
        SecurityHeaders.CONTENT_SECURITY_POLICY, header(r, "Content-Security-Policy"), path);
    assertEquals("nosniff", header(r, "X-Content-Type-Options"), path);
    assertEquals("no-referrer", header(r, "Referrer-Policy"), path);
  }
}
