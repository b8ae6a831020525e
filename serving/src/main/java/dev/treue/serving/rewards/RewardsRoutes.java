package dev.treue.serving.rewards;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.treue.core.i18n.Language;
import dev.treue.core.offers.Ineligibility;
import dev.treue.core.offers.RankedReward;
import dev.treue.core.offers.RewardRanking;
import dev.treue.serving.auth.ApiKey;
import dev.treue.serving.auth.ApiKeyHandler;
import dev.treue.serving.http.ApiException;
import dev.treue.serving.http.RequestLanguage;
import dev.treue.serving.http.ResponseJson;
import dev.treue.serving.metrics.ServingMetrics;
import dev.treue.serving.models.ActiveModel;
import dev.treue.serving.models.ServingModel;
import dev.treue.serving.offers.OfferJson;
import dev.treue.serving.redis.RedisAccess;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
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
              ResponseJson.end(ctx.response(), language, g -> writeJson(g, served, channel));
            })
        .onFailure(ctx::fail);
  }

  /** Writes the answer's body. */
  static void writeJson(JsonGenerator g, RewardsService.Served served, String channel)
      throws IOException {
    RewardRanking ranking = served.ranking();
    g.writeStartObject();
    g.writeStringField("customer_id", served.customerId());
    g.writeStringField("ranking_id", served.rankingId());
    g.writeBooleanField("preview", served.rankingId() == null);
    g.writeStringField("model_version", served.offerModel().version());
    g.writeStringField("churn_model_version", served.churnModel().version());
    // A cold start has no status: nothing is known of the member (its figure is the base rate).
    g.writeStringField(
        "status", ranking.coldStart() ? null : served.retention().status().wireName());
    ResponseJson.number(g, "churn_probability", served.retention().churnProbability());
    g.writeStringField("policy", ranking.policy());
    g.writeBooleanField("cold_start", ranking.coldStart());
    g.writeStringField("channel", channel);
    g.writeStringField("as_of", LocalDate.ofEpochDay(served.day()).toString());
    g.writeStringField("served_at", Instant.ofEpochMilli(served.servedAtMillis()).toString());
    g.writeNumberField("eligible_count", ranking.eligibleCount());
    g.writeObjectFieldStart("excluded");
    for (Map.Entry<Ineligibility, Integer> e : ranking.excluded().entrySet()) {
      g.writeNumberField(e.getKey().name().toLowerCase(Locale.ROOT), e.getValue());
    }
    g.writeEndObject();
    g.writeArrayFieldStart("rewards");
    for (RankedReward r : ranking.rewards()) {
      g.writeStartObject();
      g.writeNumberField("position", r.position());
      ResponseJson.fields(g, OfferJson.summary(r.offer()));
      g.writeNumberField("probability", r.probability());
      g.writeNumberField("expected_value", r.expectedValue());
      g.writeNumberField("propensity", r.propensity());
      g.writeBooleanField("explored", r.explored());
      ResponseJson.strings(g, "explanation", r.explanation());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }
}
