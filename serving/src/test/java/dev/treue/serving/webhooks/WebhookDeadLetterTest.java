package dev.treue.serving.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import dev.treue.store.RedisKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A delivery that keeps failing past {@code webhook_give_up_after} is a dead letter; replay sends it again. */
class WebhookDeadLetterTest {
  private static TestService service;

  @BeforeAll
  static void start() {
    service =
        TestService.start(
            new JsonObject()
                .put("webhook_allow_private_targets", true)
                .put("webhook_poll_interval", "PT0.05S")
                .put("webhook_first_retry", "PT0.05S")
                .put("webhook_max_retry_interval", "PT0.2S")
                .put("webhook_timeout", "PT0.5S")
                .put("webhook_give_up_after", "PT1S"));
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void aDeliveryFailingTooLongIsADeadLetterAndReplayDeliversItWithTheSameId() {
    RedisKeys keys = TestService.keys("acme");
    Http http = service.http(TestService.ACME_ALL);
    try (TestReceiver receiver = new TestReceiver(n -> new TestReceiver.Answer(503, 0))) {
      Http.Reply created =
          http.post(
              "/v1/webhooks",
              new JsonObject()
                  .put("url", receiver.url())
                  .put("triggers", new JsonArray().add("became_lapsed")));
      assertEquals(201, created.status(), created.toString());
      String id = created.json().getString("id");
      Firings.add(service.jedis, keys, "became_lapsed:d-1:1", "became_lapsed", "d-1", false);
      String dead = "/v1/webhooks/" + id + "/deliveries?status=dead";
      Firings.await(
          "the dead letter",
          15_000,
          () -> http.get(dead).json().getJsonArray("deliveries").size() == 1);
      JsonObject letter = http.get(dead).json().getJsonArray("deliveries").getJsonObject(0);
      assertEquals(503, letter.getInteger("last_status_code"));
      assertTrue(letter.getInteger("attempts") >= 2, letter.encode());
      int attempts = receiver.received().size();
      assertEquals(letter.getInteger("attempts"), attempts, "every attempt reached the receiver");
      assertEquals(0, service.jedis.zcard(keys.webhookDue()), "a dead letter is no longer due");

      receiver.behave(n -> new TestReceiver.Answer(200, 0));
      String deliveryId = letter.getString("delivery_id");
      Http.Reply replay =
          http.post("/v1/webhooks/" + id + "/deliveries/" + deliveryId + ":replay", "");
      assertEquals(202, replay.status(), replay.toString());
      Firings.await(
          "the replayed delivery",
          10_000,
          () ->
              "delivered"
                  .equals(
                      http.get("/v1/webhooks/" + id + "/deliveries")
                          .json()
                          .getJsonArray("deliveries")
                          .getJsonObject(0)
                          .getString("status")));
      TestReceiver.Received last = receiver.received().get(receiver.received().size() - 1);
      assertEquals(deliveryId, last.json().getString("delivery_id"));
      assertEquals(200, last.answered());
      assertEquals(
          0, http.get(dead).json().getJsonArray("deliveries").size(), "no longer a dead letter");
    }
  }
}
