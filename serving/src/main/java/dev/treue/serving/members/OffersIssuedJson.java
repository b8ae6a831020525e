package dev.treue.serving.members;

import dev.treue.core.offers.Offer;
import dev.treue.core.offers.OfferCatalog;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The offers the service issued a member ({@code POST /v1/customers/{id}/offers/{offer}:issue}
 * grants, the member's copy of the counts, {@link dev.treue.store.MemberGrants}), for the member
 * page: one entry per offer, by offer id, with the catalogue's kind and category when the
 * catalogue still has the offer (null when it was deleted). The service keeps counts, not the time
 * of each issue, so no time is given.
 */
public final class OffersIssuedJson {
  private OffersIssuedJson() {}

  /**
   * @param grants times each offer was issued to the member
   * @param catalog the tenant's catalogue, retired offers included
   */
  public static JsonArray of(Map<String, Integer> grants, OfferCatalog catalog) {
    JsonArray out = new JsonArray();
    new TreeMap<>(grants)
        .forEach(
            (offerId, times) -> {
              Optional<Offer> offer = catalog.find(offerId);
              out.add(
                  new JsonObject()
                      .put("offer_id", offerId)
                      .put("kind", offer.map(o -> o.kind().wireName()).orElse(null))
                      .put("category", offer.map(Offer::category).orElse(null))
                      .put("times_issued", times));
            });
    return out;
  }
}
