package dev.treue.serving.rewards;

import dev.treue.core.i18n.Language;
import dev.treue.core.offers.Ineligibility;
import dev.treue.core.offers.RankedReward;
import dev.treue.core.offers.RewardRanking;
import dev.treue.serving.auth.ApiKey;
import dev.treue.serving.auth.ApiKeyHandler;
import dev.treue.serving.http.ApiException;
import dev.treue.serving.http.RequestLanguage;
import dev.treue.serving.metrics.ServingMetrics;
import dev.treue.serving.models.ActiveModel;
import dev.treue.serving.models.ServingModel;
import dev.treue.serving.offers.OfferJson;
import dev.treue.serving.redis.RedisAccess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /v1/customers/{id}/rewards?channel=&limit=}: the member's ranked, eligible rewards with
 * probability, expected value, explanations and the propensity each was shown with; {@code 503}
 * without an offer model, {@code 409} for a member who opted out of profiling.
 */
public final class RewardsRoutes {
  /** Rewards returned when {@code limit} is not given. */
  public static final int DEFAULT_LIMIT = 3;

  private final RedisAccess redis;
  private final RewardsService service;
  private final ActiveModel<OfferModel> offerModels;
  private final ActiveModel<ServingModel> churnModels;
  private final ServingMetrics metrics;

  public RewardsRoutes(
      RedisAccess redis,
      RewardsService service,
      ActiveModel<OfferModel> offerModels,
      ActiveModel<ServingModel> churnModels,
      ServingMetrics metrics) {
    this.redis = redis;
    this.service = service;
    this.offerModels = offerModels;
    this.churnModels = churnModels;
    this.metrics = metrics;
  }

  /** The handler (parameters already checked against the contract). */
  public void rewards(RoutingContext ctx) {
    answer(ctx, false);
  }

  /**
   * {@code GET /v1/customers/{id}/rewards:preview}: the same ranking for a person looking at the
   * member, neither explored nor logged ({@link RewardsService#preview}).
   */
  public void preview(RoutingContext ctx) {
    answer(ctx, true);
  }

  private void answer(RoutingContext ctx, boolean preview) {
    long start = System.nanoTime();
    ApiKey key = ApiKeyHandler.key(ctx);
    String id = ctx.pathParam("id");
    String channelText = ctx.queryParams().get("channel");
    String channel = channelText == null ? null : channelText.toLowerCase(Locale.ROOT);
    String limitText = ctx.queryParams().get("limit");
    int limit = limitText == null ? DEFAULT_LIMIT : Integer.parseInt(limitText);
    Language language = RequestLanguage.of(ctx, service.language());
    OfferModel offerModel = offerModels.require();
    ServingModel churnModel = churnModels.require();
    redis
        .pipelined(
            "read_member_grants",
            preview
                ? service.preview(key, id, channel, limit, offerModel, churnModel, language)
                : service.rank(key, id, channel, limit, offerModel, churnModel, language))
        .onSuccess(
            served -> {
              if (served.optedOut()) {
                ctx.fail(
                    new ApiException(
                        409,
                        "opted-out",
                        "Member opted out of profiling",
                        "member '"
                            + id
                            + "' opted out of profiling and gets no personalised rewards"));
                return;
              }
              if (!preview) {
                // The rewards metrics count rankings served to members.
                metrics.rewards(
                    served.ranking().coldStart(),
                    served.ranking().rewards().size(),
                    System.nanoTime() - start);
              }
              ctx.response()
                  .putHeader("Content-Type", "application/json")
                  .putHeader("Content-Language", language.wireName())
                  .end(toJson(served, channel).toBuffer());
            })
        .onFailure(ctx::fail);
  }

  static JsonObject toJson(RewardsService.Served served, String channel) {
    RewardRanking ranking = served.ranking();
    JsonArray rewards = new JsonArray();
    for (RankedReward r : ranking.rewards()) {
      rewards.add(
          new JsonObject()
              .put("position", r.position())
              .mergeIn(OfferJson.summary(r.offer()))
              .put("probability", r.probability())
              .put("expected_value", r.expectedValue())
              .put("propensity", r.propensity())
              .put("explored", r.explored())
              .put("explanation", new JsonArray(r.explanation())));
    }
    JsonObject excluded = new JsonObject();
    for (Map.Entry<Ineligibility, Integer> e : ranking.excluded().entrySet()) {
      excluded.put(e.getKey().name().toLowerCase(Locale.ROOT), e.getValue());
    }
    return new JsonObject()
        .put("customer_id", served.customerId())
        .put("ranking_id", served.rankingId())
        .put("preview", served.rankingId() == null)
        .put("model_version", served.offerModel().version())
        .put("churn_model_version", served.churnModel().version())
        // A cold start has no status: nothing is known of the member (its figure is the base rate).
        .put("status", ranking.coldStart() ? null : served.retention().status().wireName())
        .put("churn_probability", served.retention().churnProbability())
        .put("policy", ranking.policy())
        .put("cold_start", ranking.coldStart())
        .put("channel", channel)
        .put("as_of", LocalDate.ofEpochDay(served.day()).toString())
        .put("served_at", Instant.ofEpochMilli(served.servedAtMillis()).toString())
        .put("eligible_count", ranking.eligibleCount())
        .put("excluded", excluded)
        .put("rewards", rewards);
  }
}
