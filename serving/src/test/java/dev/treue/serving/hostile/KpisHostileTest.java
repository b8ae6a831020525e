package dev.treue.serving.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.i18n.Language;
import dev.treue.core.kpi.Kpi;
import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import dev.treue.store.KpiDocuments;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/kpis} against hostile and edge-case queries: every bad filter is a 400 problem naming the parameter,
 * a tenant without KPIs a 404 saying how to compute them, filters cut the stored document without changing a
 * number, and the CSV follows the locale.
 */
class KpisHostileTest {
  private static final TestService SERVICE = TestService.shared();
  private static final String[] MONTHS = {"2026-01", "2026-02", "2026-03"};

  private final Http http = SERVICE.http(TestService.INITECH_ALL);

  /** A stored document as the batch job writes it, with distinct numbers per breakdown and month. */
  @BeforeAll
  static void storeDocument() {
    JsonObject definitions = new JsonObject();
    for (Kpi k : Kpi.values()) {
      definitions.put(
          k.wireName(),
          new JsonObject()
              .put("kind", k.kind().wireName())
              .put("en", k.english())
              .put("de", k.german()));
    }
    JsonObject doc =
        new JsonObject()
            .put("tenant", "initech")
            .put("as_of", "2026-03-20")
            .put("granularity", "month")
            .put("currency", "EUR")
            .put("computed_at", "2026-03-21T02:00:00Z")
            .put("model_version", null)
            .put("active_days", 365)
            .put("horizon_days", 90)
            .put("definitions", definitions)
            .mergeIn(breakdown(100))
            .put(
                "breakdowns",
                new JsonObject()
                    .put("tier", new JsonObject().put("gold", breakdown(200)))
                    .put("segment", new JsonObject().put("student", breakdown(300)))
                    .put("tier_segment", new JsonObject().put("gold|student", breakdown(400))))
            .put(
                "cohorts",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("cohort", "2026-01")
                            .put("size", 10)
                            .put("retention", new JsonArray().add(1.0).add(0.5))));
    new KpiDocuments(SERVICE.jedis).put(TestService.keys("initech"), doc.encode());
  }

  /** Periods whose active_members are {@code base + month index}, an exact money figure and a null. */
  private static JsonObject breakdown(int base) {
    JsonArray periods = new JsonArray();
    for (int i = 0; i < MONTHS.length; i++) {
      String start = MONTHS[i] + "-01";
      String end =
          i == 2 ? "2026-03-20" : java.time.YearMonth.parse(MONTHS[i]).atEndOfMonth().toString();
      periods.add(
          new JsonObject()
              .put("period", MONTHS[i])
              .put("start", start)
              .put("end", end)
              .put("complete", i == 0)
              .put("kpis", kpis(base + i, i == 0)));
    }
    return new JsonObject()
        .put("periods", periods)
        .put(
            "overall",
            new JsonObject()
                .put("start", "2025-03-21")
                .put("end", "2026-03-20")
                .put("complete", false)
                .put("kpis", kpis(base + 9, false)));
  }

  private static JsonObject kpis(int active, boolean complete) {
    JsonObject k = new JsonObject();
    for (Kpi kpi : Kpi.values()) {
      k.put(kpi.wireName(), 0);
    }
    return k.put("active_members", active)
        .put("average_order_value", new BigDecimal("0.30"))
        .put("retention_rate", 0.8125)
        .put("realized_churn_rate", complete ? 0.25 : null);
  }

  @Test
  void aTenantWithoutKpisGetsA404SayingHowToComputeThem() {
    Http.Reply r = SERVICE.http(TestService.UMBRELLA_ALL).get("/v1/kpis");
    assertEquals(404, r.status(), r.toString());
    assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
    assertEquals(
        "no KPIs computed yet for tenant umbrella; run ./treue kpis", r.json().getString("detail"));
  }

  @Test
  void aKeyWithoutTheListsScopeIsRefused() {
    assertEquals(403, SERVICE.http(TestService.ACME_SCORE).get("/v1/kpis").status());
  }

  @Test
  void oddFiltersNameTheParameter() {
    for (String[] c :
        List.of(
            new String[] {"from=2026-13", "from"},
            new String[] {"from=2026-02-30", "from"},
            new String[] {"from=yesterday", "from"},
            new String[] {"from=", "from"},
            new String[] {"from=2026-01&from=2026-02", "from"},
            new String[] {"to=2026-1", "to"},
            new String[] {"to=2026-00-10", "to"},
            new String[] {"from=2026-03&to=2026-02", "from"},
            new String[] {"granularity=week", "granularity"},
            new String[] {"granularity=quarter", "granularity"},
            new String[] {"tier=diamond", "tier"},
            new String[] {"tier=GOLD", "tier"},
            new String[] {"segment=%3Cscript%3E", "segment"},
            new String[] {"segment=" + "s".repeat(65), "segment"},
            new String[] {"locale=fr", "locale"})) {
      for (String accept : List.of("application/json", "text/csv")) {
        Http.Reply r = http.get("/v1/kpis?" + c[0], "Accept", accept);
        assertEquals(400, r.status(), c[0] + " " + accept + ": " + r);
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        assertEquals(
            c[1],
            r.json().getJsonArray("errors").getJsonObject(0).getString("field"),
            c[0] + ": " + r);
      }
    }
  }

  @Test
  void aBreakdownWithoutMembersIsA404NamingIt() {
    Http.Reply tier = http.get("/v1/kpis?tier=platinum");
    assertEquals(404, tier.status(), tier.toString());
    assertEquals("tier", tier.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    Http.Reply both = http.get("/v1/kpis?tier=silver&segment=student");
    assertEquals(404, both.status(), both.toString());
    JsonArray fields = both.json().getJsonArray("errors");
    assertEquals("tier", fields.getJsonObject(0).getString("field"));
    assertEquals("segment", fields.getJsonObject(1).getString("field"));
  }

  @Test
  void filtersPickPeriodsAndBreakdownsWithoutChangingANumber() {
    JsonObject all = ok("/v1/kpis");
    assertEquals(List.of(100, 101, 102), active(all.getJsonArray("periods")));
    assertEquals(
        109, all.getJsonObject("overall").getJsonObject("kpis").getInteger("active_members"));
    assertFalse(all.containsKey("breakdowns"), "the breakdowns stay in Redis");
    assertEquals(Kpi.values().length, all.getJsonObject("definitions").size());
    assertEquals(
        List.of(101), active(ok("/v1/kpis?from=2026-02&to=2026-02").getJsonArray("periods")));
    assertEquals(List.of(101, 102), active(ok("/v1/kpis?from=2026-02-15").getJsonArray("periods")));
    assertEquals(List.of(100, 101), active(ok("/v1/kpis?to=2026-02-01").getJsonArray("periods")));
    assertEquals(List.of(), active(ok("/v1/kpis?from=2027-01").getJsonArray("periods")));
    JsonObject gold = ok("/v1/kpis?tier=gold&granularity=month");
    assertEquals("gold", gold.getString("tier"));
    assertEquals(List.of(200, 201, 202), active(gold.getJsonArray("periods")));
    assertEquals(
        209, gold.getJsonObject("overall").getJsonObject("kpis").getInteger("active_members"));
    assertEquals(
        List.of(300, 301, 302), active(ok("/v1/kpis?segment=student").getJsonArray("periods")));
    assertEquals(
        List.of(402),
        active(ok("/v1/kpis?tier=gold&segment=student&from=2026-03").getJsonArray("periods")));
    JsonObject first = all.getJsonArray("periods").getJsonObject(0).getJsonObject("kpis");
    assertEquals(
        "0.3", first.getValue("average_order_value").toString(), "money without float noise");
    assertNull(
        all.getJsonArray("periods")
            .getJsonObject(1)
            .getJsonObject("kpis")
            .getValue("realized_churn_rate"));
  }

  @Test
  void theCsvFollowsTheLocale() {
    Http.Reply en = http.get("/v1/kpis?locale=en&from=2026-02", "Accept", "text/csv");
    assertEquals(200, en.status(), en.toString());
    assertTrue(en.contentType().startsWith("text/csv"), en.contentType());
    String[] lines = en.body().split("\n");
    assertEquals(3, lines.length, en.body());
    assertTrue(
        lines[0].startsWith("tier,segment,period,start,end,complete,active_members,"), lines[0]);
    assertEquals(6 + Kpi.values().length, lines[0].split(",").length);
    String[] feb = lines[1].split(",", -1);
    assertEquals("", feb[0], "all members: no tier");
    assertEquals("2026-02", feb[2]);
    assertEquals("false", feb[5], "only January is complete");
    assertEquals("101", feb[6]);
    assertEquals("0.30", feb[6 + Kpi.AVERAGE_ORDER_VALUE.ordinal()]);
    assertEquals("0.8125", feb[6 + Kpi.RETENTION_RATE.ordinal()]);
    assertEquals("", feb[6 + Kpi.REALIZED_CHURN_RATE.ordinal()], "null stays empty");

    Http.Reply de = http.get("/v1/kpis?locale=de&tier=gold", "Accept", "text/csv");
    assertEquals(200, de.status(), de.toString());
    assertTrue(
        de.body().startsWith("\uFEFFStufe;Kundensegment;Zeitraum;Beginn;Ende;Vollständig;"),
        de.body());
    String[] header = de.body().substring(1).split("\n")[0].split(";", -1);
    for (Kpi k : Kpi.values()) {
      assertEquals(k.header(Language.DE), header[6 + k.ordinal()], k.wireName());
    }
    assertEquals("Aktive Mitglieder", header[6]);
    String[] jan = de.body().split("\n")[1].split(";", -1);
    assertEquals("gold", jan[0], "the tier asked for");
    assertEquals("ja", jan[5]);
    assertEquals("200", jan[6]);
    assertEquals("0,30", jan[6 + Kpi.AVERAGE_ORDER_VALUE.ordinal()]);
    assertEquals("0,8125", jan[6 + Kpi.RETENTION_RATE.ordinal()]);
    assertEquals("0,25", jan[6 + Kpi.REALIZED_CHURN_RATE.ordinal()]);
  }

  /** The KPI CSV picks its language as every export does: Accept-Language when locale is absent. */
  @Test
  void theCsvFollowsAcceptLanguage() {
    Http.Reply de =
        http.get(
            "/v1/kpis?from=2026-02", "Accept", "text/csv", "Accept-Language", "de-DE, en;q=0.5");
    assertEquals(200, de.status(), de.toString());
    assertTrue(de.body().startsWith("\uFEFFStufe;Kundensegment;Zeitraum;"), de.body());
    String[] feb = de.body().split("\n")[1].split(";", -1);
    assertEquals("0,30", feb[6 + Kpi.AVERAGE_ORDER_VALUE.ordinal()]);

    Http.Reply region =
        http.get(
            "/v1/kpis?locale=de-AT&from=2026-02", "Accept", "text/csv", "Accept-Language", "en");
    assertEquals(200, region.status(), region.toString());
    assertTrue(region.body().startsWith("\uFEFFStufe;"), "locale wins over the header");

    Http.Reply en =
        http.get("/v1/kpis?from=2026-02", "Accept", "text/csv", "Accept-Language", "fr");
    assertTrue(
        en.body().startsWith("tier,segment,period,start,"),
        "a header Treue cannot satisfy: English");
  }

  private JsonObject ok(String path) {
    Http.Reply r = http.get(path);
    assertEquals(200, r.status(), path + ": " + r);
    return r.json();
  }

  private static List<Integer> active(JsonArray periods) {
    return periods.stream()
        .map(p -> ((JsonObject) p).getJsonObject("kpis").getInteger("active_members"))
        .toList();
  }
}
