package dev.treue.serving.atrisk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.churn.ChurnScore;
import dev.treue.core.i18n.ListColumn;
import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * At-risk rows written by an English service are read in the language the request asks for: the
 * reasons of {@code GET /v1/at-risk} (JSON and CSV) are the ones {@code GET
 * /v1/customers/{id}/churn-risk} gives in that language, whatever language wrote the rows.
 */
class AtRiskReasonLanguageTest {
  private static final LocalDate TODAY = LocalDate.parse(TestService.TODAY);
  private static final String[] LISTS = {
    "status=active&min_probability=0", "status=lapsed", "status=never_purchased"
  };
  private static TestService service;
  private static Http http;

  @BeforeAll
  static void start() {
    service = TestService.start(new JsonObject().put("language", "en"), false);
    http = service.http(TestService.ACME_ALL);
    JsonArray events = new JsonArray();
    for (int i = 0; i < 3; i++) {
      purchases(events, "gone-" + i, 712 + 20 * i, 412 + 20 * i, 30, 20 + 15.55 * i);
      purchases(events, "quiet-" + i, 300, 45 + 10 * i, 10, 40.25 + i);
      purchases(events, "busy-" + i, 200, 2 + i, 7, 12.5 + i);
      events.add(
          new JsonObject()
              .put("event_id", "join-" + i)
              .put("customer_id", "new-" + i)
              .put("ts", TODAY.minusDays(20 + i) + "T10:00:00Z")
              .put("type", "app_session"));
    }
    Http.Reply r = http.post("/v1/events", new JsonObject().put("events", events));
    assertEquals(200, r.status(), r.toString());
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private static void purchases(
      JsonArray events, String member, int firstAgo, int lastAgo, int every, double amount) {
    for (int ago = firstAgo; ago >= lastAgo; ago -= every) {
      events.add(
          new JsonObject()
              .put("event_id", member + "-" + ago)
              .put("customer_id", member)
              .put("ts", TODAY.minusDays(ago) + "T10:00:00Z")
              .put("type", "purchase")
              .put("amount", amount));
    }
  }

  @Test
  void jsonRowsGiveTheReasonsInTheRequestedLanguage() {
    int withReasons = 0;
    int rows = 0;
    for (String list : LISTS) {
      JsonArray de =
          http.get("/v1/at-risk?" + list, "Accept-Language", "de").json().getJsonArray("rows");
      JsonArray en = http.get("/v1/at-risk?" + list + "&locale=en").json().getJsonArray("rows");
      assertEquals(en.size(), de.size(), list);
      for (int i = 0; i < de.size(); i++) {
        JsonObject row = de.getJsonObject(i);
        String id = row.getString("customer_id");
        assertEquals(reasons(id, "de"), strings(row.getJsonArray("reasons")), id);
        assertEquals(reasons(id, "en"), strings(en.getJsonObject(i).getJsonArray("reasons")), id);
        if (!row.getJsonArray("reasons").isEmpty()) {
          withReasons++;
          assertNotEquals(row.getJsonArray("reasons"), en.getJsonObject(i).getJsonArray("reasons"));
        }
        rows++;
      }
    }
    assertEquals(12, rows, "every member is listed once");
    assertTrue(withReasons >= 9, "lapsed, never purchased and risky members have reasons");
  }

  @Test
  void csvRowsGiveTheReasonsInTheRequestedLanguage() {
    int reasons = AtRiskRoutes.CSV_COLUMNS.indexOf(ListColumn.REASONS);
    Map<String, String> cells = new HashMap<>();
    for (String list : LISTS) {
      Http.Reply r = http.get("/v1/at-risk?" + list, "Accept", "text/csv", "Accept-Language", "de");
      assertEquals(200, r.status(), r.toString());
      List<List<String>> rows = GermanAtRiskCsvTest.parse(r.body().substring(1), ';');
      for (List<String> row : rows.subList(1, rows.size())) {
        cells.put(row.get(0), row.get(reasons));
      }
    }
    assertEquals(12, cells.size(), cells.toString());
    cells.forEach((id, cell) -> assertEquals(ChurnScore.joined(reasons(id, "de")), cell, id));
  }

  private static List<String> strings(JsonArray array) {
    return array.stream().map(String.class::cast).toList();
  }

  private static List<String> reasons(String id, String locale) {
    Http.Reply r = http.get("/v1/customers/" + id + "/churn-risk?locale=" + locale);
    assertEquals(200, r.status(), r.toString());
    return r.json().getJsonArray("reasons").stream().map(String.class::cast).toList();
  }
}
