package dev.treue.serving.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.churn.ChurnModelBundle;
import dev.treue.core.clv.ClvHorizon;
import dev.treue.core.clv.LifetimeModel;
import dev.treue.core.clv.PurchaseSummary;
import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.Member;
import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import dev.treue.core.feature.ChurnFeatures;
import dev.treue.serving.Http;
import dev.treue.serving.TestModels;
import dev.treue.serving.TestService;
import dev.treue.serving.contract.ApiContract;
import dev.treue.serving.http.FieldError;
import dev.treue.store.AtRiskEntry;
import dev.treue.store.MemberRecords;
import dev.treue.store.StateBatchWriter;
import dev.treue.store.StoredState;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Churn risk of one member, a batch, and the feature vector, against a running service and real Redis. */
class ChurnRiskApiTest {
  private static final long DAY = 86_400_000L;
  private static final int TODAY = (int) LocalDate.parse(TestService.TODAY).toEpochDay();
  private static TestService service;
  private static Http http;

  private static Vertx vertx;
  private static ApiContract contract;

  @BeforeAll
  static void start() throws Exception {
    service = TestService.shared();
    http = service.http();
    vertx = Vertx.vertx();
    contract = ApiContract.load(vertx).toCompletionStage().toCompletableFuture().get();
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  /** A batch-loaded member whose last purchase was {@code daysAgo} days before today. */
  static void batchLoad(String id, int daysAgo, long syncedAgoMillis) {
    CustomerState s = member(id);
    // Oldest first: a state folds events in time order (the first purchase day is the first one
    // folded).
    for (int k = 5; k >= 0; k--) {
      int day = TODAY - daysAgo - 30 * k;
      s.apply(
          new LoyaltyEvent(
              id + "-" + k,
              id,
              day * DAY + 36_000_000,
              EventType.PURCHASE,
              40,
              0,
              "coffee",
              null,
              "app"));
    }
    store(s, syncedAgoMillis);
  }

  private static CustomerState member(String id) {
    return CustomerState.of(
        new Member(id, TODAY - 700, "gold", CustomerState.NONE, "family", "app", true));
  }

  /** Stores the state as a batch load synced {@code syncedAgoMillis} before the end of today. */
  private static void store(CustomerState s, long syncedAgoMillis) {
    long now = (TODAY + 1) * DAY - 1;
    new StateBatchWriter(TestService.shared().jedis, TestService.keys("acme"), Duration.ZERO, 10)
        .write(
            List.of(new StoredState(0, TODAY * DAY, now - syncedAgoMillis, s)).iterator(),
            List.<AtRiskEntry>of().iterator());
  }

  private static void assertMatchesContract(String schema, JsonObject body) {
    List<FieldError> problems = contract.body(schema).problems(body, "");
    assertTrue(problems.isEmpty(), schema + ": " + problems + " in " + body.encode());
  }

  /** The lifetime model of the bundle the service serves, read from the registry as the service reads it. */
  private static LifetimeModel servedLifetimeModel(String version) throws IOException {
    return ChurnModelBundle.read(service.registry.resolve("churn").resolve(version))
        .scorer()
        .lifetime();
  }

  @Test
  void anUnknownMemberGetsTheBaseRateAsAnHonestPrior() {
    Http.Reply r = http.get("/v1/customers/nobody-1/churn-risk");
    assertEquals(200, r.status(), r.toString());
    JsonObject body = r.json();
    assertEquals("nobody-1", body.getString("customer_id"));
    assertEquals(TestModels.BASE_RATE, body.getDouble("churn_probability"));
    assertEquals("low", body.getString("risk_band"));
    assertTrue(body.getBoolean("cold_start"));
    assertFalse(body.getBoolean("stale"));
    assertTrue(body.getJsonArray("reasons").isEmpty());
    assertNull(body.getValue("state_as_of"));
    assertEquals("20240601-000000-aaaaaa", body.getString("model_version"));
    assertEquals("2024-06-30T23:59:59.999Z", body.getString("scored_at"));
    // Nothing stored: the member's value is unknown, not zero.
    for (String unknown : List.of("clv", "p_alive", "expected_purchases_90", "value_at_risk")) {
      assertTrue(
          body.containsKey(unknown) && body.getValue(unknown) == null,
          unknown + " in " + body.encode());
    }
    assertEquals(ClvHorizon.DEFAULT.months(), body.getInteger("clv_horizon_months"));
    assertMatchesContract("ChurnRisk", body);
  }

  @Test
  void theMembersValueIsTheServedLifetimeModelOnTheirOwnPurchaseSummary() throws IOException {
    // Irregular purchases, two on one day, and a return: the summary counts purchase days, the
    // spend is net.
    String id = "valued-1";
    int[] daysAgo = {400, 333, 290, 290, 201, 150, 97, 64, 41};
    double[] amounts = {35, 80, 12.5, 20, 64, 41, 90, 27, 55};
    CustomerState s = member(id);
    for (int k = 0; k < daysAgo.length; k++) {
      s.apply(
          new LoyaltyEvent(
              id + "-p" + k,
              id,
              (TODAY - daysAgo[k]) * DAY + 36_000_000 + k,
              EventType.PURCHASE,
              amounts[k],
              0,
              "coffee",
              null,
              "app"));
      if (k == 6) {
        s.apply(
            new LoyaltyEvent(
                id + "-r", id, (TODAY - 95) * DAY, EventType.RETURN, 30, 0, "coffee", null, "app"));
      }
    }
    store(s, 0);

    Http.Reply r = http.get("/v1/customers/" + id + "/churn-risk");
    assertEquals(200, r.status(), r.toString());
    JsonObject body = r.json();
    assertMatchesContract("ChurnRisk", body);
    LifetimeModel lifetime = servedLifetimeModel(body.getString("model_version"));
    int purchaseDays = 8;
    double netSpend = java.util.Arrays.stream(amounts).sum() - 30;
    PurchaseSummary summary = lifetime.summary(purchaseDays, 41, 400);
    assertEquals(7, summary.frequency());
    double clv = lifetime.lifetimeValue(summary, purchaseDays, netSpend / purchaseDays);
    assertEquals(clv, body.getDouble("clv"), 1e-9 * clv, body.encode());
    assertEquals(
        lifetime.probabilityAlive(summary), body.getDouble("p_alive"), 1e-12, body.encode());
    assertEquals(
        lifetime.expectedPurchases(summary, 90), body.getDouble("expected_purchases_90"), 1e-12);
    assertEquals(lifetime.horizon().months(), body.getInteger("clv_horizon_months"));
    assertTrue(
        clv > 0 && body.getDouble("p_alive") > 0 && body.getDouble("p_alive") < 1, body.encode());
    assertEquals(
        body.getDouble("churn_probability") * body.getDouble("clv"),
        body.getDouble("value_at_risk"),
        1e-12 * clv,
        "value at risk = p x clv");

    JsonObject item =
        http.post(
                "/v1/churn-risk:batch",
                new JsonObject().put("customer_ids", new JsonArray().add(id)))
            .json()
            .getJsonArray("results")
            .getJsonObject(0);
    assertEquals(body.getDouble("clv"), item.getDouble("clv"));
    assertEquals(body.getDouble("value_at_risk"), item.getDouble("value_at_risk"));
    JsonObject features = http.get("/v1/customers/" + id + "/features").json();
    assertEquals(body.getString("model_version"), features.getString("model_version"));
    assertEquals(
        body.getDouble("clv"),
        features.getJsonObject("features").getDouble("clv"),
        "the vector the model scored");
    assertEquals(400.0, features.getJsonObject("features").getDouble("days_since_first_purchase"));
  }

  @Test
  void aMemberWhoNeverPurchasedHasNoBuyingPatternAndNoValueYet() {
    String id = "browser-1";
    CustomerState s = member(id);
    s.apply(
        new LoyaltyEvent(
            id + "-s", id, (TODAY - 12) * DAY, EventType.APP_SESSION, 0, 0, null, null, "app"));
    store(s, 0);
    Http.Reply r = http.get("/v1/customers/" + id + "/churn-risk");
    assertEquals(200, r.status(), r.toString());
    JsonObject body = r.json();
    assertMatchesContract("ChurnRisk", body);
    assertFalse(body.getBoolean("cold_start"));
    assertEquals(0.0, body.getDouble("clv"));
    assertEquals(0.0, body.getDouble("value_at_risk"));
    assertTrue(body.containsKey("p_alive") && body.getValue("p_alive") == null, body.encode());
    assertTrue(
        body.containsKey("expected_purchases_90")
            && body.getValue("expected_purchases_90") == null);
    assertEquals(ClvHorizon.DEFAULT.months(), body.getInteger("clv_horizon_months"));
  }

  @Test
  void aKnownMemberIsScoredFromTheStoredStateForToday() {
    batchLoad("lapsed-1", 200, 3_600_000);
    batchLoad("active-1", 2, 3_600_000);
    JsonObject lapsed = http.get("/v1/customers/lapsed-1/churn-risk").json();
    JsonObject active = http.get("/v1/customers/active-1/churn-risk").json();
    assertFalse(lapsed.getBoolean("cold_start"));
    assertFalse(lapsed.getBoolean("stale"));
    assertTrue(
        lapsed.getDouble("churn_probability") > active.getDouble("churn_probability"),
        lapsed + " vs " + active);
    assertFalse(lapsed.getJsonArray("reasons").isEmpty(), lapsed.encode());
    assertEquals(
        "2024-06-30T00:00:00Z",
        lapsed.getString("state_as_of"),
        "batch coverage is later than the last event");
  }

  @Test
  void aStateSyncedLongAgoIsStillScoredButFlaggedStale() {
    batchLoad("old-sync-1", 10, Duration.ofDays(5).toMillis());
    JsonObject body = http.get("/v1/customers/old-sync-1/churn-risk").json();
    assertTrue(body.getBoolean("stale"), body.encode());
    assertFalse(body.getBoolean("cold_start"));
  }

  @Test
  void anOptedOutMemberIsNeverScored() {
    batchLoad("private-1", 10, 0);
    new MemberRecords(service.jedis).optOut(TestService.keys("acme"), "private-1");
    Http.Reply r = http.get("/v1/customers/private-1/churn-risk");
    assertEquals(409, r.status(), r.toString());
    assertEquals("application/problem+json", r.contentType());
    assertTrue(r.json().getString("detail").contains("opted out"), r.toString());
    JsonObject batch =
        http.post(
                "/v1/churn-risk:batch",
                new JsonObject().put("customer_ids", new JsonArray().add("private-1")))
            .json();
    assertEquals(
        new JsonObject().put("customer_id", "private-1").put("opted_out", true),
        batch.getJsonArray("results").getJsonObject(0));
    assertMatchesContract("ChurnBatchResponse", batch);
  }

  @Test
  void aBatchAnswersEveryIdInOrderWithTheSameScoresAsSingleCalls() {
    batchLoad("batch-a", 100, 0);
    batchLoad("batch-b", 3, 0);
    List<String> ids = new ArrayList<>(List.of("batch-a", "unknown-b", "batch-b", "batch-a"));
    for (int i = 0; i < 996; i++) {
      ids.add("filler-" + i);
    }
    Http.Reply r =
        http.post("/v1/churn-risk:batch", new JsonObject().put("customer_ids", new JsonArray(ids)));
    assertEquals(200, r.status(), r.toString());
    JsonArray results = r.json().getJsonArray("results");
    assertEquals(1000, results.size());
    for (int i = 0; i < ids.size(); i++) {
      assertEquals(ids.get(i), results.getJsonObject(i).getString("customer_id"));
    }
    JsonObject single = http.get("/v1/customers/batch-a/churn-risk").json();
    assertEquals(
        single.getDouble("churn_probability"),
        results.getJsonObject(0).getDouble("churn_probability"));
    assertEquals(single.getJsonArray("reasons"), results.getJsonObject(0).getJsonArray("reasons"));
    assertTrue(results.getJsonObject(1).getBoolean("cold_start"));
    assertEquals(
        single.getDouble("value_at_risk"), results.getJsonObject(0).getDouble("value_at_risk"));
    assertMatchesContract("ChurnBatchResponse", r.json());

    ids.add("one-too-many");
    Http.Reply tooMany =
        http.post("/v1/churn-risk:batch", new JsonObject().put("customer_ids", new JsonArray(ids)));
    assertEquals(400, tooMany.status(), tooMany.toString());
    assertEquals(
        "customer_ids", tooMany.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    Http.Reply badId = http.post("/v1/churn-risk:batch", "{\"customer_ids\":[\"ok\",\"bad id\"]}");
    assertEquals(400, badId.status());
    assertEquals(
        "customer_ids[1]",
        badId.json().getJsonArray("errors").getJsonObject(0).getString("field"),
        badId.toString());
  }

  @Test
  void theColonInTheBatchPathIsNotAParameter() {
    assertEquals(404, http.post("/v1/churn-risk:other", "{\"customer_ids\":[\"a\"]}").status());
    assertEquals(404, http.post("/v1/churn-risk", "{\"customer_ids\":[\"a\"]}").status());
    assertEquals(405, http.get("/v1/churn-risk:batch").status());
  }

  @Test
  void theFeatureVectorIsTheCoreDefinitionForTheAsOfDay() {
    batchLoad("features-1", 20, 0);
    Http.Reply r = http.get("/v1/customers/features-1/features?as_of=2024-07-10");
    assertEquals(200, r.status(), r.toString());
    JsonObject body = r.json();
    assertEquals(ChurnFeatures.SPEC.hash(), body.getString("spec_hash"));
    assertEquals("2024-07-10", body.getString("as_of"));
    JsonObject features = body.getJsonObject("features");
    assertEquals(ChurnFeatures.SPEC.size(), features.size());
    assertEquals(20 + 10, features.getDouble("recency_days"), 1e-9, features.encode());

    Http.Reply early = http.get("/v1/customers/features-1/features?as_of=2024-01-01");
    assertEquals(422, early.status(), early.toString());
    Http.Reply badDate = http.get("/v1/customers/features-1/features?as_of=2024-02-31");
    assertEquals(400, badDate.status(), badDate.toString());
    assertEquals(404, http.get("/v1/customers/never-seen/features").status());
  }
}
