package dev.treue.training.offers;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.Member;
import dev.treue.core.customer.OfferHistories;
import dev.treue.core.customer.OfferHistory;
import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import dev.treue.core.offers.Offer;
import dev.treue.core.offers.OfferCatalog;
import dev.treue.core.offers.OfferFeatures;
import dev.treue.core.offers.OfferPriors;
import dev.treue.training.replay.StreamedHistories;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Replays one member's history the way churn snapshots do ({@link
 * dev.treue.training.replay.MemberReplay}: same start, same order) and emits a row at every
 * {@code offer_sent} of a catalogued offer: the offer features of the state just before the send,
 * and the label. The label is 1 only for a redemption of that same offer at or after the send and
 * on or before the offer's last valid day (UTC), so later redemptions and other offers'
 * redemptions never count. Sends of offers missing from the catalogue are skipped (their kind and
 * value are unknown).
 */
final class MemberExposures implements FlatMapFunction<Iterator<StreamedHistories.History>, Row> {
  private static final long serialVersionUID = 1L;

  private final CatalogRows catalogRows;
  private transient OfferCatalog catalog;

  MemberExposures(CatalogRows catalogRows) {
    this.catalogRows = catalogRows;
  }

  @Override
  public Iterator<Row> call(Iterator<StreamedHistories.History> rows) {
    if (catalog == null) {
      catalog = catalogRows.catalog();
    }
    return StreamedHistories.flatMap(rows, h -> exposures(h.member(), h.events()));
  }

  /** One member's rows: one per send of a catalogued offer, from events in replay order. */
  private Iterator<Row> exposures(Member member, List<LoyaltyEvent> events) {
    Map<String, List<LoyaltyEvent>> redemptions = new HashMap<>();
    for (LoyaltyEvent e : events) {
      if (e.type() == EventType.OFFER_REDEEMED && e.offerId() != null) {
        redemptions.computeIfAbsent(e.offerId(), id -> new ArrayList<>()).add(e);
      }
    }
    List<Row> out = new ArrayList<>();
    CustomerState state = CustomerState.beforeHistory(member, events);
    for (LoyaltyEvent e : events) {
      if (e.type() == EventType.OFFER_SENT && e.offerId() != null) {
        Offer offer = catalog.find(e.offerId()).orElse(null);
        if (offer != null) {
          int day = e.epochDay();
          double[] features = OfferFeatures.vector(state, day, offer, catalog, OfferPriors.NONE);
          out.add(
              RowFactory.create(
                  member.customerId(),
                  offer.offerId(),
                  e.tsMillis(),
                  day,
                  offer.validToDay(),
                  features,
                  redeemed(redemptions.get(offer.offerId()), e.tsMillis(), offer.validToDay())
                      ? 1
                      : 0,
                  lastRedeemedKind(state)));
        }
      }
      // Out-of-range events are left out, as MemberReplay and the service do.
      state.applyUnlessRefused(e);
    }
    return out.iterator();
  }

  /** A redemption of the offer from the send on, within its validity. */
  static boolean redeemed(List<LoyaltyEvent> redemptions, long sentMillis, int validToDay) {
    if (redemptions == null) {
      return false;
    }
    for (LoyaltyEvent r : redemptions) {
      if (r.tsMillis() >= sentMillis && r.epochDay() <= validToDay) {
        return true;
      }
    }
    return false;
  }

  private String lastRedeemedKind(CustomerState state) {
    String lastId = null;
    int lastDay = CustomerState.NONE;
    OfferHistories offers = state.offers();
    for (int i = 0; i < offers.size(); i++) {
      OfferHistory h = offers.history(i);
      int d = h.lastRedeemedDay();
      // Ties on the day go to the larger id, so the answer does not depend on the ids' order.
      boolean later =
          d > lastDay || d == lastDay && lastId != null && offers.id(i).compareTo(lastId) > 0;
      if (h.redeemed() > 0 && later) {
        lastDay = d;
        lastId = offers.id(i);
      }
    }
    return lastId == null ? null : catalog.find(lastId).map(o -> o.kind().wireName()).orElse(null);
  }
}
