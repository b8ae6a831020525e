package dev.treue.training.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.ingest.Csv;
import dev.treue.training.spark.SparkTestSession;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoyaltyReaderIT {
  private static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");

  @TempDir Path dir;

  private final SparkSession spark = SparkTestSession.get();

  private IngestOptions options(double share) {
    return new IngestOptions(NOW, share, dir.resolve("rejects"));
  }

  private static void write(Path file, String... lines) throws IOException {
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }

  private List<String> rejects(String table) throws IOException {
    return Files.readAllLines(dir.resolve("rejects").resolve(table + ".rejects.csv"));
  }

  /** Rejects file line {@code k} (0 = header) as line, reason, raw. */
  private String[] reject(String table, int k) throws IOException {
    String[] f = Csv.split(rejects(table).get(k), ',').orElseThrow();
    assertEquals(3, f.length, String.join("|", f));
    return f;
  }

  private void assertReject(String table, int k, long line, String reasonStart, String raw)
      throws IOException {
    String[] f = reject(table, k);
    assertEquals(Long.toString(line), f[0], String.join("|", f));
    assertTrue(f[1].startsWith(reasonStart), f[1]);
    if (raw != null) {
      assertEquals(raw, f[2]);
    }
  }

  /** Twenty good purchases and the given extra lines, so a few bad ones stay under a 25 % threshold. */
  private Path eventsFile(String... extra) throws IOException {
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    List<String> lines = EventLines.withTwentyPurchases();
    lines.addAll(List.of(extra));
    write(data.resolve("events.csv"), lines.toArray(new String[0]));
    return data;
  }

  @Test
  void validEventsHaveTheContractSchema() throws IOException {
    Path data =
        eventsFile("q1,c1,\"2024-02-29 23:00:00\",points_earned,,30,\"books, used\",o7,app");
    ValidatedTable t = new LoyaltyReader(spark, options(0.01)).events(data);
    try {
      assertEquals(LoyaltySchemas.EVENTS, t.rows().schema());
      assertEquals(21, t.rows().count());
      assertEquals(
          new TableSummary(
              "events",
              data.resolve("events.csv").toString(),
              21,
              0,
              0,
              dir.resolve("rejects/events.rejects.csv")),
          t.summary());
      Row q = t.rows().filter("event_id = 'q1'").first();
      assertEquals("c1", q.getString(1));
      assertEquals(Instant.parse("2024-02-29T23:00:00Z").toEpochMilli(), q.getLong(2));
      assertEquals("points_earned", q.getString(3));
      assertEquals(0.0, q.getDouble(4));
      assertEquals(30L, q.getLong(5));
      assertEquals("books, used", q.getString(6));
      assertEquals("o7", q.getString(7));
      assertEquals("app", q.getString(8));
      assertEquals(List.of("line,reason,raw"), rejects("events"));
    } finally {
      t.release();
    }
  }

  @Test
  void badRowsGoToTheRejectsFileWithFileLineNumbers() throws IOException {
    // lines 22.. follow the header (1) and 20 good rows (2..21); line 24 is blank and not a row
    Path data =
        eventsFile(
            "b1,,2024-01-01,purchase,1,,,,", // 22: no customer
            "b2,c1,2024-01-01,purchase,-5,,,,", // 23: negative purchase
            "", // 24: blank
            "b3,c1,2024-07-01T00:00:00Z,purchase,1,,,,", // 25: future
            "b4,c1,2024-01-01,refund,1,,,,", // 26: unknown type
            "b5,c1,2024-01-01,purchase,1,,\"open,,", // 27: broken quote
            "b6,c1,2024-01-01,purchase,1", // 28: too few fields
            "b7,c1,yesterday,purchase,1,,,,"); // 29: bad ts
    ValidatedTable t = new LoyaltyReader(spark, options(0.5)).events(data);
    try {
      assertEquals(27, t.summary().rowsRead());
      assertEquals(7, t.summary().rejected());
      assertEquals(20, t.rows().count());
      List<String> r = rejects("events");
      assertEquals(8, r.size(), String.join("\n", r));
      assertEquals("line,reason,raw", r.get(0));
      assertReject("events", 1, 22, "customer_id: missing", "b1,,2024-01-01,purchase,1,,,,");
      assertReject("events", 2, 23, "amount: '-5' is negative", null);
      assertReject("events", 3, 25, "ts: '2024-07-01T00:00:00Z' is in the future", null);
      assertReject("events", 4, 26, "type: unknown event type 'refund'", null);
      assertReject(
          "events", 5, 27, "unterminated quoted field", "b5,c1,2024-01-01,purchase,1,,\"open,,");
      assertReject("events", 6, 28, "row has 5 fields; expected 9", null);
      assertReject("events", 7, 29, "ts: expected", "b7,c1,yesterday,purchase,1,,,,");
    } finally {
      t.release();
    }
  }

  @Test
  void lineNumbersHoldAcrossManyPartitions() throws IOException {
    Path data = dir.resolve("big");
    Files.createDirectories(data);
    StringBuilder b = new StringBuilder(EventLines.HEADER).append("\r\n");
    int rows = 60_000;
    for (int i = 1; i <= rows; i++) {
      String ts = i % 10_000 == 0 ? "not-a-date" : "2024-01-01T00:00:00Z";
      b.append("e")
          .append(i)
          .append(",c")
          .append(i % 100)
          .append(',')
          .append(ts)
          .append(",purchase,10.00,,,,store-with-a-longer-name\r\n");
    }
    Files.writeString(data.resolve("events.csv"), b);
    // small splits force several partitions, so the per-partition offsets matter
    spark
        .sparkContext()
        .hadoopConfiguration()
        .set("mapreduce.input.fileinputformat.split.maxsize", "200000");
    SparkSession small = spark;
    ValidatedTable t;
    try {
      t = new LoyaltyReader(small, options(0.01)).events(data);
    } finally {
      spark
          .sparkContext()
          .hadoopConfiguration()
          .unset("mapreduce.input.fileinputformat.split.maxsize");
    }
    try {
      assertEquals(rows, t.summary().rowsRead());
      assertEquals(6, t.summary().rejected());
      List<String> r = rejects("events");
      assertEquals(7, r.size());
      for (int k = 1; k <= 6; k++) {
        int dataRow = k * 10_000;
        assertReject(
            "events",
            k,
            dataRow + 1,
            "ts: expected",
            "e" + dataRow + ",c0,not-a-date,purchase,10.00,,,,store-with-a-longer-name");
      }
    } finally {
      t.release();
    }
  }

  @Test
  void manyRejectsAreStreamedInFileOrder() throws IOException {
    // with room for one reject per partition the validation pass keeps too few: a second pass
    // writes all
    TableValidation.rejectsKeptPerPartition = 1;
    try {
      Path data =
          eventsFile(
              "r1,c1,2024-01-01,purchase,x,,,,",
              "r2,c1,2024-01-01,purchase,y,,,,",
              "r3,,2024-01-01,purchase,1,,,,");
      ValidatedTable t = new LoyaltyReader(spark, options(0.5)).events(data);
      t.release();
      assertEquals(3, t.summary().rejected());
      assertReject(
          "events", 1, 22, "amount: expected a decimal", "r1,c1,2024-01-01,purchase,x,,,,");
      assertReject("events", 2, 23, "amount: expected a decimal", null);
      assertReject("events", 3, 24, "customer_id: missing", null);
    } finally {
      TableValidation.rejectsKeptPerPartition = TableValidation.DEFAULT_REJECTS_KEPT;
    }
  }

  @Test
  void tooManyRejectsFailWithAClearMessage() throws IOException {
    Path data =
        eventsFile("x1,c1,2024-01-01,purchase,abc,,,,", "x2,c1,2024-01-01,purchase,abc,,,,");
    RejectThresholdException e =
        assertThrows(
            RejectThresholdException.class,
            () -> new LoyaltyReader(spark, options(0.05)).events(data));
    String m = e.getMessage();
    assertTrue(m.startsWith("events: 2 of 22 rows (9.09%) in " + data.resolve("events.csv")), m);
    assertTrue(m.contains("more than the allowed 5.00% (max reject share 0.05)"), m);
    assertTrue(m.endsWith(dir.resolve("rejects/events.rejects.csv").toString()), m);
    assertEquals(3, rejects("events").size()); // written before failing, so the user can look
    assertEquals(2, e.summary().rejected());
  }

  @Test
  void duplicateIdsKeepTheFirstLine() throws IOException {
    Path data =
        eventsFile(
            "g3,c9,2023-12-31T10:00:00Z,purchase,999,,,,", // repeats g3 of line 4: dropped
            "d1,c1,2024-01-01,purchase,1,,,,",
            "d1,c2,2024-01-02,purchase,2,,,,", // dropped
            "d1,c3,2024-01-03,purchase,3,,,,"); // dropped
    ValidatedTable t = new LoyaltyReader(spark, options(0.01)).events(data);
    try {
      assertEquals(24, t.summary().rowsRead());
      assertEquals(3, t.summary().duplicates());
      assertEquals(21, t.summary().valid());
      assertEquals(21, t.rows().count());
      assertEquals(21, t.rows().select("event_id").distinct().count());
      assertEquals("c1", t.rows().filter("event_id = 'd1'").first().getString(1));
      assertEquals(3.5, t.rows().filter("event_id = 'g3'").first().getDouble(4));
      assertTrue(
          t.summary().describe().contains("3 duplicate ids counted once"), t.summary().describe());
    } finally {
      t.release();
    }
  }

  @Test
  void membersFromGzipCsv() throws IOException {
    Path data = dir.resolve("m");
    Files.createDirectories(data);
    String csv =
        String.join(
                "\n",
                "customer_id,signup_date,tier,birth_date,segment,channel,profiling_consent",
                "00001,2024-01-05,Gold,1980-02-29,family,store,no",
                "00002,2024-03-01T00:30:00+02:00,,,,,",
                "00003,2024-13-01,,,,,",
                "00001,2024-02-01,,,,,")
            + "\n";
    try (OutputStream out =
        new GZIPOutputStream(Files.newOutputStream(data.resolve("customers.csv.gz")))) {
      out.write(csv.getBytes(StandardCharsets.UTF_8));
    }
    ValidatedTable t = new LoyaltyReader(spark, options(0.5)).members(data);
    try {
      assertEquals(LoyaltySchemas.MEMBERS, t.rows().schema());
      assertEquals(4, t.summary().rowsRead());
      assertEquals(1, t.summary().rejected());
      assertEquals(1, t.summary().duplicates());
      List<Row> rows = t.rows().orderBy("customer_id").collectAsList();
      assertEquals(2, rows.size());
      Row a = rows.get(0);
      assertEquals("00001", a.getString(0));
      assertEquals((int) LocalDate.of(2024, 1, 5).toEpochDay(), a.getInt(1));
      assertEquals("gold", a.getString(2));
      assertEquals((int) LocalDate.of(1980, 2, 29).toEpochDay(), a.getInt(3));
      assertEquals(false, a.getBoolean(6));
      Row b = rows.get(1);
      assertEquals((int) LocalDate.of(2024, 2, 29).toEpochDay(), b.getInt(1));
      assertEquals("basic", b.getString(2));
      assertTrue(b.isNullAt(3));
      assertEquals(true, b.getBoolean(6));
      assertReject("customers", 1, 4, "signup_date: expected a date", "00003,2024-13-01,,,,,");
    } finally {
      t.release();
    }
  }

  @Test
  void parquetInputUsesRowNumbers() throws IOException {
    Path data = dir.resolve("pq");
    List<Row> rows =
        List.of(
            org.apache.spark.sql.RowFactory.create(
                "p1",
                "c1",
                java.sql.Timestamp.from(Instant.parse("2024-02-29T23:30:00Z")),
                "purchase",
                12.5,
                3L),
            org.apache.spark.sql.RowFactory.create(
                "p2",
                "c2",
                java.sql.Timestamp.from(Instant.parse("2024-01-01T00:00:00Z")),
                "purchase",
                -1.0,
                0L),
            org.apache.spark.sql.RowFactory.create(
                "p3",
                null,
                java.sql.Timestamp.from(Instant.parse("2024-01-01T00:00:00Z")),
                "purchase",
                1.0,
                0L),
            org.apache.spark.sql.RowFactory.create(
                "p1",
                "c3",
                java.sql.Timestamp.from(Instant.parse("2024-01-02T00:00:00Z")),
                "purchase",
                1.0,
                0L));
    Dataset<Row> df =
        spark.createDataFrame(
            rows,
            DataTypes.createStructType(
                List.of(
                    DataTypes.createStructField("event_id", DataTypes.StringType, true),
                    DataTypes.createStructField("Customer_ID", DataTypes.StringType, true),
                    DataTypes.createStructField("ts", DataTypes.TimestampType, true),
                    DataTypes.createStructField("type", DataTypes.StringType, true),
                    DataTypes.createStructField("amount", DataTypes.DoubleType, true),
                    DataTypes.createStructField("points", DataTypes.LongType, true))));
    df.coalesce(1).write().parquet(data.resolve("events.parquet").toString());
    ValidatedTable t = new LoyaltyReader(spark, options(0.5)).events(data);
    try {
      assertEquals(4, t.summary().rowsRead());
      assertEquals(2, t.summary().rejected());
      assertEquals(1, t.summary().duplicates());
      Row p1 = t.rows().first();
      assertEquals("p1", p1.getString(0));
      assertEquals("c1", p1.getString(1));
      assertEquals(Instant.parse("2024-02-29T23:30:00Z").toEpochMilli(), p1.getLong(2));
      assertEquals(12.5, p1.getDouble(4));
      assertEquals(3L, p1.getLong(5));
      assertTrue(p1.isNullAt(6));
      List<String> r = rejects("events");
      assertEquals(3, r.size(), String.join("\n", r));
      assertEquals("2", reject("events", 1)[0]);
      assertTrue(
          reject("events", 1)[1].matches("\\[part-[^]]+\\.parquet\\] amount: '-1.0' is negative.*"),
          reject("events", 1)[1]);
      assertEquals("p2,c2,2024-01-01T00:00:00.000Z,purchase,-1.0,0,,,", reject("events", 1)[2]);
      assertEquals("3", reject("events", 2)[0]);
      assertTrue(
          reject("events", 2)[1].matches("\\[part-[^]]+\\.parquet\\] customer_id: missing.*"),
          reject("events", 2)[1]);
    } finally {
      t.release();
    }
  }

  @Test
  void missingTableOrColumnsAreNamed() throws IOException {
    Path data = dir.resolve("none");
    Files.createDirectories(data);
    IllegalArgumentException none =
        assertThrows(
            IllegalArgumentException.class,
            () -> new LoyaltyReader(spark, options(0.01)).events(data));
    assertTrue(
        none.getMessage()
            .contains("has no events table; expected events.csv, events.csv.gz or events.parquet"),
        none.getMessage());
    write(data.resolve("events.csv"), "event_id,customer,ts,type", "e1,c1,2024-01-01,purchase");
    IllegalArgumentException cols =
        assertThrows(
            IllegalArgumentException.class,
            () -> new LoyaltyReader(spark, options(0.01)).events(data));
    assertTrue(
        cols.getMessage().contains("events.csv: the header lacks required column(s) [customer_id]"),
        cols.getMessage());
  }
}
