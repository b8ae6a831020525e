package dev.treue.serving.webhooks;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * A webhook subscription as stored: where to post, which trigger kinds, on or off, and the secret
 * that signs deliveries (with the previous secret and the end of its grace after a rotation).
 *
 * @param id the subscription id ({@code wh_} and 24 hex digits)
 * @param url the target
 * @param triggers the trigger kinds wanted, by wire name
 * @param enabled false: no new firings are queued for it, and its pending deliveries wait
 * @param created when it was created
 * @param secret the signing secret (never shown again after the create or rotate answer)
 * @param previousSecret the secret before the last rotation, or null
 * @param previousSecretUntil until when the previous secret still signs, or null
 */
public record Subscription(
    String id,
    String url,
    List<String> triggers,
    boolean enabled,
    Instant created,
    String secret,
    String previousSecret,
    Instant previousSecretUntil) {

  public Subscription {
    triggers = List.copyOf(triggers);
  }

  /** True when the subscription wants firings of that kind. */
  public boolean wants(String kind) {
    return triggers.contains(kind);
  }

  /** The secrets that sign a delivery at that instant: the current one, then the previous in its grace. */
  public List<String> signingSecrets(Instant now) {
    if (previousSecret != null
        && previousSecretUntil != null
        && now.isBefore(previousSecretUntil)) {
      return List.of(secret, previousSecret);
    }
    return List.of(secret);
  }

  /** The stored form, secrets included. */
  public String encode() {
    return view().put("secret", secret).put("previous_secret", previousSecret).encode();
  }

  /** Reads the stored form. */
  public static Subscription decode(String stored) {
    JsonObject o = new JsonObject(stored);
    String until = o.getString("previous_secret_valid_until");
    return new Subscription(
        o.getString("id"),
        o.getString("url"),
        o.getJsonArray("triggers").getList(),
        o.getBoolean("enabled", true),
        Instant.parse(o.getString("created")),
        o.getString("secret"),
        o.getString("previous_secret"),
        until == null ? null : Instant.parse(until));
  }

  /** What the API shows: everything but the secrets. */
  public JsonObject view() {
    JsonObject o =
        new JsonObject()
            .put("id", id)
            .put("url", url)
            .put("triggers", new JsonArray(triggers))
            .put("enabled", enabled)
            .put("created", created.toString());
    if (previousSecretUntil != null) {
      o.put("previous_secret_valid_until", previousSecretUntil.toString());
    }
    return o;
  }
}
