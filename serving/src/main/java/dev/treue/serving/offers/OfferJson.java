package dev.treue.serving.offers;

import dev.treue.core.customer.TierLadder;
import dev.treue.core.ingest.OfferRowParser;
import dev.treue.core.ingest.Parsed;
import dev.treue.core.offers.Money;
import dev.treue.core.offers.Offer;
import dev.treue.serving.http.ApiException;
import dev.treue.store.OfferCatalogStore;
import dev.treue.store.StoredOffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Offers as the API writes and reads them. A request body is checked by the contract's JSON Schema
 * first, then turned into an {@code offers} row and checked by the import's {@link OfferRowParser},
 * so the API and {@code offers load} accept exactly the same offers.
 */
public final class OfferJson {
  private static final OfferRowParser PARSER = new OfferRowParser();

  private OfferJson() {}

  /** What a member sees of an offer: id, kind, category, value, cost, points cost, tier, valid_to. */
  public static JsonObject summary(Offer o) {
    return new JsonObject()
        .put("offer_id", o.offerId())
        .put("kind", o.kind().wireName())
        .put("category", o.category())
        .put("value", o.value())
        .put("cost", o.cost())
        .put("points_cost", o.pointsCost())
        .put("min_tier", TierLadder.name(o.minTierRank()))
        .put("valid_to", LocalDate.ofEpochDay(o.validToDay()).toString());
  }

  /** An entry with its status; {@code budgetLeftCents} may be null (not read or no budget). */
  public static JsonObject of(StoredOffer entry, Long budgetLeftCents) {
    Offer o = entry.offer();
    JsonObject json =
        summary(o)
            .put("valid_from", LocalDate.ofEpochDay(o.validFromDay()).toString())
            .put("budget", Double.isInfinite(o.budget()) ? null : o.budget())
            .put("per_customer_cap", o.perCustomerCap())
            .put("channels", new JsonArray(o.channels().stream().sorted().toList()))
            .put("status", entry.active() ? "active" : "retired")
            .put(
                "retired_at",
                entry.active() ? null : Instant.ofEpochMilli(entry.retiredAtMillis()).toString())
            .put("updated_at", Instant.ofEpochMilli(entry.updatedAtMillis()).toString());
    if (budgetLeftCents != null) {
      json.put(
          "budget_left",
          budgetLeftCents >= OfferCatalogStore.UNLIMITED_CENTS / 2
              ? null
              : Money.units(budgetLeftCents));
    }
    return json;
  }

  /**
   * The offer a {@code PUT /v1/offers/{offerId}} body describes (already valid against the schema).
   *
   * @throws ApiException 400 naming the field, when the import's rules refuse it or the body's
   *     {@code offer_id} differs from the path's
   */
  public static Offer parse(String offerId, JsonObject body) {
    Object bodyId = body.getValue("offer_id");
    if (bodyId != null && !offerId.equals(bodyId)) {
      throw ApiException.invalid(
          "offer_id",
          "'"
              + bodyId
              + "' differs from the path's '"
              + offerId
              + "'; expected the same id or none");
    }
    String[] row = new String[OfferRowParser.COLUMNS.size()];
    row[0] = offerId;
    for (int c = 1; c < row.length; c++) {
      String column = OfferRowParser.COLUMNS.get(c);
      Object v = body.getValue(column);
      if (v instanceof JsonArray channels) {
        List<String> names = new ArrayList<>();
        channels.forEach(ch -> names.add(String.valueOf(ch)));
        row[c] = String.join("|", names);
      } else {
        row[c] = v == null ? null : String.valueOf(v);
      }
    }
    Parsed<Offer> parsed = PARSER.parse(row);
    if (!parsed.isValid()) {
      // The parser's reasons read "column: what was expected"; the column is the field.
      String reason = parsed.reason();
      int colon = reason.indexOf(": ");
      if (colon > 0 && OfferRowParser.COLUMNS.contains(reason.substring(0, colon))) {
        throw ApiException.invalid(reason.substring(0, colon), reason.substring(colon + 2));
      }
      throw ApiException.invalid("body", reason);
    }
    return parsed.value();
  }
}
