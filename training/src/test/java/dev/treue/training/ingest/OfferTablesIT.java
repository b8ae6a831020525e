package dev.treue.training.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.ingest.Csv;
import dev.treue.core.offers.Offer;
import dev.treue.core.offers.OfferKind;
import dev.treue.training.spark.SparkTestSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offers and impressions tables through the same validation as events: rejects with reasons, optional impressions. */
class OfferTablesIT {
  private static final Instant NOW = Instant.parse("2026-07-01T00:00:00Z");

  @TempDir Path dir;

  private LoyaltyReader reader() {
    return new LoyaltyReader(
        SparkTestSession.get(), new IngestOptions(NOW, 0.5, dir.resolve("rejects")));
  }

  @Test
  void offersAreReadIntoCoreOffersAndBadRowsRejected() throws IOException {
    Files.writeString(
        dir.resolve("offers.csv"),
        String.join(
                "\n",
                "offer_id,kind,category,value,cost,points_cost,min_tier,valid_from,valid_to,budget,per_customer_cap,channels",
                "o1,discount,coffee,5.00,4.50,0,basic,2026-01-01,2026-01-31,1000.00,2,email|app",
                "o2,gift,,10.00,5.00,500,silver,2026-02-01,2026-02-14,,,",
                "o3,teleport,,1,1,0,,2026-02-01,2026-02-14,,,",
                "o1,discount,books,5.00,4.50,0,basic,2026-01-01,2026-01-31,,,")
            + "\n");

    ValidatedTable table = reader().offers(dir);
    List<Offer> offers = OfferTable.offers(table.rows());

    assertEquals(List.of("o1", "o2"), offers.stream().map(Offer::offerId).toList());
    Offer o1 = offers.get(0);
    assertEquals(OfferKind.DISCOUNT, o1.kind());
    assertEquals("coffee", o1.category());
    assertEquals(Set.of("email", "app"), o1.channels());
    assertEquals(2, o1.perCustomerCap());
    assertEquals((int) LocalDate.parse("2026-01-31").toEpochDay(), o1.validToDay());
    Offer o2 = offers.get(1);
    assertEquals(null, o2.category());
    assertEquals(Double.POSITIVE_INFINITY, o2.budget());
    assertEquals(Set.of(), o2.channels());
    assertEquals(1, table.summary().rejected());
    assertEquals(1, table.summary().duplicates());
    String[] reject =
        Csv.split(
                Files.readAllLines(dir.resolve("rejects").resolve("offers.rejects.csv")).get(1),
                ',')
            .orElseThrow();
    assertEquals("4", reject[0]);
    assertTrue(reject[1].startsWith("kind:"), reject[1]);
  }

  @Test
  void impressionsAreOptionalAndValidated() throws IOException {
    assertTrue(reader().impressions(dir).isEmpty(), "no impressions table: nothing to correct for");

    Files.writeString(
        dir.resolve("impressions.csv"),
        String.join(
                "\n",
                "ranking_id,customer_id,offer_id,ts,propensity,policy",
                "r1,c1,o1,2026-03-01T09:00:00+01:00,0.25,campaign",
                "r1,c1,o2,2026-03-01T09:00:00+01:00,0.75,campaign",
                "r2,c2,o1,2026-03-02T09:00:00Z,0,campaign",
                "r1,c1,o1,2026-03-01T09:00:00+01:00,0.5,campaign")
            + "\n");

    ValidatedTable table = reader().impressions(dir).orElseThrow();
    List<Row> rows = table.rows().orderBy("impression_id").collectAsList();

    assertEquals(2, rows.size());
    assertEquals("r1/o1", rows.get(0).getString(0));
    assertEquals(
        0.25, rows.get(0).getDouble(5), "the first row of a repeated ranking and offer wins");
    assertEquals(Instant.parse("2026-03-01T08:00:00Z").toEpochMilli(), rows.get(0).getLong(4));
    assertEquals(1, table.summary().rejected());
    assertEquals(1, table.summary().duplicates());
    String[] reject =
        Csv.split(
                Files.readAllLines(dir.resolve("rejects").resolve("impressions.rejects.csv"))
                    .get(1),
                ',')
            .orElseThrow();
    assertTrue(reject[1].startsWith("propensity:"), reject[1]);
  }
}
