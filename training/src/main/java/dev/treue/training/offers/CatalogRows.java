package dev.treue.training.offers;

import dev.treue.core.ingest.OfferRowParser;
import dev.treue.core.offers.Offer;
import dev.treue.core.offers.OfferCatalog;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A catalogue in the form Spark ships to executors: each offer as its {@code offers} table values,
 * read back with the contract's own parser there, so executors see exactly the driver's offers.
 */
public final class CatalogRows implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<String[]> rows;

  private CatalogRows(List<String[]> rows) {
    this.rows = rows;
  }

  /** The offers in shippable form. */
  public static CatalogRows of(List<Offer> offers) {
    List<String[]> rows = new ArrayList<>(offers.size());
    for (Offer o : offers) {
      rows.add(
          new String[] {
            o.offerId(),
            o.kind().wireName(),
            o.category(),
            Double.toString(o.value()),
            Double.toString(o.cost()),
            Long.toString(o.pointsCost()),
            dev.treue.core.customer.TierLadder.name(o.minTierRank()),
            LocalDate.ofEpochDay(o.validFromDay()).toString(),
            LocalDate.ofEpochDay(o.validToDay()).toString(),
            Double.isInfinite(o.budget()) ? null : Double.toString(o.budget()),
            Integer.toString(o.perCustomerCap()),
            String.join("|", o.channels())
          });
    }
    return new CatalogRows(rows);
  }

  /** The catalogue again, parsed by the contract's rules. */
  public OfferCatalog catalog() {
    OfferRowParser parser = new OfferRowParser();
    List<Offer> offers = new ArrayList<>(rows.size());
    for (String[] r : rows) {
      offers.add(parser.parse(r).orElseThrow());
    }
    return OfferCatalog.of(offers);
  }
}
