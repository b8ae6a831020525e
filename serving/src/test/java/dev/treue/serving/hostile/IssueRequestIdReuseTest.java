package dev.treue.serving.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import dev.treue.serving.offers.IssueApiTestAccess;
import dev.treue.store.MemberRecords;
import dev.treue.store.OfferBudgets;
import dev.treue.store.RedisKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A client reusing an issue request id for another member or another offer. */
class IssueRequestIdReuseTest {
  private static final RedisKeys ACME = TestService.keys("acme");
  private static TestService service;
  private static Http http;

  @BeforeAll
  static void start() {
    service = TestService.shared();
    http = service.http();
    IssueApiTestAccess.member(service.jedis, ACME, "reuse-owner", "silver", 300);
    IssueApiTestAccess.member(service.jedis, ACME, "reuse-other", "silver", 300);
    for (String id : new String[] {"reuse-o1", "reuse-o2"}) {
      JsonObject body =
          new JsonObject()
              .put("kind", "discount")
              .put("value", 5)
              .put("cost", 1)
              .put("budget", 10)
              .put("valid_from", "2024-06-01")
              .put("valid_to", "2024-07-31")
              .put("per_customer_cap", 3)
              .put("channels", new JsonArray().add("app"));
      Http.Reply r = http.put("/v1/offers/" + id, body);
      assertTrue(r.status() == 200 || r.status() == 201, r.toString());
    }
  }

  private static Http.Reply issue(String member, String offerId, String requestId) {
    return http.post(
        "/v1/customers/" + member + "/offers/" + offerId + ":issue",
        new JsonObject().put("request_id", requestId));
  }

  @Test
  void aRequestIdOfOneMemberIsRefusedForAnotherAndWritesNothing() {
    assertEquals(201, issue("reuse-owner", "reuse-o1", "reuse-r1").status());
    long leftBefore = new OfferBudgets(service.jedis, ACME).remaining("reuse-o1").getAsLong();

    Http.Reply stolen = issue("reuse-stranger", "reuse-o1", "reuse-r1");
    assertEquals(409, stolen.status(), stolen.toString());
    assertEquals("application/problem+json", stolen.contentType());
    assertEquals(
        "https://treue.dev/problems/request-id-reused",
        stolen.json().getString("type"),
        stolen.toString());
    assertEquals("request_id", stolen.json().getString("field"), stolen.toString());
    // The problem's request_id is the trace id of this HTTP request, as in every problem, not the
    // reused id.
    assertNotEquals("reuse-r1", stolen.json().getString("request_id"), stolen.toString());
    assertTrue(
        new MemberRecords(service.jedis).export(ACME, "reuse-stranger").empty(),
        "nothing is stored about a member who was never granted");
    assertEquals(404, http.get("/v1/customers/reuse-stranger/export").status());

    Http.Reply known = issue("reuse-other", "reuse-o1", "reuse-r1");
    assertEquals(409, known.status(), known.toString());
    assertFalse(
        new MemberRecords(service.jedis)
            .export(ACME, "reuse-other")
            .grants()
            .containsKey("reuse-o1"));
    assertEquals(0, new OfferBudgets(service.jedis, ACME).issuedTo("reuse-o1", "reuse-other"));
    assertEquals(
        leftBefore,
        new OfferBudgets(service.jedis, ACME).remaining("reuse-o1").getAsLong(),
        "a refused reuse spends nothing");

    Http.Reply repeat = issue("reuse-owner", "reuse-o1", "reuse-r1");
    assertEquals(200, repeat.status(), "the owner's repeat is still a repeat");
    assertEquals(
        new OfferBudgets(service.jedis, ACME).issuedTo("reuse-o1", "reuse-owner"),
        repeat.json().getInteger("times_issued"));
    assertTrue(repeat.json().getBoolean("repeated"));
  }

  @Test
  void aRequestIdOfOneOfferIsRefusedForAnother() {
    assertEquals(201, issue("reuse-owner", "reuse-o1", "reuse-r2").status());
    long leftBefore = new OfferBudgets(service.jedis, ACME).remaining("reuse-o2").getAsLong();
    Http.Reply other = issue("reuse-owner", "reuse-o2", "reuse-r2");
    assertEquals(409, other.status(), other.toString());
    assertEquals(
        "https://treue.dev/problems/request-id-reused",
        other.json().getString("type"),
        other.toString());
    assertEquals(
        leftBefore, new OfferBudgets(service.jedis, ACME).remaining("reuse-o2").getAsLong());
    assertEquals(0, new OfferBudgets(service.jedis, ACME).issuedTo("reuse-o2", "reuse-owner"));
  }
}
