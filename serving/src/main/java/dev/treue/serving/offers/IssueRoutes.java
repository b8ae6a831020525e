package dev.treue.serving.offers;

import dev.treue.serving.auth.ApiKey;
import dev.treue.serving.auth.ApiKeyHandler;
import dev.treue.serving.contract.BodySchema;
import dev.treue.serving.http.ApiException;
import dev.treue.serving.http.FieldError;
import dev.treue.serving.http.JsonBodies;
import dev.treue.serving.metrics.ServingMetrics;
import dev.treue.serving.redis.RedisAccess;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;

/**
 * {@code POST /v1/customers/{id}/offers/{offerId}:issue} with {@code {"request_id": ..., "channel": ...}}:
 * 201 with the grant, 200 with the same grant for a repeated request id, 200 with
 * {@code {"outcome": "held_out"}} for a member of the tenant's control group (nothing issued or spent), 409 problem with a
 * machine-readable {@code reason} when refused, 409 {@code request-id-reused} when the request id
 * belongs to another member or offer (or to an erased member), 404 for an offer the catalogue does
 * not have.
 */
public final class IssueRoutes {
  private final RedisAccess redis;
  private final OfferIssuer issuer;
  private final ServingMetrics metrics;
  private final BodySchema requestSchema;

  public IssueRoutes(
      RedisAccess redis, OfferIssuer issuer, ServingMetrics metrics, BodySchema requestSchema) {
    this.redis = redis;
    this.issuer = issuer;
    this.metrics = metrics;
    this.requestSchema = requestSchema;
  }

  /** The handler. */
  public void issue(RoutingContext ctx) {
    long start = System.nanoTime();
    String customerId = ctx.pathParam("id");
    String offerId = ctx.pathParam("offerId");
    JsonObject body = JsonBodies.object(ctx);
    List<FieldError> problems = requestSchema.problems(body, "");
    if (!problems.isEmpty()) {
      throw ApiException.invalid(problems);
    }
    String requestId = body.getString("request_id");
    String channel = body.getString("channel");
    String wantedChannel = channel == null ? null : channel.toLowerCase(Locale.ROOT);
    ApiKey key = ApiKeyHandler.key(ctx);
    redis
        .run(() -> issuer.issue(key, customerId, offerId, requestId, wantedChannel))
        .onSuccess(
            outcome -> {
              metrics.issued(outcome.outcome(), outcome.repeated(), System.nanoTime() - start);
              if (outcome.heldOut()) {
                ctx.response()
                    .setStatusCode(200)
                    .putHeader("Content-Type", "application/json")
                    .end(outcome.toJson().encode());
                return;
              }
              if (!outcome.granted()) {
                ctx.fail(outcome.problem());
                return;
              }
              ctx.response()
                  .setStatusCode(outcome.repeated() ? 200 : 201)
                  .putHeader("Content-Type", "application/json")
                  .end(outcome.toJson().encode());
            })
        .onFailure(
            e -> {
              if (e instanceof OfferIssuer.UnknownOfferException) {
                metrics.issued("unknown_offer", false, System.nanoTime() - start);
                ctx.fail(OfferRoutes.unknownOffer(offerId));
                return;
              }
              if (e instanceof OfferIssuer.RequestIdReusedException) {
                metrics.issued("request_id_reused", false, System.nanoTime() - start);
                ctx.fail(
                    new ApiException(409, "request-id-reused", "Request id reused", e.getMessage())
                        .with("reason", "request_id_reused")
                        .with("field", "request_id")
                        .with("offer_id", offerId)
                        .with("customer_id", customerId));
                return;
              }
              ctx.fail(e);
            });
  }
}
