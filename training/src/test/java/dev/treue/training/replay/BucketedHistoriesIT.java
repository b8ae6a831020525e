package dev.treue.training.replay;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.treue.training.files.Location;
import dev.treue.training.ingest.IngestOptions;
import dev.treue.training.ingest.LoyaltyData;
import dev.treue.training.ingest.ProfilingConsent;
import dev.treue.training.ingest.ValidatedFolder;
import dev.treue.training.snapshot.SnapshotJob;
import dev.treue.training.spark.Lineage;
import dev.treue.training.spark.SparkTestSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder {@code validate --out} wrote keeps members and events in the same member buckets, so the
 * jobs' replay reads each member's history without shuffling an event: the committed sample's
 * histories, and the snapshots built from them, are the same from the validated folder (no shuffle)
 * as from the CSV source (one shuffle), and a side that was shuffled since takes the shuffle again.
 */
class BucketedHistoriesIT {
  private static final Path SAMPLE = Path.of("..", "data", "sample");

  @TempDir static Path dir;
  private static SparkSession spark;
  private static LoyaltyData csv;
  private static LoyaltyData valid;

  @BeforeAll
  static void validate() {
    spark = SparkTestSession.get();
    IngestOptions options = IngestOptions.defaults(dir.resolve("rejects"));
    ValidatedFolder.write(
        spark, Location.local(SAMPLE), Location.local(dir.resolve("valid")), options, s -> {});
    csv = LoyaltyData.read(spark, SAMPLE, options);
    valid = LoyaltyData.read(spark, dir.resolve("valid"), options);
  }

  @Test
  void membersAndEventsShareBucketsEachFileNamingItsOwn() throws IOException {
    int customers = buckets("customers");
    assertEquals(customers, buckets("events"), "both tables in the same buckets");
    assertTrue(customers >= 2, "a bucket for each core at least: " + customers);
    for (String table : List.of("customers", "events")) {
      try (Stream<Path> files = Files.list(dir.resolve("valid").resolve(table + ".parquet"))) {
        for (Path f : files.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
          String name = f.getFileName().toString();
          assertTrue(name.matches("part-(\\d{5})-.*_\\1\\.c\\d+\\..*parquet"), name);
          // the member id stored plain (read without a dictionary lookup per row), the rest as
          // Parquet chooses (the event type through its dictionary)
          try (ParquetFileReader parquet =
              ParquetFileReader.open(
                  HadoopInputFile.fromPath(
                      new org.apache.hadoop.fs.Path(f.toUri()), new Configuration()))) {
            for (BlockMetaData block : parquet.getFooter().getBlocks()) {
              for (ColumnChunkMetaData c : block.getColumns()) {
                String column = c.getPath().toDotString();
                if (column.equals("customer_id")) {
                  assertFalse(c.hasDictionaryPage(), name + ": customer_id without a dictionary");
                } else if (column.equals("type")) {
                  assertTrue(c.hasDictionaryPage(), name + ": type through a dictionary");
                }
              }
            }
          }
        }
      }
    }
  }

  @Test
  void aValidatedFolderGivesTheSameHistoriesWithoutAShuffle() {
    JavaRDD<StreamedHistories.History> fromCsv =
        StreamedHistories.histories(csv.memberRows(), csv.eventRows());
    JavaRDD<StreamedHistories.History> fromValid =
        StreamedHistories.histories(valid.memberRows(), valid.eventRows());
    assertEquals(1, Lineage.shuffles(fromCsv.rdd()), "a CSV source is shuffled to its members");
    assertEquals(0, Lineage.shuffles(fromValid.rdd()), "a validated folder is read in buckets");
    List<String> expected = histories(fromCsv);
    assertEquals(csv.memberRows().count(), expected.size());
    assertEquals(expected, histories(fromValid));

    // filtered as the jobs filter (consent, events before a day): still in buckets
    Dataset<Row> consenting = valid.memberRows().filter(ProfilingConsent.given());
    Dataset<Row> before = MemberReplay.eventsForReplayBefore(valid.eventRows(), 1_775_000_000_000L);
    JavaRDD<StreamedHistories.History> filtered = StreamedHistories.histories(consenting, before);
    assertEquals(0, Lineage.shuffles(filtered.rdd()));
    assertEquals(
        histories(
            StreamedHistories.histories(
                csv.memberRows().filter(ProfilingConsent.given()),
                MemberReplay.eventsForReplayBefore(csv.eventRows(), 1_775_000_000_000L))),
        histories(filtered));

    // events shuffled since (by another key): their buckets are gone, so the histories shuffle
    JavaRDD<StreamedHistories.History> reshuffled =
        StreamedHistories.histories(
            valid.memberRows(), valid.eventRows().repartition(3, col("event_id")));
    assertEquals(2, Lineage.shuffles(reshuffled.rdd()));
    assertEquals(expected, histories(reshuffled));
  }

