package dev.treue.serving.atrisk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.churn.RiskBand;
import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import dev.treue.store.AtRiskEntry;
import dev.treue.store.StateBatchWriter;
import dev.treue.store.StoredState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The at-risk lists a marketer expects (issue 13), on members the service itself assessed after
 * their events (tenant {@code hooli}): by default active members at medium or high risk by value at
 * risk; {@code status=lapsed} the win-back list by win-back value; {@code status=never_purchased}
 * the members not activated yet; bad filters are 400s naming the parameter.
 */
class AtRiskStatusListTest {
  private static final LocalDate TODAY = LocalDate.parse(TestService.TODAY);
  private static final List<String> ACTIVE = new ArrayList<>();
  private static final List<String> LAPSED = new ArrayList<>();
  private static Http http;

  @BeforeAll
  static void load() {
    http = TestService.shared().http(TestService.HOOLI_ALL);
    JsonArray events = new JsonArray();
    for (int i = 0; i < 4; i++) {
      // Regular buyers gone quiet for a while (likely medium or high risk) and steady ones.
      purchases(events, "quiet-" + i, 300 + 20 * i, 120 + 15 * i, 10, 40 + 10 * i);
      purchases(events, "steady-" + i, 200, 1 + i, 5, 30 + 5 * i);
      // No purchase within the 365-day window: lapsed, each with a different history.
      purchases(events, "gone-" + i, 700, 380 + 60 * i, 15 + 10 * i, 20 + 30 * i);
      ACTIVE.add("quiet-" + i);
      ACTIVE.add("steady-" + i);
      LAPSED.add("gone-" + i);
    }
    events.add(event("browse-0-s", "browse-0", 3, "app_session"));
    Http.Reply r = http.post("/v1/events", new JsonObject().put("events", events));
    assertEquals(200, r.status(), r.toString());
    assertEquals(events.size(), r.json().getInteger("accepted"), r.toString());
    // Active rows of every band, as a batch load writes them (rows of that form read as active).
    List<AtRiskEntry> rows = new ArrayList<>();
    double[] probabilities = {0.05, 0.2, 0.35, 0.45, 0.6, 0.75, 0.9};
    for (int i = 0; i < probabilities.length; i++) {
      double p = probabilities[i];
      String id = "row-" + i;
      rows.add(
          new AtRiskEntry(
              id,
              p,
              RiskBand.of(p).wireName(),
              "silver",
              null,
              p * (100 + 37 * (i % 3)),
              100.0 + 37 * (i % 3),
              0.5,
              List.of("no purchase for 74 days, usually every 12"),
              1_719_000_000_000L,
              (int) TODAY.toEpochDay()));
      ACTIVE.add(id);
    }
    new StateBatchWriter(TestService.shared().jedis, TestService.keys("hooli"), Duration.ZERO, 50)
        .write(List.<StoredState>of().iterator(), rows.iterator());
  }

  private static void purchases(
      JsonArray events, String member, int firstAgo, int lastAgo, int every, double amount) {
    for (int ago = firstAgo; ago >= lastAgo; ago -= every) {
      events.add(event(member + "-" + ago, member, ago, "purchase").put("amount", amount));
    }
  }

  private static JsonObject event(String id, String member, int daysAgo, String type) {
    return new JsonObject()
        .put("event_id", id)
        .put("customer_id", member)
        .put("ts", TODAY.minusDays(daysAgo) + "T10:00:00Z")
        .put("type", type);
  }

  private static List<JsonObject> rows(String query) {
    Http.Reply r = http.get("/v1/at-risk" + query);
    assertEquals(200, r.status(), r.toString());
    List<JsonObject> rows = new ArrayList<>();
    r.json().getJsonArray("rows").forEach(o -> rows.add((JsonObject) o));
    return rows;
  }

  private static List<String> ids(List<JsonObject> rows) {
    return rows.stream().map(o -> o.getString("customer_id")).toList();
  }

  @Test
  void theDefaultListHoldsActiveMembersAtMediumRiskOrAboveByValueAtRisk() {
    List<JsonObject> everyBand = rows("?risk_band=low,medium,high&limit=1000");
    assertEquals(new TreeSet<>(ACTIVE), new TreeSet<>(ids(everyBand)), "every active member");
    long low = everyBand.stream().filter(o -> o.getString("risk_band").equals("low")).count();
    assertTrue(low > 0 && low < everyBand.size(), "both low and higher bands: " + everyBand);
    List<JsonObject> byDefault = rows("");
    List<String> expected =
        everyBand.stream()
            .filter(o -> !o.getString("risk_band").equals("low"))
            .map(o -> o.getString("customer_id"))
            .toList();
    assertEquals(expected, ids(byDefault), "no low and no lapsed member, in value order");
    double previous = Double.MAX_VALUE;
    for (JsonObject row : byDefault) {
      assertEquals("active", row.getString("status"));
      assertTrue(row.getDouble("value_at_risk") <= previous, "highest value at risk first");
      previous = row.getDouble("value_at_risk");
      assertNull(row.getValue("win_back_value"));
    }
    assertEquals(
        ids(byDefault), ids(rows("?risk_band=medium,high&sort=value_at_risk")), "the same list");
    List<JsonObject> onlyLow = rows("?risk_band=low");
    assertEquals(low, onlyLow.size());
    assertTrue(onlyLow.stream().allMatch(o -> o.getString("risk_band").equals("low")));
  }

