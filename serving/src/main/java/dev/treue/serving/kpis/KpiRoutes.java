package dev.treue.serving.kpis;

import dev.treue.core.i18n.Language;
import dev.treue.core.kpi.Kpi;
import dev.treue.core.kpi.KpiCsv;
import dev.treue.serving.auth.ApiKey;
import dev.treue.serving.auth.ApiKeyHandler;
import dev.treue.serving.http.ApiException;
import dev.treue.serving.http.FieldError;
import dev.treue.serving.redis.RedisAccess;
import dev.treue.store.KpiDocuments;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /v1/kpis}: the tenant's KPI document ({@link KpiDocuments}, written whole by {@code ./treue kpis} or
 * {@code materialize}) with {@code periods} and {@code overall} of the asked breakdown, the periods cut to {@code
 * from .. to}; the {@code breakdowns} themselves are left out. JSON, or with {@code Accept: text/csv} one row per
 * period ({@link KpiCsv}, the batch {@code kpis.csv}'s format). A tenant without a document gets a 404 problem saying how to compute one.
 */
public final class KpiRoutes {
  private final RedisAccess redis;
  private final KpiDocuments documents;
  private final Language language;

  public KpiRoutes(RedisAccess redis) {
    this(redis, Language.EN);
  }

  /**
   * @param language the CSV's language when the request names none ({@code locale=}, {@code
   *     Accept-Language})
   */
  public KpiRoutes(RedisAccess redis, Language language) {
    this.redis = redis;
    this.documents = new KpiDocuments(redis.jedis());
    this.language = language;
  }

  /** The handler. */
  public void get(RoutingContext ctx) {
    KpiQuery query = KpiQuery.of(ctx, language);
    ApiKey key = ApiKeyHandler.key(ctx);
    String accept = ctx.request().getHeader("Accept");
    boolean csv = accept != null && accept.contains("text/csv");
    redis
        .run(() -> redis.timed("kpi_document", () -> documents.get(key.keys())))
        .map(stored -> answer(key.tenant(), stored, query))
        .onSuccess(
            doc -> {
              if (csv) {
                ctx.response()
                    .putHeader("Content-Type", "text/csv; charset=utf-8")
                    .putHeader("Content-Disposition", "attachment; filename=\"kpis.csv\"")
                    .putHeader("Content-Language", query.language().wireName())
                    .end(csv(doc.getJsonArray("periods"), query));
              } else {
                ctx.response().putHeader("Content-Type", "application/json").end(doc.encode());
              }
            })
        .onFailure(ctx::fail);
  }

  /**
   * The periods of the breakdown asked for as the KPI CSV: one row per period, the tier and segment
   * asked for (empty for all members), in the request's language.
   */
  private static String csv(JsonArray periods, KpiQuery q) {
    StringBuilder b = new StringBuilder(KpiCsv.start(q.language()));
    b.append(KpiCsv.header(q.language())).append('\n');
    for (int i = 0; i < periods.size(); i++) {
      JsonObject p = periods.getJsonObject(i);
      JsonObject kpis = p.getJsonObject("kpis", new JsonObject());
      Map<Kpi, Object> values = new EnumMap<>(Kpi.class);
      for (Kpi k : Kpi.values()) {
        values.put(k, kpis.getValue(k.wireName()));
      }
      KpiCsv.Row row =
          new KpiCsv.Row(
              q.tier(),
              q.segment(),
              p.getString("period", ""),
              p.getString("start", ""),
              p.getString("end", ""),
              p.getBoolean("complete", false),
              values);
      b.append(KpiCsv.line(q.language(), row)).append('\n');
    }
    return b.toString();
  }

  private static JsonObject answer(String tenant, Optional<String> stored, KpiQuery q) {
    JsonObject doc =
        new JsonObject(
            stored.orElseThrow(
                () ->
                    new ApiException(
                        404,
                        "no-kpis",
                        "No KPIs",
                        "no KPIs computed yet for tenant " + tenant + "; run ./treue kpis")));
    String computed = doc.getString("granularity");
    if (q.granularity() != null && !q.granularity().equals(computed)) {
      throw ApiException.invalid(
          "granularity",
          "the KPIs of tenant "
              + tenant
              + " are computed by "
              + computed
              + "; run ./treue kpis --granularity "
              + q.granularity());
    }
    JsonObject breakdown = breakdown(doc, q);
    JsonArray periods = new JsonArray();
    for (Object p : breakdown.getJsonArray("periods", new JsonArray())) {
      JsonObject period = (JsonObject) p;
      if (q.overlaps(
          LocalDate.parse(period.getString("start")), LocalDate.parse(period.getString("end")))) {
        periods.add(period);
      }
    }
    JsonObject out = doc.copy();
    out.remove("breakdowns");
    out.put("tier", q.tier()).put("segment", q.segment());
    out.put("periods", periods).put("overall", breakdown.getJsonObject("overall"));
    return out;
  }

  /** All members, or the breakdown the query names; a value without members there is a 404 naming it. */
  private static JsonObject breakdown(JsonObject doc, KpiQuery q) {
    if (q.tier() == null && q.segment() == null) {
      return doc;
    }
    String dimension =
        q.tier() != null && q.segment() != null
            ? "tier_segment"
            : q.tier() != null ? "tier" : "segment";
    String value =
        q.tier() != null && q.segment() != null
            ? q.tier() + "|" + q.segment()
            : q.tier() != null ? q.tier() : q.segment();
    JsonObject found =
        doc.getJsonObject("breakdowns", new JsonObject())
            .getJsonObject(dimension, new JsonObject())
            .getJsonObject(value);
    if (found == null) {
      List<FieldError> fields =
          q.tier() != null && q.segment() != null
              ? List.of(
                  new FieldError(
                      "tier", "no members of tier " + q.tier() + " in segment " + q.segment()),
                  new FieldError(
                      "segment", "no members of segment " + q.segment() + " in tier " + q.tier()))
              : List.of(
                  new FieldError(
                      q.tier() != null ? "tier" : "segment",
                      "no members with " + dimension + " " + value));
      throw new ApiException(
          404,
          "no-kpis",
          "No KPIs",
          "no KPIs for "
              + dimension.replace("_", " and ")
              + " "
              + value
              + " in the computed document",
          fields);
    }
    return found;
  }
}
