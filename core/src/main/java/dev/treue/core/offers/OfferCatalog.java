package dev.treue.core.offers;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The offers a programme has run, by id, in the order given. Features look past offers up here to
 * learn their kind and category, so the catalogue should hold retired offers too; what may be shown
 * today is for {@link OfferEligibility} and the caller to decide.
 */
public final class OfferCatalog implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final Map<String, Offer> byId;
  private final List<Offer> offers;

  private OfferCatalog(Map<String, Offer> byId) {
    this.byId = byId;
    this.offers = List.copyOf(byId.values());
  }

  /**
   * A catalogue of the offers.
   *
   * @throws IllegalArgumentException when two offers share an id
   */
  public static OfferCatalog of(Collection<Offer> offers) {
    Map<String, Offer> byId = new LinkedHashMap<>();
    for (Offer o : offers) {
      if (byId.putIfAbsent(o.offerId(), o) != null) {
        throw new IllegalArgumentException(
            "offer id " + o.offerId() + " appears twice in the catalogue");
      }
    }
    return new OfferCatalog(byId);
  }

  /** The offer with the id, if the catalogue has it. */
  public Optional<Offer> find(String offerId) {
    return Optional.ofNullable(offerId == null ? null : byId.get(offerId));
  }

  /** The offer with the id, or null. */
  Offer get(String offerId) {
    return byId.get(offerId);
  }

  /** Every offer, in the order given. */
  public List<Offer> offers() {
    return offers;
  }

  /** How many offers the catalogue holds. */
  public int size() {
    return offers.size();
  }
}
