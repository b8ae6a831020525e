package dev.treue.serving.members;

import dev.treue.core.reason.ReasonWords;
import dev.treue.serving.auth.ApiKey;
import dev.treue.serving.auth.ApiKeyHandler;
import dev.treue.serving.http.ApiException;
import dev.treue.serving.redis.RedisAccess;
import dev.treue.store.MemberRecords;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;

/**
 * Data-subject requests: {@code GET /v1/customers/{id}/export} (everything stored, state decoded)
 * and {@code DELETE /v1/customers/{id}} (erase everything). Both act on the caller's tenant only.
 */
public final class MemberRoutes {
  private static final Logger LOG = System.getLogger(MemberRoutes.class.getName());

  private final RedisAccess redis;
  private final MemberRecords records;
  private final ReasonWords words;

  /**
   * @param words the words the exported at-risk row's reasons are phrased in: the service's
   *     language and programme currency
   */
  public MemberRoutes(RedisAccess redis, ReasonWords words) {
    this.redis = redis;
    this.records = new MemberRecords(redis.jedis());
    this.words = words;
  }

  /** The export handler. */
  public void export(RoutingContext ctx) {
    ApiKey key = ApiKeyHandler.key(ctx);
    String id = ctx.pathParam("id");
    redis
        .run(() -> redis.timed("export", () -> records.export(key.keys(), id)))
        .onSuccess(
            export -> {
              if (export.empty()) {
                ctx.fail(
                    new ApiException(
                        404,
                        "unknown-member",
                        "Unknown member",
                        "nothing is stored about member '"
                            + id
                            + "' in tenant '"
                            + key.tenant()
                            + "'"));
                return;
              }
              JsonObject atRisk = null;
              if (export.atRiskScore() != null
                  || export.atRiskValue() != null
                  || export.atRiskRow() != null) {
                atRisk =
                    new JsonObject()
                        .put("score", export.atRiskScore())
                        .put("value_score", export.atRiskValue())
                        .put(
                            "row",
                            export.atRiskRow() == null
                                ? null
                                : dev.treue.serving.atrisk.AtRiskRows.json(
                                    export.atRiskRow(), words));
              }
              JsonObject body =
                  new JsonObject()
                      .put("customer_id", id)
                      .put("tenant", key.tenant())
                      .put("opted_out", export.optedOut())
                      .put(
                          "offers_issued",
                          new JsonObject(new java.util.TreeMap<String, Object>(export.grants())))
                      .put(
                          "issue_requests",
                          new JsonObject(
                              new java.util.TreeMap<String, Object>(export.issueRequests())))
                      .put("rankings_logged", export.rankingsLogged())
                      .put("state", export.state() == null ? null : StateJson.of(export.state()))
                      .put(
                          "state_ttl_ms",
                          export.stateTtlMillis() >= 0 ? export.stateTtlMillis() : null)
                      .put(
                          "seen_event_ids",
                          new JsonArray(
                              new ArrayList<>(new java.util.TreeSet<>(export.seenEventIds()))))
                      .put("at_risk", atRisk);
              ctx.response().putHeader("Content-Type", "application/json").end(body.encode());
            })
        .onFailure(ctx::fail);
  }

  /** The erase handler. */
  public void erase(RoutingContext ctx) {
    ApiKey key = ApiKeyHandler.key(ctx);
    String id = ctx.pathParam("id");
    redis
        .run(() -> redis.timed("erase", () -> records.erase(key.keys(), id)))
        .onSuccess(
            erased -> {
              LOG.log(
                  Level.INFO,
                  "erased member "
                      + id
                      + " of tenant "
                      + key.tenant()
                      + " at the request of key "
                      + key.id()
                      + ": "
                      + erased.memberKeys()
                      + " member keys, "
                      + erased.atRiskEntries()
                      + " at-risk entries, "
                      + erased.rankingEntries()
                      + " ranking-log entries, "
                      + erased.requestIds()
                      + " request ids"
                      + (erased.tombstone() ? ", opt-out tombstone left" : ""));
              ctx.response()
                  .putHeader("Content-Type", "application/json")
                  .end(
                      new JsonObject()
                          .put("customer_id", id)
                          .put("erased", erased.any())
                          .put("member_keys_deleted", erased.memberKeys())
                          .put("at_risk_entries_deleted", erased.atRiskEntries())
                          .put("ranking_entries_deleted", erased.rankingEntries())
                          .put("request_ids_erased", erased.requestIds())
                          .put("opt_out_tombstone", erased.tombstone())
                          .encode());
            })
        .onFailure(ctx::fail);
  }
}
