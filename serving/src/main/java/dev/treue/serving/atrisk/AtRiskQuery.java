package dev.treue.serving.atrisk;

import dev.treue.serving.http.ApiException;
import dev.treue.store.AtRiskCursor;
import dev.treue.store.AtRiskEntry;
import dev.treue.store.AtRiskOrder;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The filters and order of an at-risk request (already checked against the contract) and the opaque
 * page cursor: base64url of {@code v2:<sort>:<score>:<skip>}, so clients cannot build or tweak it by
 * accident. Cursors of the first form, {@code v1:<score>:<skip>}, page by probability and are still
 * read, so pages a client started before an upgrade go on.
 *
 * @param order the sort order ({@code sort}, default value at risk: what losing the member would cost)
 * @param minProbability lowest probability listed
 * @param tier only this tier, or null
 * @param segment only this segment, or null
 * @param limit rows per JSON page
 * @param cursor where the page starts, null for the top
 */
record AtRiskQuery(
    AtRiskOrder order,
    double minProbability,
    String tier,
    String segment,
    int limit,
    AtRiskCursor cursor) {

  static AtRiskQuery of(MultiMap query) {
    String sort = query.get("sort");
    String min = query.get("min_probability");
    String limit = query.get("limit");
    AtRiskOrder order = sort == null ? AtRiskOrder.VALUE_AT_RISK : AtRiskOrder.ofWireName(sort);
    return new AtRiskQuery(
        order,
        min == null ? 0 : Double.parseDouble(min),
        query.get("tier"),
        query.get("segment"),
        limit == null ? 100 : Integer.parseInt(limit),
        decode(query.get("cursor"), order));
  }

  boolean matches(AtRiskEntry row) {
    return (tier == null || tier.equals(row.tier()))
        && (segment == null || segment.equals(row.segment()));
  }

  /** True when every row the store returns is listed: no tier or segment filter (the store applies the minimum). */
  boolean unfiltered() {
    return tier == null && segment == null;
  }

  /** True when the store drops rows of a slice, so a page should read ahead. */
  boolean storeFilters() {
    return order == AtRiskOrder.VALUE_AT_RISK && minProbability > 0;
  }

  static String encode(AtRiskOrder order, AtRiskCursor cursor) {
    String plain = "v2:" + order.wireName() + ":" + cursor.score() + ":" + cursor.skip();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  static AtRiskCursor decode(String text, AtRiskOrder order) {
    if (text == null) {
      return null;
    }
    String[] parts;
    try {
      parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split(":");
    } catch (IllegalArgumentException e) {
      parts = new String[0];
    }
    AtRiskOrder issuedFor = null;
    String score = null;
    String skip = null;
    if (parts.length == 3 && parts[0].equals("v1")) {
      issuedFor = AtRiskOrder.PROBABILITY;
      score = parts[1];
      skip = parts[2];
    } else if (parts.length == 4 && parts[0].equals("v2")) {
      try {
        issuedFor = AtRiskOrder.ofWireName(parts[1]);
      } catch (IllegalArgumentException e) {
        issuedFor = null;
      }
      score = parts[2];
      skip = parts[3];
    }
    if (issuedFor != null && issuedFor != order) {
      throw ApiException.invalid(
          "cursor",
          "this cursor pages sort="
              + issuedFor.wireName()
              + ", not sort="
              + order.wireName()
              + "; expected the same sort as the page that issued it");
    }
    if (issuedFor != null) {
      try {
        return new AtRiskCursor(Double.parseDouble(score), Long.parseLong(skip));
      } catch (IllegalArgumentException e) {
        // Falls through to the problem below.
      }
    }
    throw ApiException.invalid(
        "cursor", "not a cursor this service issued; expected the next_cursor of a previous page");
  }
}
