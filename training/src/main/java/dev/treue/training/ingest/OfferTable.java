package dev.treue.training.ingest;

import dev.treue.core.offers.Offer;
import dev.treue.core.offers.OfferKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The validated {@code offers} table as core offers: a catalogue is small, so it lives in the driver. */
public final class OfferTable {
  private OfferTable() {}

  /** Collects rows of schema {@link LoyaltySchemas#OFFERS} into offers, sorted by id. */
  public static List<Offer> offers(Dataset<Row> rows) {
    List<Offer> out = new ArrayList<>();
    for (Row r : rows.collectAsList()) {
      String channels = r.getString(11);
      Set<String> set =
          channels.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(channels.split("\\|")));
      out.add(
          new Offer(
              r.getString(0),
              OfferKind.fromWire(r.getString(1)),
              r.getString(2),
              r.getDouble(3),
              r.getDouble(4),
              r.getLong(5),
              r.getInt(6),
              r.getInt(7),
              r.getInt(8),
              r.getDouble(9),
              r.getInt(10),
              set));
    }
    out.sort((a, b) -> a.offerId().compareTo(b.offerId()));
    return out;
  }
}
