package dev.treue.serving.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * A delivery's stored record: written and read field by field, it reads back as the same delivery,
 * reads records written as a JSON tree (as before), skips fields it does not know, and refuses a
 * record that is not one with a clear error.
 */
class DeliveryRecordTest {
  private static final String PAYLOAD =
      "{\"churn_probability\":0.123456789012345,\"reasons\":[{\"code\":\"ä \\\"x\\\" 🎉\"}],"
          + "\"clv\":1.0E-7,\"big\":12345678901234567890}";

  private static Delivery attempted() {
    return Delivery.of(
            "sub_ü",
            "first_purchase:c\u0000👪:1",
            "first_purchase",
            "c👪",
            null,
            PAYLOAD,
            false,
            1_000)
        .attempted(Delivery.FAILED, 503, Long.MAX_VALUE, "the receiver answered 503", 2_000, 9_000);
  }

  @Test
  void aRecordReadsBackAsTheSameDelivery() {
    Delivery fresh =
        Delivery.of("sub_1", "e:1", "birthday", "c1", "2026-12-05T10:00:00Z", null, true, 5);
    assertEquals(fresh, Delivery.decode(fresh.encode()));
    Delivery tried = attempted();
    assertEquals(tried, Delivery.decode(tried.encode()));
    Delivery done =
        tried.attempted(Delivery.DELIVERED, 200, 0, null, Long.MAX_VALUE, 0).replayed(-1);
    assertEquals(done, Delivery.decode(done.encode()));
  }

  @Test
  void aRecordIsTheJsonObjectItAlwaysWas() {
    Delivery d = attempted();
    JsonObject stored = new JsonObject(d.encode());
    assertEquals(16, stored.size(), stored.encode());
    assertEquals(PAYLOAD, stored.getString("payload"));
    assertEquals(503, stored.getInteger("last_status_code"));
    assertEquals(Long.MAX_VALUE, stored.getLong("last_latency_ms"));
    assertNull(stored.getValue("fired_at"));
    assertEquals(d.attempts(), stored.getInteger("attempts"));
  }

  @Test
  void recordsWrittenAsATreeStillRead() {
    // As the delivery log stored them before: a JsonObject encoded, with a field added later on
    // and nulls where nothing happened yet.
    JsonObject old =
        new JsonObject()
            .put("delivery_id", "dlv_1")
            .put("subscription_id", "sub_1")
            .put("event_id", "e:1")
            .put("kind", "tier_changed")
            .put("customer_id", "c1")
            .put("fired_at", "2026-12-05T10:00:00Z")
            .put("payload", PAYLOAD)
            .put("status", Delivery.PENDING)
            .put("attempts", 0)
            .put("last_status_code", null)
            .put("last_latency_ms", null)
            .put("last_error", null)
            .put("created_at", 7L)
            .put(
                "future_field",
                new JsonObject().put("nested", new io.vertx.core.json.JsonArray().add(1)))
            .put("next_attempt_at", 7L);
    Delivery d = Delivery.decode(old.encode());
    assertEquals("dlv_1", d.deliveryId());
    assertEquals(PAYLOAD, d.payload());
    assertNull(d.lastStatusCode());
    assertNull(d.lastLatencyMs());
    assertEquals(7L, d.createdAt());
    assertEquals(7L, d.nextAttemptAt());
    assertEquals(0L, d.lastAttemptAt());
    assertEquals(0L, d.deliveredAt());
  }

  @Test
  void aBrokenRecordIsRefusedNamingWhy() {
    for (String broken :
        new String[] {
          "",
          "[]",
          "{\"delivery_id\":",
          "nope",
          "{\"attempts\":\"3\"}",
          "{\"status\":{}}",
          "{\"created_at\":1.5}"
        }) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Delivery.decode(broken), broken);
      assertEquals(true, e.getMessage().contains("stored delivery"), e.getMessage());
    }
  }
}
