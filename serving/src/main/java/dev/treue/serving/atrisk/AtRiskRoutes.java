package dev.treue.serving.atrisk;

import dev.treue.core.i18n.Language;
import dev.treue.core.i18n.ListColumn;
import dev.treue.core.i18n.SpreadsheetCsv;
import dev.treue.core.reason.ReasonWords;
import dev.treue.serving.auth.ApiKey;
import dev.treue.serving.auth.ApiKeyHandler;
import dev.treue.serving.http.RequestLanguage;
import dev.treue.serving.redis.RedisAccess;
import dev.treue.store.AtRiskCsv;
import dev.treue.store.AtRiskCursor;
import dev.treue.store.AtRiskEntry;
import dev.treue.store.AtRiskSlice;
import dev.treue.store.AtRiskStore;
import dev.treue.store.RedisKeys;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Currency;
import java.util.List;

/**
 * {@code GET /v1/at-risk}: JSON pages with an opaque cursor, or with {@code Accept: text/csv} every
 * matching row streamed. By default the active members at medium or high risk by value at risk
 * (churn probability times lifetime value); {@code status=lapsed} is the win-back list by win-back
 * value, {@code status=never_purchased} the members not activated yet ({@link AtRiskQuery}). Both read the tenant's sorted set of that order in slices
 * (one Lua call per slice: {@code ZREVRANGEBYSCORE ... LIMIT} plus {@code HMGET} of the rows), so a
 * list of millions is never held in memory; the CSV waits for the client whenever the response's
 * write queue is full.
 */
public final class AtRiskRoutes {
  /** Members scanned per Redis call while streaming CSV. */
  static final int CSV_SLICE = 1_000;

  /** A JSON page scans at most this many members before returning (possibly short) with a cursor. */
  static final int MAX_SCAN_PER_PAGE = 20_000;

  /** The CSV's columns, in file order: the member list export's, as the batch files have them. */
  static final List<ListColumn> CSV_COLUMNS = AtRiskCsv.COLUMNS;

  private final RedisAccess redis;
  private final AtRiskStore store;
  private final Language language;
  private final Currency currency;

  public AtRiskRoutes(RedisAccess redis) {
    this(redis, Language.EN, ReasonWords.DEFAULT_CURRENCY);
  }

  /**
   * @param language the answer's language when the request names none ({@code locale=},
   *     {@code Accept-Language}): the reasons' words in JSON and CSV, and the CSV's form
   * @param currency the programme currency money in reasons is shown in
   */
  public AtRiskRoutes(RedisAccess redis, Language language, Currency currency) {
    this.redis = redis;
    this.store = new AtRiskStore(redis.jedis());
    this.language = language;
    this.currency = currency;
  }

  /** The handler. */
  public void list(RoutingContext ctx) {
    AtRiskQuery query = AtRiskQuery.of(ctx.queryParams());
    Language lang = RequestLanguage.of(ctx, language);
    ApiKey key = ApiKeyHandler.key(ctx);
    String accept = ctx.request().getHeader("Accept");
    if (accept != null && accept.contains("text/csv")) {
      csv(ctx, key.keys(), query, lang);
    } else {
      redis
          .run(() -> page(key.keys(), query, ReasonWords.of(lang, currency)))
          .onSuccess(
              page ->
                  ctx.response().putHeader("Content-Type", "application/json").end(page.encode()))
          .onFailure(ctx::fail);
    }
  }

  private JsonObject page(RedisKeys keys, AtRiskQuery q, ReasonWords words) {
    JsonArray rows = new JsonArray();
    AtRiskCursor cursor = q.cursor();
    int scanned = 0;
    boolean more = true;
    while (rows.size() < q.limit() && more && scanned < MAX_SCAN_PER_PAGE) {
      int want = q.limit() - rows.size();
      // Without filters every row matches: read exactly what is missing; with filters read ahead.
      int count =
          Math.min(
              AtRiskStore.MAX_SLICE,
              q.unfiltered() && !q.storeFilters() ? want : Math.max(want * 4, 200));
      AtRiskCursor from = cursor;
      AtRiskSlice slice = redis.timed("at_risk_slice", () -> slice(keys, q, from, count));
      scanned += slice.scanned();
      cursor = slice.next();
      more = cursor != null;
      for (int i = 0; i < slice.rows().size(); i++) {
        AtRiskEntry row = slice.rows().get(i);
        if (q.matches(row)) {
          rows.add(AtRiskRows.json(row, words));
          if (rows.size() == q.limit()) {
            cursor = slice.cursorsAfter().get(i);
            // The list may end exactly here; the next page then comes back empty with no cursor.
            more = true;
            break;
          }
        }
      }
    }
    return new JsonObject()
        .put("rows", rows)
        .put("next_cursor", more && cursor != null ? q.encode(cursor) : null);
  }

  private AtRiskSlice slice(RedisKeys keys, AtRiskQuery q, AtRiskCursor from, int count) {
    return store.slice(
        keys, q.order(), q.minScore(), q.maxScore(), q.minProbability(), from, count);
  }

  private void csv(RoutingContext ctx, RedisKeys keys, AtRiskQuery q, Language lang) {
    HttpServerResponse response =
        ctx.response()
            .setChunked(true)
            .putHeader("Content-Type", "text/csv; charset=utf-8")
            .putHeader("Content-Disposition", "attachment; filename=\"at-risk.csv\"");
    response.putHeader("Content-Language", lang.wireName());
    response.write(SpreadsheetCsv.start(lang) + SpreadsheetCsv.header(lang, CSV_COLUMNS) + "\n");
    next(ctx, keys, q, q.cursor(), ReasonWords.of(lang, currency));
  }

  private void next(
      RoutingContext ctx, RedisKeys keys, AtRiskQuery q, AtRiskCursor from, ReasonWords words) {
    HttpServerResponse response = ctx.response();
    if (response.closed()) {
      return;
    }
    redis
        .run(() -> redis.timed("at_risk_slice", () -> slice(keys, q, from, CSV_SLICE)))
        .onSuccess(
            slice -> {
              StringBuilder b = new StringBuilder(slice.rows().size() * 120);
              for (AtRiskEntry row : slice.rows()) {
                if (q.matches(row)) {
                  AtRiskCsv.line(b, row, words);
                }
              }
              Future<Void> written =
                  b.length() == 0 ? Future.succeededFuture() : response.write(b.toString());
              if (slice.next() == null) {
                written.onComplete(done -> response.end());
              } else if (response.writeQueueFull()) {
                // Backpressure: a slow client pauses the Redis reads instead of filling memory.
                response.drainHandler(v -> next(ctx, keys, q, slice.next(), words));
              } else {
                next(ctx, keys, q, slice.next(), words);
              }
            })
        .onFailure(ctx::fail);
  }
}
