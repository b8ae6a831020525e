package dev.treue.serving.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hostile {@code locale} values on every endpoint that takes one: a 400 problem naming {@code locale},
 * never an answer in a language nobody asked for. A hostile {@code Accept-Language} header is a
 * wish that cannot be met: the answer comes in the default language.
 */
class LanguageParameterHostileTest {
  private final Http http = TestService.shared().http();

  private static final List<String> PATHS =
      List.of(
          "/v1/customers/lang-nobody/churn-risk",
          "/v1/at-risk",
          "/v1/customers/lang-nobody/rewards");

  @Test
  void aLanguageTreueDoesNotSpeakNamesLang() {
    for (String bad :
        List.of(
            "fr",
            "",
            "deutsch",
            "de-",
            "de%20DE",
            "en%0A",
            "x".repeat(36),
            "de&locale=en",
            "%C3%BC")) {
      for (String path : PATHS) {
        for (String accept : List.of("application/json", "text/csv")) {
          Http.Reply r = http.get(path + "?locale=" + bad, "Accept", accept);
          assertEquals(400, r.status(), path + " locale=" + bad + ": " + r);
          assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
          assertEquals(
              "locale",
              r.json().getJsonArray("errors").getJsonObject(0).getString("field"),
              path + " locale=" + bad + ": " + r);
        }
      }
      Http.Reply batch =
          http.post(
              "/v1/churn-risk:batch?locale=" + bad,
              new JsonObject().put("customer_ids", new JsonArray().add("lang-nobody")));
      assertEquals(400, batch.status(), batch.toString());
      assertEquals(
          "locale", batch.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    }
  }

  @Test
  void anAcceptLanguageTreueCannotMeetGetsTheDefault() {
    for (String header :
        List.of("fr", "de;q=abc", "de;q=0", ";;;,,,", "*;q=0.1", "de-" + "x".repeat(500))) {
      Http.Reply r = http.get("/v1/customers/lang-nobody/churn-risk", "Accept-Language", header);
      assertEquals(200, r.status(), header + ": " + r);
    }
  }
}
