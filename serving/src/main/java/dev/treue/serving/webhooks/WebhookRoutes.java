package dev.treue.serving.webhooks;

import dev.treue.serving.auth.ApiKeyHandler;
import dev.treue.serving.contract.BodySchema;
import dev.treue.serving.http.ApiException;
import dev.treue.serving.http.FieldError;
import dev.treue.serving.http.JsonBodies;
import dev.treue.serving.redis.RedisAccess;
import dev.treue.store.RedisKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * {@code /v1/webhooks}: create (the secret shown once), list, read, change, delete, rotate the
 * secret, read the delivery log and replay a delivery. The URL is checked by {@link WebhookTarget}
 * before anything is stored; the trigger kinds by the contract's enum.
 */
public final class WebhookRoutes {
  /** Subscriptions a tenant may have. */
  public static final int MAX_SUBSCRIPTIONS = 100;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final RedisAccess redis;
  private final WebhookStore store;
  private final WebhookTarget target;
  private final Duration secretGrace;
  private final Clock clock;
  private final BodySchema inputSchema;

  public WebhookRoutes(
      RedisAccess redis,
      WebhookStore store,
      WebhookTarget target,
      Duration secretGrace,
      Clock clock,
      BodySchema inputSchema) {
    this.redis = redis;
    this.store = store;
    this.target = target;
    this.secretGrace = secretGrace;
    this.clock = clock;
    this.inputSchema = inputSchema;
  }

  /** {@code POST /v1/webhooks}: 201 with the subscription and its secret (shown only here). */
  public void create(RoutingContext ctx) {
    Input input = input(ctx);
    RedisKeys keys = ApiKeyHandler.key(ctx).keys();
    redis
        .run(
            () -> {
              checkUrl(input.url());
              if (redis.timed("webhooks_count", () -> store.count(keys)) >= MAX_SUBSCRIPTIONS) {
                throw new ApiException(
                    409,
                    "too-many-webhooks",
                    "Too many webhooks",
                    "a tenant may have at most "
                        + MAX_SUBSCRIPTIONS
                        + " webhook subscriptions; delete one first");
              }
              Subscription s =
                  new Subscription(
                      newId(),
                      input.url(),
                      input.triggers(),
                      input.enabled(),
                      clock.instant(),
                      WebhookSignature.newSecret(),
                      null,
                      null);
              redis.timed(
                  "webhooks_write",
                  () -> {
                    store.put(keys, s);
                    return null;
                  });
              return s;
            })
        .onSuccess(
            s -> {
              ctx.response().putHeader("Location", "/v1/webhooks/" + s.id());
              send(ctx, 201, s.view().put("secret", s.secret()));
            })
        .onFailure(ctx::fail);
  }

  /** {@code GET /v1/webhooks}. */
  public void list(RoutingContext ctx) {
    RedisKeys keys = ApiKeyHandler.key(ctx).keys();
    redis
        .run(() -> redis.timed("webhooks_read", () -> store.list(keys)))
        .onSuccess(
            subs -> {
              JsonArray out = new JsonArray();
              subs.forEach(s -> out.add(s.view()));
              send(ctx, 200, new JsonObject().put("webhooks", out));
            })
        .onFailure(ctx::fail);
  }

  /** {@code GET /v1/webhooks/{webhookId}}. */
  public void get(RoutingContext ctx) {
    String id = ctx.pathParam("webhookId");
    RedisKeys keys = ApiKeyHandler.key(ctx).keys();
    redis
        .run(() -> existing(keys, id))
        .onSuccess(s -> send(ctx, 200, s.view()))
        .onFailure(ctx::fail);
  }

  /** {@code PUT /v1/webhooks/{webhookId}}: replaces url, triggers and enabled; the secret stays. */
  public void put(RoutingContext ctx) {
    String id = ctx.pathParam("webhookId");
    Input input = input(ctx);
    RedisKeys keys = ApiKeyHandler.key(ctx).keys();
    redis
        .run(
            () -> {
              checkUrl(input.url());
              Subscription old = existing(keys, id);
              Subscription s =
                  new Subscription(
                      id,
                      input.url(),
                      input.triggers(),
                      input.enabled(),
                      old.created(),
                      old.secret(),
                      old.previousSecret(),
                      old.previousSecretUntil());
              redis.timed(
                  "webhooks_write",
                  () -> {
                    store.put(keys, s);
                    return null;
                  });
              return s;
            })
        .onSuccess(s -> send(ctx, 200, s.view()))
        .onFailure(ctx::fail);
  }

