package dev.treue.serving.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Churn-risk answers in the language asked for: {@code locale=}, else {@code Accept-Language}, else
 * the service's {@code language} key (English here). The figures do not depend on the language.
 */
class GermanChurnRiskTest {
  private static Http http;

  @BeforeAll
  static void load() {
    http = TestService.shared().http();
    ChurnRiskApiTest.batchLoad("de-lapsed-1", 412, 3_600_000);
    ChurnRiskApiTest.batchLoad("de-active-1", 250, 3_600_000);
  }

  private static JsonObject risk(String id, String query, String acceptLanguage) {
    Http.Reply r =
        acceptLanguage == null
            ? http.get("/v1/customers/" + id + "/churn-risk" + query)
            : http.get(
                "/v1/customers/" + id + "/churn-risk" + query, "Accept-Language", acceptLanguage);
    assertEquals(200, r.status(), r.toString());
    return r.json();
  }

  @Test
  void aLapsedMembersWinBackReasonsInGerman() {
    JsonObject de = risk("de-lapsed-1", "?locale=de", null);
    assertEquals(
        "letzter Kauf vor 412 Tagen, sonst im Abstand von 30 Tagen",
        de.getJsonArray("reasons").getString(0));
    JsonObject en = risk("de-lapsed-1", "", null);
    assertEquals(
        "last bought 412 days ago, usually every 30 days", en.getJsonArray("reasons").getString(0));
    assertEquals(en.getDouble("win_back_value"), de.getDouble("win_back_value"));
    for (String header : List.of("de-AT,de;q=0.9,en;q=0.5", "fr-CH, fr;q=0.9, de;q=0.7")) {
      assertEquals(
          de.getJsonArray("reasons"), risk("de-lapsed-1", "", header).getJsonArray("reasons"));
    }
    for (String header : List.of("fr", "de;q=0.2, en", "*")) {
      assertEquals(
          en.getJsonArray("reasons"), risk("de-lapsed-1", "", header).getJsonArray("reasons"));
    }
    // The parameter outranks the header.
    assertEquals(
        en.getJsonArray("reasons"),
        risk("de-lapsed-1", "?locale=en-GB", "de").getJsonArray("reasons"));
  }

  @Test
  void anActiveMembersChurnReasonsInGermanWithTheSameFigures() {
    JsonObject en = risk("de-active-1", "?locale=en", null);
    JsonObject de = risk("de-active-1", "?locale=DE-de", null);
    assertEquals("active", de.getString("status"));
    assertEquals(en.getDouble("churn_probability"), de.getDouble("churn_probability"));
    JsonArray english = en.getJsonArray("reasons");
    JsonArray german = de.getJsonArray("reasons");
    assertFalse(english.isEmpty(), en.encode());
    assertEquals(english.size(), german.size(), de.encode());
    for (int i = 0; i < german.size(); i++) {
      assertNotEquals(english.getString(i), german.getString(i));
      assertFalse(
          german.getString(i).matches("(?i).*\\b(days|purchases?|no|spent|only|usually)\\b.*"),
          german.getString(i));
    }
  }

  @Test
  void theBatchAnswersInTheLanguageAsked() {
    JsonObject body = new JsonObject().put("customer_ids", new JsonArray().add("de-lapsed-1"));
    Http.Reply r = http.post("/v1/churn-risk:batch?locale=de", body);
    assertEquals(200, r.status(), r.toString());
    assertEquals(
        "letzter Kauf vor 412 Tagen, sonst im Abstand von 30 Tagen",
        r.json().getJsonArray("results").getJsonObject(0).getJsonArray("reasons").getString(0));
  }
}