  @Test
  void statusLapsedIsTheWinBackListByWinBackValue() {
    List<JsonObject> winBack = rows("?status=lapsed");
    assertEquals(new TreeSet<>(LAPSED), new TreeSet<>(ids(winBack)));
    double previous = Double.MAX_VALUE;
    for (JsonObject row : winBack) {
      assertEquals("lapsed", row.getString("status"));
      assertNull(row.getValue("churn_probability"), row.encode());
      assertNull(row.getValue("risk_band"), row.encode());
      assertNull(row.getValue("value_at_risk"), row.encode());
      double value = row.getDouble("win_back_value");
      assertEquals(row.getDouble("expected_purchases_90"), value, 1e-9, row.encode());
      assertTrue(value <= previous, "highest win-back value first");
      previous = value;
      assertTrue(row.getJsonArray("reasons").getString(0).startsWith("last bought "), row.encode());
      JsonObject risk =
          http.get("/v1/customers/" + row.getString("customer_id") + "/churn-risk").json();
      assertEquals("lapsed", risk.getString("status"));
      assertEquals(risk.getDouble("win_back_value"), value, 1e-9, "the list and the answer agree");
    }
    assertEquals(
        ids(winBack).subList(0, 2), ids(rows("?status=lapsed&sort=win_back_value&limit=2")));
  }

  @Test
  void statusNeverPurchasedListsTheMembersNotActivatedYet() {
    List<JsonObject> never = rows("?status=never_purchased");
    assertEquals(List.of("browse-0"), ids(never));
    assertEquals("never_purchased", never.get(0).getString("status"));
    assertNull(never.get(0).getValue("churn_probability"));
    assertTrue(never.get(0).getJsonArray("reasons").getString(0).startsWith("not activated yet"));
  }

  @Test
  void pagesOfTheWinBackListWalkItOnceAndItsCursorPagesNoOtherList() {
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonObject page =
          http.get(
                  "/v1/at-risk?status=lapsed&limit=1" + (cursor == null ? "" : "&cursor=" + cursor))
              .json();
      page.getJsonArray("rows").forEach(o -> seen.add(((JsonObject) o).getString("customer_id")));
      cursor = page.getString("next_cursor");
      pages++;
    } while (cursor != null && pages < 20);
    assertEquals(ids(rows("?status=lapsed")), seen);
    String lapsedCursor =
        http.get("/v1/at-risk?status=lapsed&limit=1").json().getString("next_cursor");
    Http.Reply mixed = http.get("/v1/at-risk?limit=1&cursor=" + lapsedCursor);
    assertEquals(400, mixed.status(), mixed.toString());
    assertEquals("cursor", field(mixed));
  }

  @Test
  void badFiltersAre400sNamingTheParameter() {
    assertBad("?risk_band=extreme", "risk_band");
    assertBad("?risk_band=low,,high", "risk_band");
    assertBad("?risk_band=low&risk_band=high", "risk_band");
    assertBad("?status=gone", "status");
    assertBad("?status=lapsed&risk_band=high", "risk_band");
    assertBad("?status=lapsed&min_probability=0.5", "min_probability");
    assertBad("?status=lapsed&sort=churn_probability", "sort");
    assertBad("?status=never_purchased&sort=win_back_value", "sort");
    assertBad("?sort=win_back_value", "sort");
  }

  private static void assertBad(String query, String field) {
    Http.Reply r = http.get("/v1/at-risk" + query);
    assertEquals(400, r.status(), query + ": " + r);
    assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
    assertEquals(field, field(r), query + ": " + r);
  }

  private static String field(Http.Reply r) {
    return r.json().getJsonArray("errors").getJsonObject(0).getString("field");
  }

  @Test
  void theCsvExportFollowsTheSameFilters() {
    for (String query :
        List.of("", "?status=lapsed", "?status=never_purchased", "?risk_band=low")) {
      Http.Reply csv = http.get("/v1/at-risk" + query, "Accept", "text/csv");
      assertEquals(200, csv.status(), csv.toString());
      List<String> lines = csv.body().lines().toList();
      assertTrue(lines.get(0).contains(",status,"), lines.get(0));
      List<String> csvIds =
          lines.stream().skip(1).map(l -> l.substring(0, l.indexOf(','))).toList();
      assertEquals(ids(rows(query + (query.isEmpty() ? "?" : "&") + "limit=1000")), csvIds, query);
    }
    String lapsedLine =
        http.get("/v1/at-risk?status=lapsed", "Accept", "text/csv")
            .body()
            .lines()
            .skip(1)
            .findFirst()
            .orElseThrow();
    assertTrue(lapsedLine.contains("\"last bought "), lapsedLine);
    assertTrue(lapsedLine.contains("; "), "reasons joined with '; ': " + lapsedLine);
    assertFalse(lapsedLine.contains(" | "), lapsedLine);
    Set<String> statuses = new TreeSet<>();
    http.get("/v1/at-risk", "Accept", "text/csv")
        .body()
        .lines()
        .skip(1)
        .forEach(l -> statuses.add(l.split(",")[0].replaceAll("-\\d+$", "")));
    assertFalse(statuses.contains("gone"), statuses.toString());
  }
}
