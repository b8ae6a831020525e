package dev.treue.serving.members;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/customers/{id}/timeline}: weekly sums of what the member did, every week listed,
 * money in cents, and the tier's progress. The shared service's clock is 2024-06-30, a Sunday.
 */
class MemberTimelineApiTest {
  private static JsonObject event(String id, String member, String ts, String type) {
    return new JsonObject()
        .put("event_id", id)
        .put("customer_id", member)
        .put("ts", ts)
        .put("type", type);
  }

  @Test
  void weeksSumTheMembersDaysWithZerosBetween() {
    Http http = TestService.shared().http();
    String member = "timeline.member-1";
    String path = "/v1/customers/" + member;
    Http.Reply posted =
        http.post(
            "/v1/events",
            new JsonObject()
                .put(
                    "events",
                    new JsonArray()
                        // Monday 2024-06-10 and Wednesday 2024-06-12: one week.
                        .add(
                            event("tl-1", member, "2024-06-10T09:00:00Z", "purchase")
                                .put("amount", 0.1)
                                .put("category", "books"))
                        .add(
                            event("tl-2", member, "2024-06-12T09:00:00Z", "purchase")
                                .put("amount", 0.2)
                                .put("category", "books"))
                        .add(event("tl-3", member, "2024-06-12T10:00:00Z", "app_session"))
                        // Sunday 2024-06-30: the last week.
                        .add(
                            event("tl-4", member, "2024-06-30T09:00:00Z", "purchase")
                                .put("amount", 19.99)
                                .put("category", "toys"))));
    assertTrue(posted.status() < 300, posted.toString());

    Http.Reply reply = http.get(path + "/timeline?weeks=4");
    assertEquals(200, reply.status(), reply.toString());
    JsonObject body = reply.json();
    assertEquals(member, body.getString("customer_id"));
    assertEquals("2024-06-30", body.getString("as_of"));
    JsonArray weeks = body.getJsonArray("timeline");
    assertEquals(4, weeks.size());
    // Four ISO weeks ending with the one holding Sunday 2024-06-30.
    assertEquals("2024-06-03", weeks.getJsonObject(0).getString("week"));
    assertEquals("2024-06-24", weeks.getJsonObject(3).getString("week"));
    JsonObject first = weeks.getJsonObject(1);
    assertEquals(2, first.getInteger("purchases"));
    // Cents, without binary noise: 0.1 + 0.2 is 0.30, not 0.30000000000000004.
    assertEquals("0.3", first.getValue("spend").toString().replaceAll("0+$", ""));
    assertEquals(1, first.getInteger("app_sessions"));
    assertEquals(0, weeks.getJsonObject(0).getInteger("purchases"), "an empty week is listed");
    assertEquals(0, weeks.getJsonObject(2).getInteger("purchases"), "an empty week is listed");
    assertEquals(1, weeks.getJsonObject(3).getInteger("purchases"));
    assertEquals(19.99, weeks.getJsonObject(3).getDouble("spend"));
    JsonObject tier = body.getJsonObject("tier");
    assertEquals("basic", tier.getString("tier"));
    assertEquals("silver", tier.getString("next_tier"));
    assertEquals(500 - 20.29, tier.getDouble("spend_to_next_tier"), 1e-9);
    assertEquals("2024-06-30", body.getString("last_purchase_date"));
    assertEquals(52, http.get(path + "/timeline").json().getJsonArray("timeline").size());
  }

  @Test
  void badWeeksAndUnknownMembersAreProblems() {
    Http http = TestService.shared().http();
    for (String weeks : new String[] {"0", "58", "-1", "1e3", "x"}) {
      Http.Reply reply = http.get("/v1/customers/anyone/timeline?weeks=" + weeks);
      assertEquals(400, reply.status(), weeks + ": " + reply);
      assertEquals("application/problem+json", reply.contentType());
      assertTrue(reply.body().contains("weeks"), reply.toString());
    }
    Http.Reply unknown = http.get("/v1/customers/never-seen-timeline/timeline");
    assertEquals(404, unknown.status(), unknown.toString());
    assertEquals(401, http.as(null).get("/v1/customers/anyone/timeline").status());
  }
}
