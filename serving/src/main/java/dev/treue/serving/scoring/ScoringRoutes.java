package dev.treue.serving.scoring;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.feature.ChurnFeatures;
import dev.treue.core.feature.FeatureSpec;
import dev.treue.core.i18n.Language;
import dev.treue.serving.auth.ApiKey;
import dev.treue.serving.auth.ApiKeyHandler;
import dev.treue.serving.contract.BodySchema;
import dev.treue.serving.http.ApiException;
import dev.treue.serving.http.FieldError;
import dev.treue.serving.http.JsonBodies;
import dev.treue.serving.http.RequestLanguage;
import dev.treue.serving.http.ResponseJson;
import dev.treue.serving.members.OffersIssuedJson;
import dev.treue.serving.members.TimelineJson;
import dev.treue.serving.metrics.ServingMetrics;
import dev.treue.serving.models.ActiveModel;
import dev.treue.serving.models.ServingModel;
import dev.treue.serving.offers.OfferCatalogCache;
import dev.treue.serving.redis.PipelinedPasses;
import dev.treue.serving.redis.RedisAccess;
import dev.treue.store.MemberReader;
import dev.treue.store.StoredMember;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Handlers of the scoring operations: one member's churn risk, a batch, and the feature vector.
 * One member's churn risk goes in the pipeline concurrent requests share ({@link
 * RedisAccess#pipelined}) and is scored on the reader thread that got the reply; the others read
 * Redis once on the worker pool (one {@code MGET}, or one pipeline for a batch), score there too.
 * All answer on the event loop.
 */
public final class ScoringRoutes {
  private final RedisAccess redis;
  private final MemberReader reader;
  private final OfferCatalogCache catalog;
  private final ActiveModel<ServingModel> models;
  private final ChurnRiskService service;
  private final ServingMetrics metrics;
  private final RiskMetrics riskMetrics;
  private final BodySchema batchSchema;

  /** @param reader the service's one member reader */
  /**
   * @param catalog the tenants' offer catalogues, for the offers a member was issued (timeline)
   */
  public ScoringRoutes(
      RedisAccess redis,
      MemberReader reader,
      OfferCatalogCache catalog,
      ActiveModel<ServingModel> models,
      ChurnRiskService service,
      ServingMetrics metrics,
      BodySchema batchSchema) {
    this.redis = redis;
    this.catalog = catalog;
    this.reader = reader;
    this.models = models;
    this.service = service;
    this.metrics = metrics;
    this.riskMetrics = new RiskMetrics(metrics);
    this.batchSchema = batchSchema;
  }

  /** {@code GET /v1/customers/{id}/churn-risk}. */
  public void churnRisk(RoutingContext ctx) {
    long start = System.nanoTime();
    ApiKey key = ApiKeyHandler.key(ctx);
    String id = ctx.pathParam("id");
    Language language = RequestLanguage.of(ctx, service.language());
    ServingModel model = models.require();
    redis
        .pipelined(
            "read_member",
            pipeline -> {
              Supplier<StoredMember> read = MemberReader.read(pipeline, key.keys(), id);
              return () -> {
                List<StoredMember> member = List.of(read.get());
                List<ChurnRisk> risk = service.assess(model, member, language);
                riskMetrics.record(member, risk);
                return PipelinedPasses.Outcome.answer(risk.get(0));
              };
            })
        .onSuccess(
            risk -> {
              metrics.scored(false, System.nanoTime() - start);
              if (risk.optedOut()) {
                ctx.fail(optedOut(id));
                return;
              }
              ResponseJson.end(ctx.response(), language, risk::writeJson);
            })
        .onFailure(ctx::fail);
  }

  /** {@code POST /v1/churn-risk:batch}. */
  public void batch(RoutingContext ctx) {
    long start = System.nanoTime();
    JsonObject body = JsonBodies.object(ctx);
    List<FieldError> problems = batchSchema.problems(body, "");
    if (!problems.isEmpty()) {
      throw ApiException.invalid(problems);
    }
    JsonArray array = body.getJsonArray("customer_ids");
    List<String> ids = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      ids.add(array.getString(i));
    }
    ApiKey key = ApiKeyHandler.key(ctx);
    Language language = RequestLanguage.of(ctx, service.language());
    ServingModel model = models.require();
    redis
        .run(
            () -> {
              List<StoredMember> members =
                  redis.timed("read_members", () -> reader.readAll(key.keys(), ids));
              List<ChurnRisk> risks = service.assess(model, members, language);
              riskMetrics.record(members, risks);
              return risks;
            })
        .onSuccess(
            risks -> {
              metrics.scored(true, System.nanoTime() - start);
              ResponseJson.end(
                  ctx.response(),
                  language,
                  g -> {
                    g.writeStartObject();
                    g.writeStringField("model_version", model.version());
                    g.writeArrayFieldStart("results");
                    for (ChurnRisk r : risks) {
                      r.writeJson(g);
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                  });
            })
        .onFailure(ctx::fail);
  }

