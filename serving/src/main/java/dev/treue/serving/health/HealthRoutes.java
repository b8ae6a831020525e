package dev.treue.serving.health;

import dev.treue.serving.models.ActiveModel;
import dev.treue.serving.models.ServingModel;
import dev.treue.serving.redis.RedisAccess;
import dev.treue.serving.warmup.CodeWarmup;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * {@code /health/live} (the process answers) and {@code /health/ready} (Redis answers a PING within
 * the Redis timeout, a model is loaded and the start's {@link CodeWarmup} has ended). Readiness
 * recovers by itself: every call checks anew.
 */
public final class HealthRoutes {
  private static final Logger LOG = System.getLogger(HealthRoutes.class.getName());

  private final RedisAccess redis;
  private final ActiveModel<ServingModel> models;
  private final CodeWarmup warmup;
  private final Duration timeout;

  public HealthRoutes(
      RedisAccess redis, ActiveModel<ServingModel> models, CodeWarmup warmup, Duration timeout) {
    this.redis = redis;
    this.models = models;
    this.warmup = warmup;
    this.timeout = timeout;
  }

  /**
   * What readiness says about a failed PING: whether it timed out or failed, never the cause's
   * message (this answer needs no key, and Jedis names the Redis host and port); that is logged.
   */
  private String redisError(Throwable cause) {
    LOG.log(Level.WARNING, "readiness: Redis PING failed: " + cause.getMessage());
    return cause instanceof java.util.concurrent.TimeoutException
        ? "no answer to PING within " + timeout.toMillis() * 2 + " ms"
        : "PING failed; see the service log";
  }

  /** Liveness. */
  public void live(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "application/json").end("{\"status\":\"up\"}");
  }

  /** Readiness. */
  public void ready(RoutingContext ctx) {
    long start = System.nanoTime();
    redis
        .run(() -> redis.timed("ping", () -> redis.jedis().ping()))
        .timeout(timeout.toMillis() * 2, java.util.concurrent.TimeUnit.MILLISECONDS)
        .onComplete(
            ping -> {
              ServingModel model = models.current();
              JsonObject redisCheck =
                  ping.succeeded()
                      ? new JsonObject()
                          .put("ok", true)
                          .put("latency_ms", (System.nanoTime() - start) / 1e6)
                      : new JsonObject().put("ok", false).put("error", redisError(ping.cause()));
              JsonObject modelCheck =
                  model == null
                      ? new JsonObject().put("ok", false).put("error", "no churn model loaded")
                      : new JsonObject().put("ok", true).put("version", model.version());
              boolean ready = ping.succeeded() && model != null && warmup.done();
              ctx.response()
                  .setStatusCode(ready ? 200 : 503)
                  .putHeader("Content-Type", "application/json")
                  .end(
                      new JsonObject()
                          .put("status", ready ? "ready" : "not_ready")
                          .put(
                              "checks",
                              new JsonObject()
                                  .put("redis", redisCheck)
                                  .put("model", modelCheck)
                                  .put("warmup", warmup.check()))
                          .encode());
            });
  }
}