  @Test
  void plainBucketedScansAreReadFromTheirColumnBatchesAndAnythingElseFromSparksRows() {
    Dataset<Row> consenting = valid.memberRows().filter(ProfilingConsent.given());
    Dataset<Row> before = MemberReplay.eventsForReplayBefore(valid.eventRows(), 1_775_000_000_000L);
    assertTrue(ColumnarScan.of(consenting, ColumnarHistories.MEMBER_COLUMNS).isPresent());
    assertTrue(ColumnarScan.of(before, ColumnarHistories.EVENT_COLUMNS).isPresent());
    assertTrue(
        ColumnarScan.of(
                valid
                    .eventRows()
                    .select(
                        "customer_id",
                        "ts_millis",
                        "event_id",
                        "type",
                        "amount",
                        "points",
                        "category",
                        "offer_id"),
                ColumnarHistories.EVENT_COLUMNS)
            .isPresent(),
        "a projection of columns");
    assertFalse(
        ColumnarScan.of(csv.eventRows(), ColumnarHistories.EVENT_COLUMNS).isPresent(),
        "no buckets");
    Dataset<Row> computed = valid.eventRows().withColumn("amount", col("amount").multiply(2));
    assertFalse(ColumnarScan.of(computed, ColumnarHistories.EVENT_COLUMNS).isPresent());
    assertFalse(
        ColumnarScan.of(valid.eventRows().drop("offer_id"), ColumnarHistories.EVENT_COLUMNS)
            .isPresent(),
        "a column missing");

    // A computed column keeps the buckets (no shuffle) but is read from Spark's rows: the same.
    Dataset<Row> same = before.withColumn("amount", col("amount").multiply(1));
    JavaRDD<StreamedHistories.History> fromRows = StreamedHistories.histories(consenting, same);
    JavaRDD<StreamedHistories.History> fromBatches =
        StreamedHistories.histories(consenting, before);
    assertEquals(0, Lineage.shuffles(fromRows.rdd()));
    assertEquals(0, Lineage.shuffles(fromBatches.rdd()));
    // Spark's rows come from the planned stage (toRdd), the batches straight from the scan
    String rows = fromRows.rdd().toDebugString();
    String batches = fromBatches.rdd().toDebugString();
    assertTrue(rows.contains("toRdd") && !rows.contains("executeColumnar"), rows);
    assertTrue(batches.contains("executeColumnar") && !batches.contains("toRdd"), batches);
    assertEquals(histories(fromBatches), histories(fromRows));
  }

  @Test
  void batchesEndingInsideAMembersHistoryGiveTheSameHistories() {
    List<String> expected =
        histories(StreamedHistories.histories(csv.memberRows(), csv.eventRows()));
    String key = "spark.sql.parquet.columnarReaderBatchSize";
    String was = spark.conf().get(key);
    try {
      for (String rows : List.of("1", "7", "64")) {
        spark.conf().set(key, rows); // read when the histories are planned
        assertEquals(
            expected,
            histories(StreamedHistories.histories(valid.memberRows(), valid.eventRows())),
            rows + " rows a batch");
      }
    } finally {
      spark.conf().set(key, was);
    }
    // and with Spark's row-by-row Parquet reader, which has no batches: Spark's rows
    String vectorized = "spark.sql.parquet.enableVectorizedReader";
    spark.conf().set(vectorized, "false");
    try {
      assertFalse(ColumnarScan.of(valid.eventRows(), ColumnarHistories.EVENT_COLUMNS).isPresent());
      assertEquals(
          expected, histories(StreamedHistories.histories(valid.memberRows(), valid.eventRows())));
    } finally {
      spark.conf().set(vectorized, "true");
    }
  }

  @Test
  void aFolderValidatedBeforeBucketsIsReadWithTheShuffle() throws IOException {
    Path old = dir.resolve("old");
    ValidatedFolder.write(
        spark,
        Location.local(SAMPLE),
        Location.local(old),
        IngestOptions.defaults(dir.resolve("rejects-old")),
        s -> {});
    for (String table : List.of("customers", "events")) {
      Path manifest = old.resolve(table + ".parquet").resolve("_treue-validated.json");
      ObjectNode m = (ObjectNode) new ObjectMapper().readTree(manifest.toFile());
      m.remove("memberBuckets"); // as written before the buckets
      Files.writeString(manifest, m.toString());
    }
    LoyaltyData before =
        LoyaltyData.read(spark, old, IngestOptions.defaults(dir.resolve("rejects-old")));
    JavaRDD<StreamedHistories.History> rows =
        StreamedHistories.histories(before.memberRows(), before.eventRows());
    assertEquals(1, Lineage.shuffles(rows.rdd()));
    assertEquals(
        histories(StreamedHistories.histories(csv.memberRows(), csv.eventRows())), histories(rows));
  }

