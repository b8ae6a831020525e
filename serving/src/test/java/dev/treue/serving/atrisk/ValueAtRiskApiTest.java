package dev.treue.serving.atrisk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.churn.ChurnModelBundle;
import dev.treue.core.clv.LifetimeModel;
import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.Member;
import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The at-risk list of members the service scored after an event (tenant {@code umbrella}): each
 * member's history is batch-loaded up to their last purchase, which is then posted, so the event path
 * rescores them and rewrites their entry. Each row's value at risk is the churn probability times the
 * lifetime value the served bundle's lifetime model gives the member's own purchase history, and
 * {@code sort=value_at_risk} lists by it.
 */
class ValueAtRiskApiTest {
  private static final long DAY = 86_400_000L;
  private static final LocalDate TODAY = LocalDate.parse(TestService.TODAY);
  private static final Map<String, List<double[]>> PURCHASES = new HashMap<>();
  private static TestService service;
  private static Http http;

  @BeforeAll
  static void load() {
    service = TestService.shared();
    http = service.http(TestService.UMBRELLA_ALL);
    // {days ago, amount}, oldest first: a big spender going quiet, a small one long gone, a steady
    // weekly one.
    PURCHASES.put("big-lapsing", purchases(400, 60, 20, 200));
    PURCHASES.put("small-lapsed", purchases(500, 250, 30, 5));
    PURCHASES.put("steady", purchases(300, 2, 7, 150));
    JsonArray events = new JsonArray();
    PURCHASES.forEach(
        (member, list) -> {
          CustomerState s = member(member);
          for (double[] p : list.subList(0, list.size() - 1)) {
            s.apply(
                new LoyaltyEvent(
                    member + "-" + (int) p[0],
                    member,
                    millis((int) p[0]),
                    EventType.PURCHASE,
                    p[1],
                    0,
                    "coffee",
                    null,
                    "app"));
          }
          double[] last = list.get(list.size() - 1);
          store(s, (int) last[0]);
          events.add(
              event(member + "-" + (int) last[0], member, (int) last[0], "purchase")
                  .put("amount", last[1]));
        });
    store(member("browser"), 9);
    events.add(event("browser-s1", "browser", 9, "app_session"));
    Http.Reply r = http.post("/v1/events", new JsonObject().put("events", events));
    assertEquals(200, r.status(), r.toString());
    assertEquals(events.size(), r.json().getInteger("accepted"), r.toString());
  }

  private static CustomerState member(String id) {
    return CustomerState.of(
        new Member(
            id, (int) TODAY.toEpochDay() - 700, "gold", CustomerState.NONE, null, "app", true));
  }

  /** Stores the state as a batch load covering the days before {@code coveredFromDaysAgo}. */
  private static void store(CustomerState s, int coveredFromDaysAgo) {
    long covered = (TODAY.toEpochDay() - coveredFromDaysAgo) * DAY;
    new StateBatchWriter(service.jedis, TestService.keys("umbrella"), Duration.ZERO, 10)
        .write(
            List.of(new StoredState(0, covered, covered, s)).iterator(),
            List.<AtRiskEntry>of().iterator());
  }

  private static long millis(int daysAgo) {
    return (TODAY.toEpochDay() - daysAgo) * DAY + 36_000_000;
  }

  private static List<double[]> purchases(int firstAgo, int lastAgo, int every, double amount) {
    List<double[]> out = new ArrayList<>();
    for (int ago = firstAgo; ago >= lastAgo; ago -= every) {
      out.add(new double[] {ago, amount});
    }
    return out;
  }

  private static JsonObject event(String id, String member, int daysAgo, String type) {
    return new JsonObject()
        .put("event_id", id)
        .put("customer_id", member)
        .put("ts", TODAY.minusDays(daysAgo) + "T10:00:00Z")
        .put("type", type);
  }

  /** The member's CLV from the served lifetime model on the summary of the purchases this test posted. */
  private static double clv(LifetimeModel model, String member) {
    List<double[]> list = PURCHASES.get(member);
    double first = list.stream().mapToDouble(p -> p[0]).max().orElseThrow();
    double last = list.stream().mapToDouble(p -> p[0]).min().orElseThrow();
    double spend = list.stream().mapToDouble(p -> p[1]).sum();
    return model.lifetimeValue(
        model.summary(list.size(), last, first), list.size(), spend / list.size());
  }

