package dev.treue.serving.models;

import dev.treue.core.clv.LifetimeParameters;
import dev.treue.serving.http.ApiException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /v1/models} and {@code POST /v1/admin/models:reload}: the churn model, and beside it the
 * offer model ({@code offers}), each with its last refusal.
 */
public final class ModelRoutes {
  private final ActiveModel<ServingModel> models;
  private final ActiveModel<? extends ModelSource.Versioned> offerModels;

  public ModelRoutes(
      ActiveModel<ServingModel> models, ActiveModel<? extends ModelSource.Versioned> offerModels) {
    this.models = models;
    this.offerModels = offerModels;
  }

  /** What is served and the last refusal (never the registry's path: that is configuration, not API). */
  public void list(RoutingContext ctx) {
    ServingModel m = models.current();
    ActiveModel.Refusal refusal = models.lastRefusal();
    JsonObject body =
        new JsonObject()
            .put("active", m == null ? null : json(m))
            .put(
                "last_refused",
                refusal == null
                    ? null
                    : new JsonObject()
                        .put("version", refusal.version())
                        .put("reason", refusal.reason())
                        .put("at", refusal.at().toString()))
            .put("offers", offers());
    ctx.response().putHeader("Content-Type", "application/json").end(body.encode());
  }

  /**
   * The served churn and offer models' quality: metrics against baselines, calibration, the
   * targeting table and the change against the version registered before, from their bundles.
   */
  public void quality(RoutingContext ctx) {
    ServingModel churn = models.current();
    ModelSource.Versioned offers = offerModels.current();
    ctx.vertx()
        .executeBlocking(
            () ->
                new JsonObject()
                    .put(
                        "churn",
                        ModelQuality.of(
                            models.loader().registry(),
                            models.loader().kind(),
                            churn == null ? null : churn.version()))
                    .put(
                        "offers",
                        ModelQuality.of(
                            offerModels.loader().registry(),
                            offerModels.loader().kind(),
                            offers == null ? null : offers.version())),
            false)
        .onSuccess(
            body -> ctx.response().putHeader("Content-Type", "application/json").end(body.encode()))
        .onFailure(ctx::fail);
  }

  /** The offer model: what is served and the last refusal. */
  private JsonObject offers() {
    ModelSource.Versioned m = offerModels.current();
    ActiveModel.Refusal refusal = offerModels.lastRefusal();
    return new JsonObject()
        .put(
            "active",
            m == null
                ? null
                : new JsonObject().put("version", m.version()).put("model_name", m.modelName()))
        .put(
            "last_refused",
            refusal == null
                ? null
                : new JsonObject()
                    .put("version", refusal.version())
                    .put("reason", refusal.reason())
                    .put("at", refusal.at().toString()));
  }

  /**
   * Loads the churn model's CURRENT now; 422 with the reason when the bundle is refused (the old model
   * keeps serving). The offer model is reloaded too (when its registry has one); its outcome is
   * reported under {@code offers} and never fails the churn reload.
   */
  public void reload(RoutingContext ctx) {
    ServingModel before = models.current();
    models
        .refresh(true, "admin")
        .onSuccess(
            m ->
                offerModels
                    .refresh(true, "admin")
                    .onComplete(
                        offers ->
                            ctx.response()
                                .putHeader("Content-Type", "application/json")
                                .end(
                                    new JsonObject()
                                        .put(
                                            "previous_version",
                                            before == null ? null : before.version())
                                        .put("active", json(m))
                                        .put("offers", offers())
                                        .encode())))
        .onFailure(
            e -> {
              ServingModel still = models.current();
              ctx.fail(
                  e instanceof ModelRefusedException
                      ? new ApiException(
                          422,
                          "model-refused",
                          "Model refused",
                          RefusalText.shown(e.getMessage(), models.loader().registry())
                              + (still == null
                                  ? "; no model is served"
                                  : "; still serving " + still.version()))
                      : e);
            });
  }

  static JsonObject json(ServingModel m) {
    return new JsonObject()
        .put("version", m.version())
        .put("model_name", m.info().modelName())
        .put("horizon_days", m.info().horizonDays())
        .put(
            "feature_spec",
            new JsonObject()
                .put("version", m.info().spec().version())
                .put("hash", m.info().spec().hash()))
        .put("lifetime", new JsonObject(LifetimeParameters.toMap(m.scorer().lifetime())))
        .put("training_base_rate", m.trainingBaseRate())
        .put("auc", Double.isNaN(m.auc()) ? null : m.auc())
        .put("loaded_at", m.loadedAt().toString());
  }
}
