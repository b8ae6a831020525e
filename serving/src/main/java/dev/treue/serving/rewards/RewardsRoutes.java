package dev.treue.serving.rewards;

import dev.treue.core.i18n.Language;
import dev.treue.core.offers.Ineligibility;
import dev.treue.core.offers.RankedReward;
import dev.treue.core.offers.RewardRanking;
import dev.treue.serving.auth.ApiKey;
import dev.treue.serving.auth.ApiKeyHandler;
import dev.treue.serving.http.ApiException;
import dev.treue.serving.http.JsonOut;
import dev.treue.serving.http.RequestLanguage;
import dev.treue.serving.metrics.ServingMetrics;
import dev.treue.serving.models.ActiveModel;
import dev.treue.serving.models.ServingModel;
import dev.treue.serving.offers.OfferJson;
import dev.treue.serving.redis.RedisAccess;
import io.vertx.core.buffer.Buffer;
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
                  .end(body(served, channel));
            })
        .onFailure(ctx::fail);
  }

  /**
   * The answer's body, written straight to bytes ({@link JsonOut}): fields in the order a {@code
   * JsonObject} built the same way would hold them, with the same bytes.
   */
  static Buffer body(RewardsService.Served served, String channel) {
    RewardRanking ranking = served.ranking();
    JsonOut out = new JsonOut(512 + 512 * ranking.rewards().size());
    out.startObject()
        .field("customer_id", served.customerId())
        .field("ranking_id", served.rankingId())
        .field("preview", served.rankingId() == null)
        .field("model_version", served.offerModel().version())
        .field("churn_model_version", served.churnModel().version())
        // A cold start has no status: nothing is known of the member (its figure is the base rate).
        .field("status", ranking.coldStart() ? null : served.retention().status().wireName())
        .field("churn_probability", served.retention().churnProbability())
        .field("policy", ranking.policy())
        .field("cold_start", ranking.coldStart())
        .field("channel", channel)
        .field("as_of", LocalDate.ofEpochDay(served.day()).toString())
        .field("served_at", Instant.ofEpochMilli(served.servedAtMillis()).toString())
        .field("eligible_count", ranking.eligibleCount())
        .startObject("excluded");
    for (Map.Entry<Ineligibility, Integer> e : ranking.excluded().entrySet()) {
      out.field(e.getKey().name().toLowerCase(Locale.ROOT), e.getValue());
    }
    out.endObject().startArray("rewards");
    for (RankedReward r : ranking.rewards()) {
      out.startObject().field("position", r.position());
      OfferJson.summary(r.offer(), out::field);
      out.field("probability", r.probability())
          .field("expected_value", r.expectedValue())
          .field("propensity", r.propensity())
          .field("explored", r.explored())
          .field("explanation", r.explanation())
          .endObject();
    }
    return out.endArray().endObject().toBuffer();
  }
}