  @Test
  void everyRowsValueAtRiskIsTheChurnProbabilityTimesTheMembersLifetimeValue() throws Exception {
    // Every band of the active list, and the member not activated yet (listed on its own).
    JsonArray rows =
        http.get("/v1/at-risk?sort=value_at_risk&risk_band=low,medium,high&limit=100")
            .json()
            .getJsonArray("rows")
            .addAll(http.get("/v1/at-risk?status=never_purchased").json().getJsonArray("rows"));
    assertEquals(4, rows.size(), rows.encode());
    String version = http.get("/v1/models").json().getJsonObject("active").getString("version");
    LifetimeModel lifetime =
        ChurnModelBundle.read(service.registry.resolve("churn").resolve(version))
            .scorer()
            .lifetime();
    Map<String, Double> valueOf = new HashMap<>();
    for (Object o : rows) {
      JsonObject row = (JsonObject) o;
      String member = row.getString("customer_id");
      double expected =
          member.equals("browser") ? 0 : row.getDouble("churn_probability") * clv(lifetime, member);
      assertEquals(
          expected, row.getDouble("value_at_risk"), 1e-9 * Math.max(1, expected), row.encode());
      JsonObject risk = http.get("/v1/customers/" + member + "/churn-risk").json();
      assertEquals(
          risk.getDouble("value_at_risk"),
          row.getDouble("value_at_risk"),
          1e-9 * Math.max(1, expected),
          "the list and the churn-risk answer agree: " + risk.encode());
      valueOf.put(member, row.getDouble("value_at_risk"));
      // The row carries the figures the churn-risk answer gives: CLV, and P(alive) only for a
      // buyer.
      assertEquals(
          risk.getDouble("clv"), row.getDouble("clv"), 1e-9 * Math.max(1, expected), row.encode());
      assertEquals(risk.getValue("p_alive"), row.getValue("p_alive"), row.encode());
      assertEquals(member.equals("browser"), row.getValue("p_alive") == null, row.encode());
    }
    assertEquals(0.0, valueOf.get("browser"), "no purchase, no value at risk");
    assertTrue(valueOf.get("steady") > 0 && valueOf.get("small-lapsed") > 0, valueOf.toString());
  }

  @Test
  void sortByValueAtRiskListsTheCostliestChurnFirst() {
    // Every band (the default list holds medium and high only).
    String bands = "risk_band=low,medium,high";
    List<String> byValue =
        ids(http.get("/v1/at-risk?sort=value_at_risk&" + bands).json().getJsonArray("rows"));
    List<String> byProbability =
        ids(http.get("/v1/at-risk?sort=churn_probability&" + bands).json().getJsonArray("rows"));
    assertEquals(
        byValue,
        ids(http.get("/v1/at-risk?" + bands).json().getJsonArray("rows")),
        "value at risk is the default");
    List<JsonObject> rows = new ArrayList<>();
    http.get("/v1/at-risk?sort=churn_probability&" + bands)
        .json()
        .getJsonArray("rows")
        .forEach(o -> rows.add((JsonObject) o));
    List<String> expected =
        rows.stream()
            .sorted(
                Comparator.comparingDouble((JsonObject r) -> r.getDouble("value_at_risk"))
                    .reversed())
            .map(r -> r.getString("customer_id"))
            .toList();
    assertEquals(expected, byValue);
    assertEquals(
        new TreeSet<>(byValue), new TreeSet<>(byProbability), "the same members in both orders");
    assertNotEquals(byProbability, byValue, "the orders differ on these members");
    assertEquals(
        List.of("browser"),
        ids(http.get("/v1/at-risk?status=never_purchased").json().getJsonArray("rows")),
        "a member who never purchased is listed as not activated yet, not among churners");

    List<String> csv =
        http.get("/v1/at-risk?sort=value_at_risk&" + bands, "Accept", "text/csv")
            .body()
            .lines()
            .skip(1)
            .map(l -> l.substring(0, l.indexOf(',')))
            .toList();
    assertEquals(byValue, csv, "the CSV streams the same order");
  }

  private static List<String> ids(JsonArray rows) {
    return rows.stream().map(o -> ((JsonObject) o).getString("customer_id")).toList();
  }
}
