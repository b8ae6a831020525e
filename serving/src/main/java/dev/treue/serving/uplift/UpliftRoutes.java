package dev.treue.serving.uplift;

import dev.treue.serving.auth.ApiKey;
import dev.treue.serving.auth.ApiKeyHandler;
import dev.treue.serving.http.ApiException;
import dev.treue.serving.redis.RedisAccess;
import dev.treue.store.UpliftDocuments;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /v1/uplift}: the tenant's uplift document ({@link UpliftDocuments}, written whole by {@code ./treue
 * uplift --redis}), as stored: treated against held out overall and per trigger kind, each metric with its
 * interval and verdict. A tenant without one gets a 404 problem saying how to compute it.
 */
public final class UpliftRoutes {
  private final RedisAccess redis;
  private final UpliftDocuments documents;

  public UpliftRoutes(RedisAccess redis) {
    this.redis = redis;
    this.documents = new UpliftDocuments(redis.jedis());
  }

  /** The handler. */
  public void get(RoutingContext ctx) {
    ApiKey key = ApiKeyHandler.key(ctx);
    redis
        .run(() -> redis.timed("uplift_document", () -> documents.get(key.keys())))
        .map(
            stored ->
                stored.orElseThrow(
                    () ->
                        new ApiException(
                            404,
                            "no-uplift",
                            "No uplift",
                            "no uplift computed yet for tenant "
                                + key.tenant()
                                + "; run ./treue uplift --data DIR --from DATE --to DATE --holdout-share S"
                                + " --salt X --redis URL --tenant "
                                + key.tenant())))
        .onSuccess(doc -> ctx.response().putHeader("Content-Type", "application/json").end(doc))
        .onFailure(ctx::fail);
  }
}
