package dev.treue.serving.health;

import dev.treue.serving.models.ActiveModel;
import dev.treue.serving.models.ServingModel;
import dev.treue.serving.redis.RedisAccess;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * {@code /health/live} (the process answers) and {@code /health/ready} (Redis answers a PING within
 * the Redis timeout and a model is loaded). Readiness recovers by itself: every call checks anew.
 */
public final class HealthRoutes {
  private final RedisAccess redis;
  private final ActiveModel<ServingModel> models;
  private final Duration timeout;

  public HealthRoutes(RedisAccess redis, ActiveModel<ServingModel> models, Duration timeout) {
    this.redis = redis;
    this.models = models;
    this.timeout = timeout;
  }

  /** Liveness. */
  public void live(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "application/json").end("{\"status\":\"up\"}");
  }

  /** Readiness. */
  public void ready(RoutingContext ctx) {
    long start = System.nanoTime();
    redis.run(() -> redis.timed("ping", () -> redis.jedis().ping()))
        .timeout(timeout.toMillis() * 2, java.util.concurrent.TimeUnit.MILLISECONDS)
        .onComplete(ping -> {
          ServingModel model = models.current();
          JsonObject redisCheck = ping.succeeded()
              ? new JsonObject().put("ok", true).put("latency_ms", (System.nanoTime() - start) / 1e6)
              : new JsonObject().put("ok", false).put("error", String.valueOf(ping.cause().getMessage()));
          JsonObject modelCheck = model == null
              ? new JsonObject().put("ok", false).put("error", "no churn model loaded")
              : new JsonObject().put("ok", true).put("version", model.version());
          boolean ready = ping.succeeded() && model != null;
          ctx.response().setStatusCode(ready ? 200 : 503).putHeader("Content-Type", "application/json")
              .end(new JsonObject().put("status", ready ? "ready" : "not_ready")
                  .put("checks", new JsonObject().put("redis", redisCheck).put("model", modelCheck)).encode());
        });
  }
}
