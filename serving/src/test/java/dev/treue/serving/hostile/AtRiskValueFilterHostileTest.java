package dev.treue.serving.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.churn.RiskBand;
import dev.treue.core.customer.MemberStatus;
import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import dev.treue.store.AtRiskEntry;
import dev.treue.store.StateBatchWriter;
import dev.treue.store.StoredState;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's money filters on the at-risk list, {@code min_value_at_risk} and {@code min_clv}
 * (issue 14): they keep exactly the rows at or above the bound, in JSON pages and CSV exports
 * alike; hostile values are 400 problems naming the parameter and never a silently different list.
 */
class AtRiskValueFilterHostileTest {
  private static TestService service;
  private static Http http;

  @BeforeAll
  static void load() {
    service = TestService.start(new JsonObject());
    http = service.http(TestService.ACME_LISTS);
    List<AtRiskEntry> rows = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      double p = 0.4 + 0.05 * i;
      double clv = 50.0 * (i + 1);
      rows.add(
          new AtRiskEntry(
              "m" + i,
              p,
              RiskBand.of(p).wireName(),
              "gold",
              null,
              p * clv,
              clv,
              0.5,
              List.of("reason"),
              1_719_000_000_000L,
              19_900));
    }
    rows.add(
        new AtRiskEntry(
            "gone",
            0,
            null,
            "gold",
            null,
            0,
            900.0,
            0.1,
            List.of("gone"),
            1_719_000_000_000L,
            19_900,
            MemberStatus.LAPSED,
            0.1,
            90.0,
            null));
    new StateBatchWriter(service.jedis, TestService.keys("acme"), Duration.ZERO, 50)
        .write(List.<StoredState>of().iterator(), rows.iterator());
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void theBoundsKeepExactlyTheRowsAtOrAboveThem() {
    List<JsonObject> all = rows("risk_band=low,medium,high&limit=1000");
    assertEquals(12, all.size());
    List<JsonObject> rich = rows("risk_band=low,medium,high&limit=1000&min_value_at_risk=200");
    List<String> expected =
        all.stream()
            .filter(o -> o.getDouble("value_at_risk") >= 200)
            .map(o -> o.getString("customer_id"))
            .toList();
    assertTrue(!expected.isEmpty() && expected.size() < all.size(), expected.toString());
    assertEquals(expected, rich.stream().map(o -> o.getString("customer_id")).toList());
    List<JsonObject> valuable = rows("risk_band=low,medium,high&limit=3&min_clv=300");
    assertEquals(3, valuable.size());
    valuable.forEach(o -> assertTrue(o.getDouble("clv") >= 300, o.encode()));
    // CSV: the same rows as the JSON page.
    Http.Reply csv =
        http.get(
            "/v1/at-risk?risk_band=low,medium,high&min_value_at_risk=200", "Accept", "text/csv");
    assertEquals(200, csv.status(), csv.toString());
    assertEquals(expected.size() + 1, csv.body().split("\n").length, csv.body());
    // The win-back list takes min_clv too.
    assertEquals(1, rows("status=lapsed&min_clv=500").size());
    assertEquals(0, rows("status=lapsed&min_clv=901").size());
  }

  @Test
  void hostileBoundsNameTheParameter() {
    for (String[] c :
        List.of(
            new String[] {"min_value_at_risk=-1", "min_value_at_risk"},
            new String[] {"min_value_at_risk=abc", "min_value_at_risk"},
            new String[] {"min_value_at_risk=NaN", "min_value_at_risk"},
            new String[] {"min_value_at_risk=1e400", "min_value_at_risk"},
            new String[] {"min_value_at_risk=", "min_value_at_risk"},
            new String[] {"min_value_at_risk=1&min_value_at_risk=2", "min_value_at_risk"},
            new String[] {"min_clv=-0.01", "min_clv"},
            new String[] {"min_clv=Infinity", "min_clv"},
            new String[] {"min_clv=1e10", "min_clv"},
            new String[] {"status=lapsed&min_value_at_risk=5", "min_value_at_risk"})) {
      for (String accept : List.of("application/json", "text/csv")) {
        Http.Reply r = http.get("/v1/at-risk?" + c[0], "Accept", accept);
        assertEquals(400, r.status(), c[0] + " " + accept + ": " + r);
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        assertEquals(
            c[1],
            r.json().getJsonArray("errors").getJsonObject(0).getString("field"),
            c[0] + ": " + r);
      }
    }
  }

  private static List<JsonObject> rows(String query) {
    Http.Reply r = http.get("/v1/at-risk?" + query);
    assertEquals(200, r.status(), r.toString());
    List<JsonObject> rows = new ArrayList<>();
    r.json().getJsonArray("rows").forEach(o -> rows.add((JsonObject) o));
    return rows;
  }
}
