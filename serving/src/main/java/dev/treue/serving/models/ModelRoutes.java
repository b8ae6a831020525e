package dev.treue.serving.models;

import dev.treue.serving.http.ApiException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /v1/models} and {@code POST /v1/admin/models:reload}. */
public final class ModelRoutes {
  private final ActiveModel models;

  public ModelRoutes(ActiveModel models) {
    this.models = models;
  }

  /** What is served, what the registry points at, and the last refusal. */
  public void list(RoutingContext ctx) {
    ServingModel m = models.current();
    ActiveModel.Refusal refusal = models.lastRefusal();
    JsonObject body = new JsonObject()
        .put("registry", models.loader().registry().toString())
        .put("active", m == null ? null : json(m))
        .put("last_refused", refusal == null ? null : new JsonObject().put("version", refusal.version())
            .put("reason", refusal.reason()).put("at", refusal.at().toString()));
    ctx.response().putHeader("Content-Type", "application/json").end(body.encode());
  }

  /** Loads CURRENT now; 422 with the reason when the bundle is refused (the old model keeps serving). */
  public void reload(RoutingContext ctx) {
    ServingModel before = models.current();
    models.refresh(true, "admin").onSuccess(m -> ctx.response().putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("previous_version", before == null ? null : before.version())
            .put("active", json(m)).encode()))
        .onFailure(e -> {
          ServingModel still = models.current();
          ctx.fail(e instanceof ModelRefusedException ? new ApiException(422, "model-refused", "Model refused",
              e.getMessage() + (still == null ? "; no model is served" : "; still serving " + still.version())) : e);
        });
  }

  static JsonObject json(ServingModel m) {
    return new JsonObject()
        .put("version", m.version())
        .put("model_name", m.info().modelName())
        .put("horizon_days", m.info().horizonDays())
        .put("feature_spec", new JsonObject().put("version", m.info().spec().version())
            .put("hash", m.info().spec().hash()))
        .put("base_rate", m.baseRate())
        .put("auc", Double.isNaN(m.auc()) ? null : m.auc())
        .put("loaded_at", m.loadedAt().toString());
  }
}
