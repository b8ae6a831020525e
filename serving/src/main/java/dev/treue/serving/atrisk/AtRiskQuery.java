package dev.treue.serving.atrisk;

import dev.treue.core.churn.RiskBand;
import dev.treue.core.customer.MemberStatus;
import dev.treue.serving.http.ApiException;
import dev.treue.store.AtRiskCursor;
import dev.treue.store.AtRiskEntry;
import dev.treue.store.AtRiskOrder;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The filters and order of an at-risk request (already checked against the contract) and the opaque
 * page cursor: base64url of {@code v3:<status>:<sort>:<score>:<skip>}, so clients cannot build or
 * tweak it by accident. Cursors of the earlier forms, {@code v1:<score>:<skip>} (by probability) and
 * {@code v2:<sort>:<score>:<skip>}, page the active list and are still read, so pages a client
 * started before an upgrade go on.
 *
 * <p>Which list: {@code status} (default {@code active}). The active list is ordered by {@code sort}
 * and by default holds the medium and high bands; {@code risk_band} (a comma list) or {@code
 * min_probability} replace that default. The lapsed list is the win-back list, ordered by win-back
 * value; the never-purchased list ("not activated yet") is in id order. Churn filters on another
 * list than the active one are refused: those members have no churn probability.
 *
 * @param status which group is listed
 * @param order the sorted set read ({@code sort}, default value at risk; the win-back value shares
 *     the value set)
 * @param minProbability lowest probability listed
 * @param bands the risk bands listed, or null for every band
 * @param tier only this tier, or null
 * @param segment only this segment, or null
 * @param minValueAtRisk lowest value at risk listed (active list only), or null
 * @param minClv lowest CLV listed (rows without one are left out), or null
 * @param limit rows per JSON page
 * @param cursor where the page starts, null for the top
 */
