package dev.treue.serving.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * The body a receiver gets: the delivery's fields and the firing's payload as a JSON object when it
 * is one (spliced in as written, without parsing it into a tree), as text when it is anything else.
 */
class DeliveryBodyTest {
  private static Delivery with(String payload) {
    return Delivery.of(
        "sub_1",
        "first_purchase:c1:1",
        "first_purchase",
        "c1",
        "2026-12-05T10:00:00Z",
        payload,
        false,
        1_000);
  }

  @Test
  void anObjectPayloadArrivesAsTheSameObject() {
    String payload =
        "{\"churn_probability\":0.123456789012345,\"reasons\":[{\"code\":\"ä \\\"x\\\"\"}],"
            + "\"clv\":1.0E-7,\"nested\":{\"a\":[1,2,{\"b\":null}]},\"big\":12345678901234567890}";
    JsonObject body = new JsonObject(with(payload).body());
    assertEquals(new JsonObject(payload), body.getJsonObject("payload"));
    assertEquals("first_purchase:c1:1", body.getString("event_id"));
    assertEquals(with(payload).deliveryId(), body.getString("delivery_id"));
    assertEquals("c1", body.getString("customer_id"));
    assertEquals(6, body.size());
  }

  @Test
  void anythingButOneObjectArrivesAsText() {
    for (String payload :
        new String[] {"{", "[1,2]", "\"text\"", "{} {}", "{\"a\":1}x", "{\"a\":}", "12", "nope"}) {
      JsonObject body = new JsonObject(with(payload).body());
      assertEquals(payload, body.getString("payload"), payload);
    }
  }

  @Test
  void noPayloadArrivesAsNull() {
    for (String payload : new String[] {null, "", "  "}) {
      JsonObject body = new JsonObject(with(payload).body());
      assertNull(body.getValue("payload"));
      assertEquals(6, body.size(), "payload present as null");
    }
  }
}