  @Test
  void withoutTheirIdsEventsAreTheSameInTheSameOrder() throws IOException {
    // The committed sample: the same histories but for the ids, from batches and from the source.
    assertEquals(
        withoutIds(histories(StreamedHistories.histories(csv.memberRows(), csv.eventRows()))),
        histories(
            StreamedHistories.histories(
                valid.memberRows(), valid.eventRows(), StreamedHistories.EventIds.NOT_NEEDED)));

    // Events at the same time whose ids sort as neither their file order nor their amounts (case,
    // digits, the contract's punctuation), members whose events are all tied: the bucket keeps
    // them in replay order, so a replay without ids folds them as one with ids.
    Path src = dir.resolve("tied-source");
    Files.createDirectories(src);
    Files.writeString(
        src.resolve("customers.csv"),
        "customer_id,signup_date,tier,birth_date,segment,channel,profiling_consent\n"
            + "mA,2024-01-01,basic,,regular,app,true\n"
            + "m-b.2,2024-01-01,basic,,regular,app,true\n");
    StringBuilder events =
        new StringBuilder("event_id,customer_id,ts,type,amount,points,category,offer_id,channel\n");
    String[] ids = {"b", "B", "a:1", "a.1", "A", "9", "a-1"};
    for (String member : List.of("mA", "m-b.2")) {
      for (int i = 0; i < ids.length; i++) {
        events.append(
            String.format(
                "%s%s,%s,2024-03-01T10:00:00Z,purchase,%d.00,,books,,web%n",
                ids[i], member, member, i + 1));
      }
      events.append(
          String.format(
              "late%s,%s,2024-03-02T10:00:00Z,purchase,99.00,,books,,web%n", member, member));
    }
    Files.writeString(src.resolve("events.csv"), events.toString());
    IngestOptions options = IngestOptions.defaults(dir.resolve("rejects-tied"));
    ValidatedFolder.write(
        spark, Location.local(src), Location.local(dir.resolve("tied")), options, s -> {});
    LoyaltyData source = LoyaltyData.read(spark, src, options);
    LoyaltyData tied = LoyaltyData.read(spark, dir.resolve("tied"), options);
    List<String> fromSource =
        histories(StreamedHistories.histories(source.memberRows(), source.eventRows()));
    assertEquals(2, fromSource.size());
    for (String history : fromSource) {
      // the ids' order: 9, A, B, a-1, a.1, a:1, b
      assertTrue(
          history.matches(
              ".*amount=6\\.0.*amount=5\\.0.*amount=2\\.0.*amount=7\\.0.*amount=4\\.0"
                  + ".*amount=3\\.0.*amount=1\\.0.*amount=99\\.0.*"),
          history);
    }
    assertEquals(
        fromSource,
        histories(StreamedHistories.histories(tied.memberRows(), tied.eventRows())),
        "from the bucket's batches, with ids");
    assertEquals(
        withoutIds(fromSource),
        histories(
            StreamedHistories.histories(
                tied.memberRows(), tied.eventRows(), StreamedHistories.EventIds.NOT_NEEDED)),
        "from the bucket's batches, without ids");
  }

  @Test
  void snapshotsFromBucketsEqualSnapshotsFromTheSource() {
    List<LocalDate> cutoffs = List.of(LocalDate.parse("2025-12-31"), LocalDate.parse("2026-03-31"));
    LocalDate end = LocalDate.parse("2026-06-30");
    assertEquals(
        sortedRows(SnapshotJob.snapshots(csv.memberRows(), csv.eventRows(), cutoffs, 90, end)),
        sortedRows(SnapshotJob.snapshots(valid.memberRows(), valid.eventRows(), cutoffs, 90, end)));
  }

  private static int buckets(String table) throws IOException {
    JsonNode m =
        new ObjectMapper()
            .readTree(
                dir.resolve("valid")
                    .resolve(table + ".parquet")
                    .resolve("_treue-validated.json")
                    .toFile());
    return m.get("memberBuckets").asInt();
  }

  /** Every member's profile and events in replay order, one line each, sorted. */
  private static List<String> histories(JavaRDD<StreamedHistories.History> histories) {
    List<String> out = new ArrayList<>(histories.map(h -> h.member() + " " + h.events()).collect());
    out.sort(null);
    return out;
  }

  /** The same lines with every event's id null, as a replay without ids gives them. */
  private static List<String> withoutIds(List<String> histories) {
    List<String> out = new ArrayList<>();
    for (String h : histories) {
      out.add(h.replaceAll("LoyaltyEvent\\[eventId=[^,]*,", "LoyaltyEvent[eventId=null,"));
    }
    return out;
  }

  private static List<String> sortedRows(Dataset<Row> rows) {
    List<String> out = new ArrayList<>();
    for (Row r : rows.collectAsList()) {
      out.add(r.toString());
    }
    out.sort(null);
    return out;
  }
}
