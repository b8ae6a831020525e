package dev.treue.training.offers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.offers.Offer;
import dev.treue.core.offers.OfferFeature;
import dev.treue.core.offers.OfferKind;
import dev.treue.training.ingest.LoyaltySchemas;
import dev.treue.training.spark.SparkTestSession;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Exposures on a hand-written history: the label looks only at the same offer between the send
 * and the last valid day, features see only what happened before the send, members without consent
 * are left out, and impressions become normalised inverse-propensity weights.
 */
class ExposureJobIT {
  private static final int JAN1 = day("2026-01-01");
  private final SparkSession spark = SparkTestSession.get();

  private static int day(String date) {
    return Math.toIntExact(LocalDate.parse(date).toEpochDay());
  }

  private static long at(String ts) {
    return Instant.parse(ts).toEpochMilli();
  }

  private static Offer offer(String id, OfferKind kind, String from, String to) {
    return new Offer(
        id, kind, "coffee", 5, 4, 0, 0, day(from), day(to), Double.POSITIVE_INFINITY, 1, Set.of());
  }

  private static Row event(
      String id, String customer, String ts, String type, double amount, String offer) {
    return RowFactory.create(
        id,
        customer,
        at(ts),
        type,
        amount,
        0L,
        type.equals("purchase") ? "coffee" : null,
        offer,
        null);
  }

  private Dataset<Row> members(String... ids) {
    List<Row> rows = new ArrayList<>();
    for (String id : ids) {
      rows.add(RowFactory.create(id, JAN1 - 400, "basic", null, null, null, !id.equals("nc")));
    }
    return spark.createDataFrame(rows, LoyaltySchemas.MEMBERS);
  }

  @Test
  void theLabelIsTheSameOfferRedeemedWithinItsWindow() {
    List<Offer> offers =
        List.of(
            offer("o1", OfferKind.DISCOUNT, "2026-01-10", "2026-01-20"),
            offer("o2", OfferKind.GIFT, "2026-01-10", "2026-01-20"),
            offer("o3", OfferKind.BONUS_POINTS, "2026-02-01", "2026-02-10"));
    Dataset<Row> events =
        spark.createDataFrame(
            List.of(
                event("a0", "late", "2025-12-01T10:00:00Z", "purchase", 20, null),
                // late: redeems o1 the day after its window closed -> 0; o2 redeemed in window -> 1
                event("a1", "late", "2026-01-10T07:00:00Z", "offer_sent", 0, "o1"),
                event("a2", "late", "2026-01-10T07:01:00Z", "offer_sent", 0, "o2"),
                event("a3", "late", "2026-01-15T12:00:00Z", "offer_redeemed", 5, "o2"),
                event("a4", "late", "2026-01-21T00:30:00Z", "offer_redeemed", 5, "o1"),
                event("a5", "late", "2026-02-01T07:00:00Z", "offer_sent", 0, "o3"),
                // ontime: redeems o1 on its last valid day (late evening UTC) -> 1
                event("b1", "ontime", "2026-01-10T07:00:00Z", "offer_sent", 0, "o1"),
                event("b2", "ontime", "2026-01-20T23:59:00Z", "offer_redeemed", 5, "o1"),
                // unknown offer ids are skipped; no-consent members are not trained on
                event("c1", "ontime", "2026-01-11T07:00:00Z", "offer_sent", 0, "o9"),
                event("d1", "nc", "2026-01-10T07:00:00Z", "offer_sent", 0, "o1"),
                event("d2", "nc", "2026-01-12T07:00:00Z", "offer_redeemed", 5, "o1")),
            LoyaltySchemas.EVENTS);

    Exposures x =
        Exposures.collect(
            ExposureJob.exposures(
                members("late", "ontime", "nc"), events, offers, Optional.empty()));

    Map<String, Integer> byKey = new HashMap<>();
    for (int i = 0; i < x.size(); i++) {
      byKey.put(x.customerIds()[i] + "/" + x.offerIds()[i], i);
    }
    assertEquals(Set.of("late/o1", "late/o2", "late/o3", "ontime/o1"), byKey.keySet());
    assertEquals(
        false, x.redeemed()[byKey.get("late/o1")], "redeemed after valid_to does not count");
    assertEquals(true, x.redeemed()[byKey.get("late/o2")]);
    assertEquals(
        false, x.redeemed()[byKey.get("late/o3")], "other offers' redemptions do not count");
    assertEquals(true, x.redeemed()[byKey.get("ontime/o1")], "the last valid day counts");
    // Features see the past only: before o3 the member had redeemed one offer (o2), which was a
    // gift.
    double[] o3 = x.features()[byKey.get("late/o3")];
    assertEquals(0, x.features()[byKey.get("late/o1")][OfferFeature.OFFERS_REDEEMED_365.ordinal()]);
    assertEquals(
        2,
        o3[OfferFeature.OFFERS_REDEEMED_365.ordinal()],
        "o2 and o1 were redeemed before o3 was sent");
    assertNull(
        x.lastRedeemedKinds()[byKey.get("late/o2")], "nothing was redeemed before o2 was sent");
    assertEquals(
        "discount", x.lastRedeemedKinds()[byKey.get("late/o3")], "o1 was redeemed last before o3");
    assertTrue(Double.isNaN(x.propensities()[0]));
    assertArrayEquals(new double[] {1, 1, 1, 1}, x.weights(10));
  }