  /**
   * {@code GET /v1/customers/{id}/features?as_of=}: what the service computes, for parity tests. The
   * lifetime features come from the active churn model's lifetime model, as the model sees them;
   * without a loaded model they stay 0 and {@code model_version} is null.
   */
  public void features(RoutingContext ctx) {
    ApiKey key = ApiKeyHandler.key(ctx);
    ServingModel model = models.current();
    String id = ctx.pathParam("id");
    String asOfText = ctx.queryParams().get("as_of");
    int asOfDay;
    try {
      asOfDay =
          asOfText == null
              ? service.today()
              : Math.toIntExact(LocalDate.parse(asOfText).toEpochDay());
    } catch (java.time.DateTimeException e) {
      throw ApiException.invalid(
          "as_of", "'" + asOfText + "' is not a calendar date; expected YYYY-MM-DD");
    }
    readStored(
        ctx,
        key,
        id,
        member -> {
          CustomerState state = member.customerState();
          int latest = state.latestDay();
          if (latest != CustomerState.NONE && asOfDay < latest) {
            ctx.fail(
                new ApiException(
                    422,
                    "as-of-before-state",
                    "as_of precedes the stored state",
                    "as_of "
                        + LocalDate.ofEpochDay(asOfDay)
                        + " is before the member's latest event day "
                        + LocalDate.ofEpochDay(latest)
                        + "; the stored state cannot be rewound, expected as_of >= "
                        + LocalDate.ofEpochDay(latest)));
            return;
          }
          double[] values = service.features(model, state, asOfDay);
          FeatureSpec spec = ChurnFeatures.SPEC;
          JsonObject features = new JsonObject();
          for (int i = 0; i < values.length; i++) {
            features.put(spec.names().get(i), values[i]);
          }
          Long stateAsOf = ChurnRiskService.stateAsOf(member.state());
          ctx.response()
              .putHeader("Content-Type", "application/json")
              .end(
                  new JsonObject()
                      .put("customer_id", id)
                      .put("as_of", LocalDate.ofEpochDay(asOfDay).toString())
                      .put("spec_version", spec.version())
                      .put("spec_hash", spec.hash())
                      .put("model_version", model == null ? null : model.version())
                      .put(
                          "state_as_of",
                          stateAsOf == null
                              ? null
                              : java.time.Instant.ofEpochMilli(stateAsOf).toString())
                      .put("features", features)
                      .encode());
        });
  }

  /**
   * {@code GET /v1/customers/{id}/timeline}: the member's weekly activity over the retained window,
   * with tier progress and the offers the service issued them ({@link OffersIssuedJson}), for the
   * dashboard's member page. The member and its grants are one read (one slot).
   */
  public void timeline(RoutingContext ctx) {
    ApiKey key = ApiKeyHandler.key(ctx);
    String id = ctx.pathParam("id");
    String weeksText = ctx.queryParams().get("weeks");
    int weeks = TimelineJson.DEFAULT_WEEKS;
    if (weeksText != null) {
      try {
        weeks = Integer.parseInt(weeksText);
      } catch (NumberFormatException e) {
        weeks = -1;
      }
      if (weeks < 1 || weeks > TimelineJson.MAX_WEEKS) {
        throw ApiException.invalid(
            "weeks",
            "'"
                + weeksText
                + "' is not a whole number of weeks from 1 to "
                + TimelineJson.MAX_WEEKS);
      }
    }
    int shown = weeks;
    AtomicReference<JsonArray> issued = new AtomicReference<>();
    readStored(
        ctx,
        id,
        () -> {
          MemberReader.WithGrants read =
              redis.timed("read_member", () -> reader.readWithGrants(key.keys(), id));
          issued.set(
              read.member().known() && !read.member().optedOut()
                  ? OffersIssuedJson.of(read.grants(), catalog.view(key.keys()).catalog())
                  : null);
          return read.member();
        },
        member -> {
          CustomerState state = member.customerState();
          // The member's own latest day when it lies ahead of the service's today (a replayed
          // history), so the timeline always ends at the newest activity.
          int asOf = Math.max(service.today(), state.latestDay());
          // The tier's spend window only: the base features, no model and no lifetime fit.
          double[] features = ChurnFeatures.compute(state, asOf);
          ctx.response()
              .putHeader("Content-Type", "application/json")
              .end(
                  TimelineJson.of(id, state, asOf, shown, features)
                      .put("offers_issued", issued.get())
                      .encode());
        });
  }

  /**
   * Reads one member and hands a known one on; an opted-out member is a 409 and an unknown one a
   * 404, as on every route that shows a stored member.
   */
  private void readStored(
      RoutingContext ctx, ApiKey key, String id, java.util.function.Consumer<StoredMember> then) {
    readStored(ctx, id, () -> redis.timed("read_member", () -> reader.read(key.keys(), id)), then);
  }

  /** As above, the member read by {@code read} on a worker thread. */
  private void readStored(
      RoutingContext ctx,
      String id,
      java.util.concurrent.Callable<StoredMember> read,
      java.util.function.Consumer<StoredMember> then) {
    redis
        .run(read)
        .onSuccess(
            member -> {
              if (member.optedOut()) {
                ctx.fail(optedOut(id));
                return;
              }
              if (!member.known()) {
                ctx.fail(
                    new ApiException(
                        404,
                        "unknown-member",
                        "Unknown member",
                        "no state is stored for member '" + id + "'"));
                return;
              }
              then.accept(member);
            })
        .onFailure(ctx::fail);
  }

  static ApiException optedOut(String id) {
    return new ApiException(
        409,
        "opted-out",
        "Member opted out of profiling",
        "member '" + id + "' opted out of profiling and is never scored or listed");
  }
}
