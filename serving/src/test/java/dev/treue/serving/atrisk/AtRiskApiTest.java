package dev.treue.serving.atrisk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import dev.treue.store.AtRiskEntry;
import dev.treue.store.StateBatchWriter;
import dev.treue.store.StoredState;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * At-risk lists of a tenant of their own ({@code initech}: other tests post events for globex, and
 * every event lists its member), loaded like the batch job loads them: JSON pages with cursors and
 * filters, and the full CSV stream.
 */
class AtRiskApiTest {
  private static final int MEMBERS = 5_000;
  private static Http http;

  @BeforeAll
  static void load() {
    TestService service = TestService.shared();
    http = service.http(TestService.INITECH_ALL);
    List<AtRiskEntry> rows = new ArrayList<>();
    for (int i = 0; i < MEMBERS; i++) {
      // 50 distinct probabilities: many ties, as isotonic calibration gives.
      double p = (i % 50) / 50.0;
      rows.add(
          new AtRiskEntry(
              "list-" + i,
              p,
              p >= 0.7 ? "high" : p >= 0.4 ? "medium" : "low",
              i % 3 == 0 ? "gold" : "silver",
              i % 2 == 0 ? "family, young" : null,
              i * 1.5,
              List.of("no purchase for 74 days, usually every 12", "points \"expiring\""),
              1_719_000_000_000L,
              19_904));
    }
    new StateBatchWriter(service.jedis, TestService.keys("initech"), Duration.ZERO, 500)
        .write(List.<StoredState>of().iterator(), rows.iterator());
  }

  @Test
  void pagesWalkTheWholeFilteredListOnceHighestFirst() {
    Set<String> seen = new HashSet<>();
    String cursor = null;
    double previous = 1.0;
    int pages = 0;
    do {
      Http.Reply r =
          http.get(
              "/v1/at-risk?sort=churn_probability&min_probability=0.5&tier=gold&limit=97"
                  + (cursor == null ? "" : "&cursor=" + cursor));
      assertEquals(200, r.status(), r.toString());
      JsonObject page = r.json();
      for (Object o : page.getJsonArray("rows")) {
        JsonObject row = (JsonObject) o;
        assertTrue(seen.add(row.getString("customer_id")), "no repeats");
        assertEquals("gold", row.getString("tier"));
        assertTrue(
            row.getDouble("churn_probability") >= 0.5
                && row.getDouble("churn_probability") <= previous);
        previous = row.getDouble("churn_probability");
      }
      cursor = page.getString("next_cursor");
      pages++;
    } while (cursor != null && pages < 1_000);
    long expected =
        java.util.stream.IntStream.range(0, MEMBERS)
            .filter(i -> i % 3 == 0 && (i % 50) / 50.0 >= 0.5)
            .count();
    assertEquals(expected, seen.size());
  }

  @Test
  void sortByValueAtRiskWalksTheFilteredListOnceHighestValueFirst() {
    Set<String> seen = new HashSet<>();
    String cursor = null;
    double previous = Double.MAX_VALUE;
    int pages = 0;
    do {
      Http.Reply r =
          http.get(
              "/v1/at-risk?sort=value_at_risk&min_probability=0.5&tier=gold&limit=97"
                  + (cursor == null ? "" : "&cursor=" + cursor));
      assertEquals(200, r.status(), r.toString());
      JsonObject page = r.json();
      for (Object o : page.getJsonArray("rows")) {
        JsonObject row = (JsonObject) o;
        assertTrue(seen.add(row.getString("customer_id")), "no repeats");
        assertEquals("gold", row.getString("tier"));
        assertTrue(row.getDouble("churn_probability") >= 0.5, row.encode());
        assertTrue(row.getDouble("value_at_risk") <= previous, "highest value at risk first");
        previous = row.getDouble("value_at_risk");
      }
      cursor = page.getString("next_cursor");
      pages++;
    } while (cursor != null && pages < 1_000);
    long expected =
        java.util.stream.IntStream.range(0, MEMBERS)
            .filter(i -> i % 3 == 0 && (i % 50) / 50.0 >= 0.5)
            .count();
    assertEquals(expected, seen.size());

    JsonObject top = http.get("/v1/at-risk?sort=value_at_risk&limit=3").json();
    assertEquals(
        List.of("list-4999", "list-4998", "list-4997"),
        top.getJsonArray("rows").stream()
            .map(o -> ((JsonObject) o).getString("customer_id"))
            .toList(),
        "value at risk is i x 1.5 here");
  }

