package dev.treue.serving.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import dev.treue.store.RedisKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;

/** Test helpers: firings written to the trigger stream in the contract's format, HMAC, waiting. */
final class Firings {
  private Firings() {}

  /** Subscribes the acme tenant's receiver at {@code url} to one trigger kind; the new id. */
  static String subscribe(TestService service, String url, String kind) {
    Http.Reply r =
        service
            .http()
            .post(
                "/v1/webhooks",
                new JsonObject().put("url", url).put("triggers", new JsonArray().add(kind)));
    assertEquals(201, r.status(), r.toString());
    return r.json().getString("id");
  }

  /** XADDs a firing as the trigger relay writes it. */
  static void add(
      UnifiedJedis jedis,
      RedisKeys keys,
      String firingId,
      String kind,
      String customer,
      boolean heldOut) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("firing_id", firingId);
    f.put("kind", kind);
    f.put("customer_id", customer);
    f.put("fired_at", "2024-06-30T10:15:00Z");
    f.put("held_out", Boolean.toString(heldOut));
    f.put("payload", payload(customer).encode());
    jedis.xadd(keys.triggerStream(), StreamEntryID.NEW_ENTRY, f);
  }

  static JsonObject payload(String customer) {
    return new JsonObject()
        .put("churn_probability", 0.72)
        .put("risk_band", "high")
        .put("reasons", new io.vertx.core.json.JsonArray().add("no purchase for 90 days"))
        .put("clv", 310.5)
        .put("value_at_risk", 223.56)
        .put(
            "best_reward",
            new JsonObject().put("offer_id", "o-" + customer).put("expected_value", 4.2));
  }

  /** Hex HMAC-SHA256 of {@code timestamp.body}, written out here apart from the service's code. */
  static String hmac(String secret, String timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of()
          .formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Waits until the condition holds, failing after the timeout. */
  static void await(String what, long timeoutMillis, BooleanSupplier condition) {
    long end = System.currentTimeMillis() + timeoutMillis;
    while (!condition.getAsBoolean()) {
      assertTrue(System.currentTimeMillis() < end, "timed out waiting for " + what);
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
