package dev.treue.serving.atrisk;

import dev.treue.serving.http.ApiException;
import dev.treue.store.AtRiskCursor;
import dev.treue.store.AtRiskEntry;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The filters of an at-risk request (already checked against the contract) and the opaque page
 * cursor: base64url of {@code v1:<score>:<skip>}, so clients cannot build or tweak it by accident.
 *
 * @param minProbability lowest probability listed
 * @param tier only this tier, or null
 * @param segment only this segment, or null
 * @param limit rows per JSON page
 * @param cursor where the page starts, null for the top
 */
record AtRiskQuery(double minProbability, String tier, String segment, int limit, AtRiskCursor cursor) {

  static AtRiskQuery of(MultiMap query) {
    String min = query.get("min_probability");
    String limit = query.get("limit");
    return new AtRiskQuery(min == null ? 0 : Double.parseDouble(min), query.get("tier"), query.get("segment"),
        limit == null ? 100 : Integer.parseInt(limit), decode(query.get("cursor")));
  }

  boolean matches(AtRiskEntry row) {
    return (tier == null || tier.equals(row.tier())) && (segment == null || segment.equals(row.segment()));
  }

  static String encode(AtRiskCursor cursor) {
    String plain = "v1:" + cursor.score() + ":" + cursor.skip();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  static AtRiskCursor decode(String text) {
    if (text == null) {
      return null;
    }
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split(":");
      if (parts.length == 3 && parts[0].equals("v1")) {
        return new AtRiskCursor(Double.parseDouble(parts[1]), Long.parseLong(parts[2]));
      }
    } catch (IllegalArgumentException e) {
      // Falls through to the problem below.
    }
    throw ApiException.invalid("cursor", "not a cursor this service issued; expected the next_cursor of a previous page");
  }
}