  @Test
  void impressionsBecomeNormalisedInversePropensityWeights() {
    List<Offer> offers = List.of(offer("o1", OfferKind.DISCOUNT, "2026-01-10", "2026-01-20"));
    Dataset<Row> events =
        spark.createDataFrame(
            List.of(
                event("a1", "m1", "2026-01-10T07:00:00Z", "offer_sent", 0, "o1"),
                event("b1", "m2", "2026-01-10T07:00:00Z", "offer_sent", 0, "o1"),
                event("c1", "m3", "2026-01-10T07:00:00Z", "offer_sent", 0, "o1")),
            LoyaltySchemas.EVENTS);
    Dataset<Row> impressions =
        spark.createDataFrame(
            List.of(
                // m1: an older ranking and the one that sent it; the latest before the send wins
                RowFactory.create(
                    "r0/o1", "r0", "m1", "o1", at("2026-01-02T07:00:00Z"), 0.9, "service"),
                RowFactory.create(
                    "r1/o1", "r1", "m1", "o1", at("2026-01-10T06:59:00Z"), 0.5, "service"),
                RowFactory.create(
                    "r2/o1", "r2", "m2", "o1", at("2026-01-10T07:00:00Z"), 0.25, "service"),
                // m3: a ranking after the send is not what sent it
                RowFactory.create(
                    "r3/o1", "r3", "m3", "o1", at("2026-01-11T07:00:00Z"), 0.1, "service")),
            LoyaltySchemas.IMPRESSIONS);

    Exposures x =
        Exposures.collect(
            ExposureJob.exposures(
                members("m1", "m2", "m3"), events, offers, Optional.of(impressions)));

    Map<String, Double> propensity = new HashMap<>();
    Map<String, Double> weight = new HashMap<>();
    double[] w = x.weights(10);
    for (int i = 0; i < x.size(); i++) {
      propensity.put(x.customerIds()[i], x.propensities()[i]);
      weight.put(x.customerIds()[i], w[i]);
    }
    assertEquals(0.5, propensity.get("m1"));
    assertEquals(0.25, propensity.get("m2"));
    assertTrue(Double.isNaN(propensity.get("m3")));
    // 1/0.5 and 1/0.25 have mean 3: weights 2/3 and 4/3; the unmatched send weighs as the mean.
    assertEquals(2 / 3.0, weight.get("m1"), 1e-12);
    assertEquals(4 / 3.0, weight.get("m2"), 1e-12);
    assertEquals(1, weight.get("m3"), 1e-12);
    assertEquals(
        1.2,
        new Exposures(
                new String[2],
                new String[2],
                new int[2],
                new int[2],
                new double[2][],
                new boolean[2],
                new String[2],
                new double[] {0.01, 1})
            .weights(1.2)[0],
        1e-12,
        "weights are clipped");
  }
}
