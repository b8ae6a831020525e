package dev.treue.training.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.ingest.Csv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdnowImporterTest {
  @TempDir Path dir;

  private static Map<String, String> signupById(Path customersCsv) throws IOException {
    Map<String, String> m = new HashMap<>();
    for (String line :
        Files.readAllLines(customersCsv).subList(1, Files.readAllLines(customersCsv).size())) {
      String[] f = line.split(",", -1);
      m.put(f[0], f[1]);
    }
    return m;
  }

  private static void assertReject(String rejectsLine, long line, String reasonStart) {
    String[] f = Csv.split(rejectsLine, ',').orElseThrow();
    assertEquals(Long.toString(line), f[0], rejectsLine);
    assertTrue(f[1].startsWith(reasonStart), f[1]);
  }

  @Test
  void masterFileImportsEveryPurchase() throws IOException {
    Path out = dir.resolve("master");
    ImportSummary s =
        CdnowImporter.run(CdnowFiles.dir().resolve("CDNOW_master.txt"), out, 0.01, Instant.now());
    assertEquals("cdnow master", s.layout());
    assertEquals(69_659, s.lines());
    assertEquals(69_659, s.events());
    assertEquals(23_570, s.customers());
    assertEquals(0, s.rejected());
    List<String> events = Files.readAllLines(out.resolve("events.csv"));
    assertEquals(69_660, events.size());
    assertEquals(
        "event_id,customer_id,ts,type,amount,points,category,offer_id,channel", events.get(0));
    assertEquals("cdnow-2,00001,1997-01-01,purchase,11.77,,,,", events.get(1));
    assertTrue(
        events.stream().anyMatch(l -> l.contains(",purchase,0.00,")),
        "zero-dollar purchases are kept");
    List<String> customers = Files.readAllLines(out.resolve("customers.csv"));
    assertEquals(23_571, customers.size());
    assertEquals(
        "customer_id,signup_date,tier,birth_date,segment,channel,profiling_consent",
        customers.get(0));
    assertEquals("00001,1997-01-01,basic,,,,true", customers.get(1));
    // the cohort joined in Q1 1997: every signup (first purchase) falls in it
    assertTrue(
        customers.stream().skip(1).allMatch(l -> l.split(",")[1].compareTo("1997-04-01") < 0));
    assertEquals(List.of("line,reason,raw"), Files.readAllLines(out.resolve("import.rejects.csv")));
  }

  @Test
  void sampleUsesMasterIds() throws IOException {
    Path master = dir.resolve("master");
    Path sample = dir.resolve("sample");
    CdnowImporter.run(CdnowFiles.dir().resolve("CDNOW_master.txt"), master, 0.01, Instant.now());
    ImportSummary s =
        CdnowImporter.run(
            CdnowFiles.dir().resolve("CDNOW_sample.txt"), sample, 0.01, Instant.now());
    assertEquals("cdnow sample", s.layout());
    assertEquals(6_919, s.events());
    assertEquals(2_357, s.customers());
    assertEquals(0, s.rejected());
    assertEquals(
        "cdnow-1,00004,1997-01-01,purchase,29.33,,,,",
        Files.readAllLines(sample.resolve("events.csv")).get(1));
    Map<String, String> masterSignup = signupById(master.resolve("customers.csv"));
    Map<String, String> sampleSignup = signupById(sample.resolve("customers.csv"));
    sampleSignup.forEach((id, day) -> assertEquals(masterSignup.get(id), day, "signup of " + id));
  }

  @Test
  void badLinesAreRejectedWithTheirLineNumbers() throws IOException {
    Path in = dir.resolve("bad.txt");
    StringBuilder b = new StringBuilder(" customer_id  date number_of_cds  dollar_value\r\n");
    for (int i = 1; i <= 20; i++) {
      b.append(String.format(" %05d 19970101  1  10.00\r\n", i));
    }
    b.append(" 00021 19970231  1  10.00\r\n"); // line 22: no such day
    b.append(" 00022 19970101  1  -3.00\r\n"); // line 23: negative
    b.append(" 00023 19970101  1\r\n"); // line 24: short
    b.append(" 00024 1997-01-01  1  1.00\r\n"); // line 25: date form
    b.append(" 00025 19970101  x  1.00\r\n"); // line 26: count
    b.append(" 00026 19970101  1  1,00\r\n"); // line 27: decimal comma
    Files.writeString(in, b);
    Path out = dir.resolve("out");
    ImportSummary s = CdnowImporter.run(in, out, 0.5, Instant.now());
    assertEquals(26, s.lines());
    assertEquals(20, s.events());
    assertEquals(6, s.rejected());
    List<String> r = Files.readAllLines(out.resolve("import.rejects.csv"));
    assertReject(r.get(1), 22, "date: expected");
    assertReject(r.get(2), 23, "dollar_value: '-3.00' is negative");
    assertReject(r.get(3), 24, "expected 4 blank-separated columns (cdnow master), got 3");
    assertReject(r.get(4), 25, "date: expected yyyymmdd, got '1997-01-01'");
    assertReject(r.get(5), 26, "number_of_cds: expected a whole number");
    assertReject(r.get(6), 27, "dollar_value: expected a decimal");
    assertEquals(" 00026 19970101  1  1,00", Csv.split(r.get(6), ',').orElseThrow()[2]);

    Path strict = dir.resolve("strict");
    RejectThresholdException e =
        assertThrows(
            RejectThresholdException.class,
            () -> CdnowImporter.run(in, strict, 0.01, Instant.now()));
    assertTrue(
        e.getMessage().startsWith("cdnow master import: 6 of 26 rows (23.08%) in " + in),
        e.getMessage());
    assertTrue(
        e.getMessage().endsWith(strict.resolve("import.rejects.csv").toString()), e.getMessage());
    assertFalse(Files.exists(strict.resolve("events.csv")), "a failed import writes no tables");
    assertFalse(Files.exists(strict.resolve("customers.csv")));
    assertFalse(Files.exists(strict.resolve("events.csv.tmp")));
  }

  @Test
  void unknownLayoutIsNamed() throws IOException {
    Path in = dir.resolve("odd.txt");
    Files.writeString(in, "a b c\n");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CdnowImporter.run(in, dir.resolve("o"), 0.01, Instant.now()));
    assertTrue(e.getMessage().contains("line 1: expected the CDNOW master layout"), e.getMessage());
    assertTrue(e.getMessage().contains("got 3 columns"), e.getMessage());
  }
}
