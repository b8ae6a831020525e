package dev.treue.training.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.event.EventType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionImporterTest {
  private static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");

  @TempDir Path dir;

  private static TransactionImporter.Settings settings(
      String map, String tsFormat, ZoneId zone, char delimiter, double share) {
    return new TransactionImporter.Settings(
        ColumnMapping.parse(map), tsFormat, zone, delimiter, EventType.PURCHASE, share, NOW);
  }

  @Test
  void customMappingWithQuantityRefundsAndZone() throws IOException {
    Path in = dir.resolve("orders.csv");
    Files.writeString(
        in,
        String.join(
                "\n",
                "Invoice;Kunde;Datum;Menge;Einzelpreis;Warengruppe;Notiz",
                "A1;K-7;01.03.2024 00:30;2;9.95;Bücher;\"hat ; drin\"",
                "A2;K-7;02.03.2024 10:00;-1;9.95;Bücher;Storno",
                "A3;K-8;29.02.2024 23:59;1;0;Musik;gratis",
                "A4;;03.03.2024 10:00;1;5;Musik;",
                "A5;K-9;2024-03-03;1;5;Musik;",
                "A6;K-9;03.03.2024 10:00;1;5,50;Musik;",
                "A1;K-9;03.03.2024 11:00;1;5;Musik;doppelt",
                "")
            + "\n");
    Path out = dir.resolve("out");
    ImportSummary s =
        TransactionImporter.run(
            in,
            out,
            settings(
                "event_id=Invoice,customer_id=Kunde,ts=Datum,quantity=Menge,amount=Einzelpreis,category=Warengruppe",
                "dd.MM.yyyy HH:mm",
                ZoneId.of("Europe/Berlin"),
                ';',
                0.5));
    assertEquals(7, s.lines());
    assertEquals(3, s.events());
    assertEquals(3, s.rejected());
    assertEquals(1, s.duplicates());
    assertEquals(2, s.customers());
    List<String> events = Files.readAllLines(out.resolve("events.csv"));
    // 00:30 in Berlin (UTC+1 in March) is the previous day in UTC, a leap day
    assertEquals("A1,K-7,2024-02-29T23:30:00Z,purchase,19.90,,Bücher,,", events.get(1));
    assertEquals("A2,K-7,2024-03-02T09:00:00Z,return,9.95,,Bücher,,", events.get(2));
    assertEquals("A3,K-8,2024-02-29T22:59:00Z,purchase,0,,Musik,,", events.get(3));
    List<String> customers = Files.readAllLines(out.resolve("customers.csv"));
    assertEquals(
        List.of(
            "customer_id,signup_date,tier,birth_date,segment,channel,profiling_consent",
            "K-7,2024-02-29,basic,,,,true",
            "K-8,2024-02-29,basic,,,,true"),
        customers);
    List<String> r = Files.readAllLines(out.resolve("import.rejects.csv"));
    assertTrue(r.get(1).startsWith("5,customer_id (column Kunde): missing"), r.get(1));
    assertTrue(
        r.get(2)
            .startsWith(
                "6,\"ts (column Datum): expected the pattern 'dd.MM.yyyy HH:mm', got '2024-03-03'"),
        r.get(2));
    assertTrue(
        r.get(3).startsWith("7,\"amount (column Einzelpreis): expected a decimal number"),
        r.get(3));
  }

  @Test
  void gzipWithIsoTimestampsAndIdsFromLines() throws IOException {
    Path in = dir.resolve("shop-export.csv.gz");
    String csv =
        String.join(
                "\n",
                "customer,when,total",
                "c1,2024-01-05T10:00:00+01:00,12.50",
                "c2,2024-01-06,-3",
                "c1,\"2024-01-04 08:00:00\",7")
            + "\n";
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(in))) {
      o.write(csv.getBytes(StandardCharsets.UTF_8));
    }
    Path out = dir.resolve("out");
    ImportSummary s =
        TransactionImporter.run(
            in,
            out,
            settings("customer_id=customer,ts=when,amount=total", null, ZoneOffset.UTC, ',', 0.01));
    assertEquals(3, s.events());
    assertEquals(0, s.rejected());
    List<String> events = Files.readAllLines(out.resolve("events.csv"));
    assertEquals("shop-export-2,c1,2024-01-05T10:00:00+01:00,purchase,12.50,,,,", events.get(1));
    assertEquals("shop-export-3,c2,2024-01-06,return,3,,,,", events.get(2));
    assertEquals("shop-export-4,c1,2024-01-04 08:00:00,purchase,7,,,,", events.get(3));
    List<String> customers = Files.readAllLines(out.resolve("customers.csv"));
    assertEquals("c1,2024-01-04,basic,,,,true", customers.get(1));
    assertEquals("c2,2024-01-06,basic,,,,true", customers.get(2));
  }

  @Test
  void dateOnlyPattern() throws IOException {
    Path in = dir.resolve("d.csv");
    Files.writeString(in, "id,day,eur\nx,29/02/2024,1.5\n");
    Path out = dir.resolve("out");
    TransactionImporter.run(
        in,
        out,
        settings("customer_id=id,ts=day,amount=eur", "dd/MM/yyyy", ZoneOffset.UTC, ',', 0));
    assertEquals(
        "d-2,x,2024-02-29,purchase,1.5,,,,", Files.readAllLines(out.resolve("events.csv")).get(1));
  }

  @Test
  void thresholdAndHeaderErrors() throws IOException {
    Path in = dir.resolve("t.csv");
    Files.writeString(in, "id,ts,amount\na,2024-01-01,1\nb,2030-01-01,1\n");
    Path out = dir.resolve("out");
    RejectThresholdException e =
        assertThrows(
            RejectThresholdException.class,
            () ->
                TransactionImporter.run(
                    in,
                    out,
                    settings(
                        "customer_id=id,ts=ts,amount=amount", null, ZoneOffset.UTC, ',', 0.01)));
    assertTrue(
        e.getMessage().startsWith("transactions import: 1 of 2 rows (50.00%)"), e.getMessage());
    assertFalse(Files.exists(out.resolve("events.csv")));
    assertTrue(
        Files.readAllLines(out.resolve("import.rejects.csv")).get(1).contains("is in the future"));

    IllegalArgumentException h =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TransactionImporter.run(
                    in,
                    out,
                    settings("customer_id=Customer,ts=ts", null, ZoneOffset.UTC, ',', 0.01)));
    assertTrue(
        h.getMessage().contains("mapped column(s) not in the header: [customer_id=Customer]"),
        h.getMessage());
    IllegalArgumentException m =
        assertThrows(IllegalArgumentException.class, () -> ColumnMapping.parse("ts=a,price=b"));
    assertTrue(m.getMessage().contains("unknown field 'price'"), m.getMessage());
    IllegalArgumentException r =
        assertThrows(IllegalArgumentException.class, () -> ColumnMapping.parse("amount=b"));
    assertTrue(r.getMessage().contains("needs [customer_id, ts]"), r.getMessage());
  }

  @Test
  void cdnowMasterImportsThroughAMappingToo() throws IOException {
    // the generic importer cannot read blank-separated columns, so convert the master file first:
    // the same 69,659 purchases must come out
    Path csv = dir.resolve("cdnow.csv");
    List<String> lines = Files.readAllLines(CdnowFiles.dir().resolve("CDNOW_master.txt"));
    StringBuilder b = new StringBuilder("customer_id,date,number_of_cds,dollar_value\n");
    for (String line : lines.subList(1, lines.size())) {
      b.append(String.join(",", CdnowImporter.tokens(line))).append('\n');
    }
    Files.writeString(csv, b);
    ImportSummary s =
        TransactionImporter.run(
            csv,
            dir.resolve("out"),
            settings(
                "customer_id=customer_id,ts=date,amount=dollar_value",
                "yyyyMMdd",
                ZoneOffset.UTC,
                ',',
                0.01));
    assertEquals(69_659, s.events());
    assertEquals(23_570, s.customers());
    assertEquals(0, s.rejected());
  }
}