  /** {@code DELETE /v1/webhooks/{webhookId}}: 204; its log and dead letters go with it. */
  public void delete(RoutingContext ctx) {
    String id = ctx.pathParam("webhookId");
    RedisKeys keys = ApiKeyHandler.key(ctx).keys();
    redis
        .run(() -> redis.timed("webhooks_write", () -> store.delete(keys, id)))
        .onSuccess(
            deleted -> {
              if (deleted) {
                ctx.response().setStatusCode(204).end();
              } else {
                ctx.fail(unknown(id));
              }
            })
        .onFailure(ctx::fail);
  }

  /**
   * {@code POST /v1/webhooks/{webhookId}:rotate-secret}: a new secret (shown only here); the old one
   * still signs, as a second signature, for {@code webhook_secret_grace}.
   */
  public void rotate(RoutingContext ctx) {
    String id = ctx.pathParam("webhookId");
    RedisKeys keys = ApiKeyHandler.key(ctx).keys();
    redis
        .run(
            () -> {
              Subscription old = existing(keys, id);
              Instant now = clock.instant();
              boolean grace = !secretGrace.isZero();
              Subscription s =
                  new Subscription(
                      id,
                      old.url(),
                      old.triggers(),
                      old.enabled(),
                      old.created(),
                      WebhookSignature.newSecret(),
                      grace ? old.secret() : null,
                      grace ? now.plus(secretGrace) : null);
              redis.timed(
                  "webhooks_write",
                  () -> {
                    store.put(keys, s);
                    return null;
                  });
              return s;
            })
        .onSuccess(s -> send(ctx, 200, s.view().put("secret", s.secret())))
        .onFailure(ctx::fail);
  }

  /** {@code GET /v1/webhooks/{webhookId}/deliveries}: the newest first, {@code status} and {@code limit} optional. */
  public void deliveries(RoutingContext ctx) {
    String id = ctx.pathParam("webhookId");
    String status = ctx.queryParams().get("status");
    String rawLimit = ctx.queryParams().get("limit");
    int limit = rawLimit == null ? 100 : Integer.parseInt(rawLimit);
    RedisKeys keys = ApiKeyHandler.key(ctx).keys();
    redis
        .run(
            () -> {
              existing(keys, id);
              return redis.timed(
                  "webhooks_deliveries", () -> store.deliveries(keys, id, status, limit));
            })
        .onSuccess(
            list -> {
              JsonArray out = new JsonArray();
              list.forEach(d -> out.add(d.view()));
              send(ctx, 200, new JsonObject().put("webhook_id", id).put("deliveries", out));
            })
        .onFailure(ctx::fail);
  }

  /** {@code POST /v1/webhooks/{webhookId}/deliveries/{deliveryId}:replay}: 202, due again now. */
  public void replay(RoutingContext ctx) {
    String id = ctx.pathParam("webhookId");
    String deliveryId = ctx.pathParam("deliveryId");
    RedisKeys keys = ApiKeyHandler.key(ctx).keys();
    redis
        .run(
            () -> {
              existing(keys, id);
              Optional<Delivery> d =
                  redis.timed(
                      "webhooks_replay", () -> store.replay(keys, id, deliveryId, clock.millis()));
              return d.orElseThrow(
                  () ->
                      new ApiException(
                              404,
                              "unknown-delivery",
                              "Unknown delivery",
                              "webhook '"
                                  + id
                                  + "' has no delivery '"
                                  + deliveryId
                                  + "'; GET /v1/webhooks/"
                                  + id
                                  + "/deliveries lists them")
                          .with("delivery_id", deliveryId));
            })
        .onSuccess(d -> send(ctx, 202, d.view()))
        .onFailure(ctx::fail);
  }

  private Subscription existing(RedisKeys keys, String id) {
    return redis.timed("webhooks_read", () -> store.get(keys, id)).orElseThrow(() -> unknown(id));
  }

  private void checkUrl(String url) {
    try {
      target.check(url);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("url", e.getMessage());
    }
  }

  private record Input(String url, List<String> triggers, boolean enabled) {}

  private Input input(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx);
    List<FieldError> problems = inputSchema.problems(body, "");
    if (!problems.isEmpty()) {
      throw ApiException.invalid(problems);
    }
    List<String> triggers =
        new ArrayList<>(new LinkedHashSet<>(body.getJsonArray("triggers").getList()));
    return new Input(body.getString("url"), triggers, body.getBoolean("enabled", true));
  }

  private static String newId() {
    byte[] b = new byte[12];
    RANDOM.nextBytes(b);
    return "wh_" + HexFormat.of().formatHex(b);
  }

  static ApiException unknown(String id) {
    return new ApiException(
            404,
            "unknown-webhook",
            "Unknown webhook",
            "the tenant has no webhook '" + id + "'; GET /v1/webhooks lists them")
        .with("webhook_id", id);
  }

  private static void send(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(body.encode());
  }
}
