package dev.treue.serving.offers;

import dev.treue.core.offers.Offer;
import dev.treue.serving.auth.ApiKey;
import dev.treue.serving.auth.ApiKeyHandler;
import dev.treue.serving.contract.BodySchema;
import dev.treue.serving.http.ApiException;
import dev.treue.serving.http.FieldError;
import dev.treue.serving.http.JsonBodies;
import dev.treue.serving.redis.RedisAccess;
import dev.treue.store.OfferCatalogStore;
import dev.treue.store.OfferCatalogStore.PutResult;
import dev.treue.store.OfferCatalogStore.Snapshot;
import dev.treue.store.StoredOffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalogue admin operations: list every offer with its status and what is left of its budget,
 * create or change one ({@code PUT}, also bringing a retired offer back), retire one. Changes go
 * to Redis and bump the catalogue version, so every instance picks them up within its cache TTL.
 */
public final class OfferRoutes {
  private final RedisAccess redis;
  private final OfferCatalogCache catalog;
  private final BodySchema offerSchema;

  public OfferRoutes(RedisAccess redis, OfferCatalogCache catalog, BodySchema offerSchema) {
    this.redis = redis;
    this.catalog = catalog;
    this.offerSchema = offerSchema;
  }

  /** {@code GET /v1/offers}: read fresh from Redis (an admin wants what is stored, not a cached copy). */
  public void list(RoutingContext ctx) {
    ApiKey key = ApiKeyHandler.key(ctx);
    redis
        .run(
            () -> {
              OfferCatalogStore store = catalog.store(key.keys());
              Snapshot snapshot = redis.timed("offer_catalog_read", store::read);
              Map<String, Long> left =
                  redis.timed("offer_budgets", () -> store.budgetsLeft(snapshot.offers().keySet()));
              JsonArray offers = new JsonArray();
              for (StoredOffer entry : snapshot.offers().values()) {
                offers.add(OfferJson.of(entry, left.get(entry.offerId())));
              }
              return new JsonObject().put("version", snapshot.version()).put("offers", offers);
            })
        .onSuccess(
            body -> ctx.response().putHeader("Content-Type", "application/json").end(body.encode()))
        .onFailure(ctx::fail);
  }

  /** {@code PUT /v1/offers/{offerId}}: 201 when created, 200 when changed or unchanged. */
  public void put(RoutingContext ctx) {
    String offerId = ctx.pathParam("offerId");
    JsonObject body = JsonBodies.object(ctx);
    List<FieldError> problems = offerSchema.problems(body, "");
    if (!problems.isEmpty()) {
      throw ApiException.invalid(problems);
    }
    Offer offer = OfferJson.parse(offerId, body);
    ApiKey key = ApiKeyHandler.key(ctx);
    redis
        .run(
            () -> {
              OfferCatalogStore store = catalog.store(key.keys());
              PutResult put = redis.timed("offer_catalog_write", () -> store.put(offer));
              catalog.invalidate(key.keys());
              Long left =
                  redis.timed(
                      "offer_budgets", () -> store.budgetsLeft(List.of(offerId)).get(offerId));
              return new Object[] {put, left};
            })
        .onSuccess(
            r -> {
              PutResult put = (PutResult) r[0];
              ctx.response()
                  .setStatusCode(put.created() ? 201 : 200)
                  .putHeader("Content-Type", "application/json")
                  .end(
                      OfferJson.of(put.entry(), (Long) r[1])
                          .put("version", put.version())
                          .encode());
            })
        .onFailure(ctx::fail);
  }

  /** {@code POST /v1/offers/{offerId}:retire}: 200 with the retired entry, 404 when unknown. */
  public void retire(RoutingContext ctx) {
    String offerId = ctx.pathParam("offerId");
    ApiKey key = ApiKeyHandler.key(ctx);
    redis
        .run(
            () -> {
              OfferCatalogStore store = catalog.store(key.keys());
              Optional<StoredOffer> retired =
                  redis.timed("offer_catalog_write", () -> store.retire(offerId));
              catalog.invalidate(key.keys());
              return retired;
            })
        .onSuccess(
            retired -> {
              if (retired.isEmpty()) {
                ctx.fail(unknownOffer(offerId));
                return;
              }
              ctx.response()
                  .putHeader("Content-Type", "application/json")
                  .end(OfferJson.of(retired.get(), null).encode());
            })
        .onFailure(ctx::fail);
  }

  static ApiException unknownOffer(String offerId) {
    return new ApiException(
            404,
            "unknown-offer",
            "Unknown offer",
            "the catalogue has no offer '" + offerId + "'; GET /v1/offers lists them")
        .with("offer_id", offerId);
  }
}