record AtRiskQuery(
    MemberStatus status,
    AtRiskOrder order,
    double minProbability,
    Set<RiskBand> bands,
    String tier,
    String segment,
    Double minValueAtRisk,
    Double minClv,
    int limit,
    AtRiskCursor cursor) {

  /** The sort name of the win-back list. */
  static final String WIN_BACK_VALUE = "win_back_value";

  /** The bands listed when neither {@code risk_band} nor {@code min_probability} is given. */
  static final Set<RiskBand> DEFAULT_BANDS = EnumSet.of(RiskBand.MEDIUM, RiskBand.HIGH);

  static AtRiskQuery of(MultiMap query) {
    String statusText = query.get("status");
    MemberStatus status =
        statusText == null ? MemberStatus.ACTIVE : MemberStatus.fromWireName(statusText);
    String sort = query.get("sort");
    String min = query.get("min_probability");
    String band = query.get("risk_band");
    String limit = query.get("limit");
    if (status != MemberStatus.ACTIVE) {
      // Lapsed and never-purchased members have no churn probability to filter or sort by.
      onlyForActive("min_probability", min, status);
      onlyForActive("risk_band", band, status);
      onlyForActive("min_value_at_risk", query.get("min_value_at_risk"), status);
      String allowed = status == MemberStatus.LAPSED ? WIN_BACK_VALUE : null;
      if (sort != null && !sort.equals(allowed)) {
        throw ApiException.invalid(
            "sort",
            "sort="
                + sort
                + " does not apply to status="
                + status.wireName()
                + (allowed == null
                    ? "; that list is in id order, expected no sort"
                    : "; expected sort=" + allowed + " or none"));
      }
    } else if (WIN_BACK_VALUE.equals(sort)) {
      throw ApiException.invalid(
          "sort", "sort=win_back_value orders the win-back list; expected it with status=lapsed");
    }
    AtRiskOrder order =
        status == MemberStatus.LAPSED
            ? AtRiskOrder.VALUE_AT_RISK
            : status == MemberStatus.NEVER_PURCHASED
                ? AtRiskOrder.PROBABILITY
                : sort == null ? AtRiskOrder.VALUE_AT_RISK : AtRiskOrder.ofWireName(sort);
    Set<RiskBand> bands = null;
    if (status == MemberStatus.ACTIVE) {
      bands = band != null ? bands(band) : min == null ? DEFAULT_BANDS : null;
    }
    return new AtRiskQuery(
        status,
        order,
        min == null ? 0 : Double.parseDouble(min),
        bands,
        query.get("tier"),
        query.get("segment"),
        number(query.get("min_value_at_risk")),
        number(query.get("min_clv")),
        limit == null ? 100 : Integer.parseInt(limit),
        decode(query.get("cursor"), status, order));
  }

  private static Double number(String text) {
    return text == null ? null : Double.valueOf(text);
  }

  private static void onlyForActive(String name, String value, MemberStatus status) {
    if (value != null) {
      throw ApiException.invalid(
          name,
          name
              + " filters churn risk, which only active members have; expected no "
              + name
              + " with status="
              + status.wireName());
    }
  }

  /** The bands of a comma list (the contract has checked its form). */
  private static Set<RiskBand> bands(String text) {
    Set<RiskBand> bands = EnumSet.noneOf(RiskBand.class);
    for (String name : text.split(",", -1)) {
      bands.add(RiskBand.valueOf(name.toUpperCase(Locale.ROOT)));
    }
    return bands;
  }

  /** The score range of the list in its sorted set. */
  double minScore() {
    return switch (status) {
      // Value order: never-purchased members sit below 0 (AtRiskOrder.LAPSED_SCORE).
      case ACTIVE -> order == AtRiskOrder.PROBABILITY ? minProbability : 0;
      case LAPSED -> 0;
      case NEVER_PURCHASED -> AtRiskOrder.NEVER_PURCHASED_SCORE;
    };
  }

  double maxScore() {
    return status == MemberStatus.NEVER_PURCHASED
        ? AtRiskOrder.NEVER_PURCHASED_SCORE
        : Double.POSITIVE_INFINITY;
  }

  boolean matches(AtRiskEntry row) {
    return row.status() == status
        && (bands == null || row.band() != null && bands.contains(band(row)))
        && (tier == null || tier.equals(row.tier()))
        && (segment == null || segment.equals(row.segment()))
        && (minValueAtRisk == null || row.valueAtRisk() >= minValueAtRisk)
        && (minClv == null || row.clv() != null && row.clv() >= minClv);
  }

  private static RiskBand band(AtRiskEntry row) {
    try {
      return RiskBand.valueOf(row.band().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * True when every row the store returns is listed: the never-purchased list (one exact score), or
   * the active list by probability with no band, tier or segment filter (Redis stops at the
   * minimum, which leaves out every other group).
   */
  boolean unfiltered() {
    boolean profile = tier == null && segment == null && minValueAtRisk == null && minClv == null;
    return switch (status) {
      case NEVER_PURCHASED -> profile;
      case ACTIVE -> profile && bands == null && order == AtRiskOrder.PROBABILITY;
      case LAPSED -> false;
    };
  }

  /** True when the store drops rows of a slice, so a page should read ahead. */
  boolean storeFilters() {
    return order == AtRiskOrder.VALUE_AT_RISK && minProbability > 0;
  }

  String encode(AtRiskCursor cursor) {
    String plain =
        "v3:"
            + status.wireName()
            + ":"
            + order.wireName()
            + ":"
            + cursor.score()
            + ":"
            + cursor.skip();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  static AtRiskCursor decode(String text, MemberStatus status, AtRiskOrder order) {
    if (text == null) {
      return null;
    }
    String[] parts;
    try {
      parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split(":");
    } catch (IllegalArgumentException e) {
      parts = new String[0];
    }
    MemberStatus issuedStatus = null;
    AtRiskOrder issuedFor = null;
    String score = null;
    String skip = null;
    try {
      if (parts.length == 3 && parts[0].equals("v1")) {
        issuedStatus = MemberStatus.ACTIVE;
        issuedFor = AtRiskOrder.PROBABILITY;
        score = parts[1];
        skip = parts[2];
      } else if (parts.length == 4 && parts[0].equals("v2")) {
        issuedStatus = MemberStatus.ACTIVE;
        issuedFor = AtRiskOrder.ofWireName(parts[1]);
        score = parts[2];
        skip = parts[3];
      } else if (parts.length == 5 && parts[0].equals("v3")) {
        issuedStatus = MemberStatus.fromWireName(parts[1]);
        issuedFor = AtRiskOrder.ofWireName(parts[2]);
        score = parts[3];
        skip = parts[4];
      }
    } catch (IllegalArgumentException e) {
      issuedFor = null;
    }
    if (issuedFor != null && issuedStatus != status) {
      throw ApiException.invalid(
          "cursor",
          "this cursor pages status="
              + issuedStatus.wireName()
              + ", not status="
              + status.wireName()
              + "; expected the same status as the page that issued it");
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