  @Test
  void aCursorPagesOnlyTheOrderThatIssuedIt() {
    String byValue =
        http.get("/v1/at-risk?sort=value_at_risk&limit=5").json().getString("next_cursor");
    Http.Reply mixed = http.get("/v1/at-risk?sort=churn_probability&limit=5&cursor=" + byValue);
    assertEquals(400, mixed.status(), mixed.toString());
    assertEquals("cursor", mixed.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertTrue(mixed.json().getString("detail").contains("sort=value_at_risk"), mixed.toString());
    String byProbability =
        http.get("/v1/at-risk?sort=churn_probability&limit=5").json().getString("next_cursor");
    assertEquals(400, http.get("/v1/at-risk?sort=value_at_risk&cursor=" + byProbability).status());
    assertEquals(
        200, http.get("/v1/at-risk?sort=churn_probability&cursor=" + byProbability).status());

    // A cursor issued before sort existed pages by probability.
    String old =
        java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("v1:0.5:0".getBytes());
    JsonObject page = http.get("/v1/at-risk?sort=churn_probability&limit=3&cursor=" + old).json();
    assertEquals(
        0.5,
        page.getJsonArray("rows").getJsonObject(0).getDouble("churn_probability"),
        page.encode());
    Http.Reply sort = http.get("/v1/at-risk?sort=clv");
    assertEquals(400, sort.status());
    assertEquals(
        "sort",
        sort.json().getJsonArray("errors").getJsonObject(0).getString("field"),
        sort.toString());
  }

  @Test
  void aPageWithoutFiltersHasExactlyTheLimit() {
    JsonObject page = http.get("/v1/at-risk?sort=churn_probability&limit=10").json();
    assertEquals(10, page.getJsonArray("rows").size());
    JsonObject first = page.getJsonArray("rows").getJsonObject(0);
    assertEquals(0.98, first.getDouble("churn_probability"));
    assertEquals(2, first.getJsonArray("reasons").size());
    assertEquals("2024-06-30", first.getString("as_of"));
    JsonObject none = http.get("/v1/at-risk?min_probability=1").json();
    assertEquals(0, none.getJsonArray("rows").size());
    assertNull(none.getValue("next_cursor"));
  }

  @Test
  void badParametersNameTheParameter() {
    Http.Reply limit = http.get("/v1/at-risk?limit=5000");
    assertEquals(400, limit.status());
    assertEquals("limit", limit.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    Http.Reply tier = http.get("/v1/at-risk?tier=diamond");
    assertEquals(400, tier.status());
    assertTrue(
        tier.json().getString("detail").contains("basic, silver, gold, platinum"), tier.toString());
    assertEquals(400, http.get("/v1/at-risk?cursor=bm90LWEtY3Vyc29y").status());
    assertEquals(
        400, http.get("/v1/at-risk?min_prob=0.5").status(), "a typo is not silently ignored");
    assertEquals(400, http.get("/v1/at-risk?min_probability=NaN").status());
  }

  @Test
  void csvStreamsEveryMatchingRow() {
    Http.Reply r =
        http.get("/v1/at-risk?sort=churn_probability&min_probability=0.2", "Accept", "text/csv");
    assertEquals(200, r.status());
    assertTrue(r.contentType().startsWith("text/csv"), r.contentType());
    List<String> lines = r.body().lines().toList();
    assertEquals(
        "customer_id,churn_probability,risk_band,reasons,tier,segment,last_purchase,value_at_risk,clv,p_alive,"
            + "retention_offer_id,retention_offer_p,retention_offer_ev,retention_offer_why,status,"
            + "expected_purchases_90,win_back_value,scored_at,as_of",
        lines.get(0));
    long expected =
        java.util.stream.IntStream.range(0, MEMBERS).filter(i -> (i % 50) / 50.0 >= 0.2).count();
    assertEquals(expected, lines.size() - 1);
    String quoted = lines.stream().filter(l -> l.startsWith("list-48,")).findFirst().orElseThrow();
    assertTrue(quoted.contains(",\"family, young\","), quoted);
    assertTrue(
        quoted.contains("\"no purchase for 74 days, usually every 12; points \"\"expiring\"\"\""),
        quoted);
    assertEquals(
        expected,
        lines.stream().skip(1).map(l -> l.substring(0, l.indexOf(','))).distinct().count());

    List<String> byValue =
        http.get("/v1/at-risk?sort=value_at_risk&min_probability=0.2", "Accept", "text/csv")
            .body()
            .lines()
            .skip(1)
            .toList();
    assertEquals(expected, byValue.size());
    double previous = Double.MAX_VALUE;
    for (String line : byValue) {
      // value_at_risk is the sixth column; segments with a comma are quoted, so count from the id.
      int i = Integer.parseInt(line.substring("list-".length(), line.indexOf(',')));
      assertTrue(i * 1.5 <= previous, "highest value at risk first: " + line);
      previous = i * 1.5;
      // Money in cents, as the batch files write it.
      assertTrue(
          line.contains("," + String.format(java.util.Locale.ROOT, "%.2f", i * 1.5) + ","), line);
    }
  }
}
