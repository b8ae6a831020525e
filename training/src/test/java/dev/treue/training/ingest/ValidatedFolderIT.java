package dev.treue.training.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.training.cli.CliRun;
import dev.treue.training.files.Location;
import dev.treue.training.spark.SparkTestSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate --out}: a folder validated once reads back as the same rows and counts as its
 * source, and a folder that changed, is stale or was validated "later" than a job is refused.
 */
class ValidatedFolderIT {
  private static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");
  // the longest member id the contract allows
  private static final String LONG_ID = "c" + "x".repeat(63);
  // a combining accent, an astral-plane letter and a right-to-left mark: kept character for
  // character
  private static final String ODD_TEXT = "Kaffee e\u0301 \uD835\uDD18 \u200F";

  @TempDir Path dir;

  private final SparkSession spark = SparkTestSession.get();
  private Path data;

  private IngestOptions options(double share) {
    return new IngestOptions(NOW, share, dir.resolve("rejects"));
  }

  @BeforeEach
  void source() throws IOException {
    data = Files.createDirectories(dir.resolve("data"));
    List<String> events = EventLines.withTwentyPurchases();
    events.add("tiny,c1,2024-02-29T23:59:59Z,purchase,0.01,,,,store");
    events.add("huge," + LONG_ID + ",2024-03-01,purchase,99999999.99,," + ODD_TEXT + ",,store");
    events.add("bad,c2,2024-01-01,purchase,-3,,,,store"); // negative amount: rejected
    events.add("g1,c2,2024-05-01,purchase,1,,,,store"); // repeated id: counted once
    Files.write(data.resolve("events.csv"), events, StandardCharsets.UTF_8);
    List<String> customers = EventLines.threeCustomers();
    customers.add(LONG_ID + ",2023-04-01,basic,");
    Files.write(data.resolve("customers.csv"), customers, StandardCharsets.UTF_8);
    Files.writeString(data.resolve("truth.csv"), "customer_id,cutoff,p\nc0,2024-01-31,0.5\n");
  }

  private ValidatedFolder.Written validate(Path out) {
    return ValidatedFolder.write(
        spark, Location.local(data), Location.local(out), options(0.5), s -> {});
  }

  @Test
  void aValidatedFolderReadsBackAsTheSameRowsAndCountsAsItsSource() throws IOException {
    Path out = dir.resolve("valid");
    ValidatedFolder.Written w = validate(out);
    assertEquals(
        List.of("customers", "events"), w.tables().stream().map(TableSummary::table).toList());
    assertEquals(List.of("truth.csv"), w.copied());
    assertEquals(
        Files.readString(data.resolve("truth.csv")), Files.readString(out.resolve("truth.csv")));

    LoyaltyReader reader = new LoyaltyReader(spark, options(0.5));
    ValidatedTable fromCsv = reader.events(data);
    TableSummary csvSummary = fromCsv.summary();
    List<String> csvRows = ValidatedRows.sorted(fromCsv);
    ValidatedTable fromFolder = reader.events(out);
    TableSummary summary = fromFolder.summary();
    List<String> folderRows = ValidatedRows.sorted(fromFolder);

    assertEquals(csvRows, folderRows);
    assertEquals(22, folderRows.size());
    assertTrue(
        folderRows.stream()
            .anyMatch(
                r -> r.contains(LONG_ID) && r.contains(ODD_TEXT) && r.contains("9.999999999E7")),
        String.join("\n", folderRows));
    assertEquals(csvSummary.rowsRead(), summary.rowsRead());
    assertEquals(1, summary.rejected());
    assertEquals(1, summary.duplicates());
    assertTrue(summary.source().contains("validated " + NOW), summary.source());
    List<String> rejects = Files.readAllLines(summary.rejectsFile());
    assertEquals(2, rejects.size(), String.join("\n", rejects));
    assertTrue(rejects.get(1).startsWith("24,"), rejects.get(1));
    assertEquals(
        ValidatedRows.sorted(reader.members(data)), ValidatedRows.sorted(reader.members(out)));
  }

  @Test
  void aSourceWithoutRepeatedIdsIsReadOnceWhileItsRowsAreWritten() throws Exception {
    List<String> events = EventLines.withTwentyPurchases();
    for (int i = 0; i < 2_000; i++) {
      events.add("m" + i + ",c" + (i % 3) + ",2024-02-01,purchase," + (i + 1) + ",,,,store");
    }
    events.add("bad,c2,2024-01-01,purchase,-3,,,,store");
    Files.write(data.resolve("events.csv"), events, StandardCharsets.UTF_8);
    long lines = events.size() + EventLines.threeCustomers().size() + 1;

    Path out = dir.resolve("valid");
    long read = SourceRecords.readWhile(spark, () -> validate(out));

    // the validation pass and the write were two passes over the source: twice its lines
    assertTrue(read >= lines && read < lines + 10, read + " records read of " + lines + " lines");
    ValidatedTable written = new LoyaltyReader(spark, options(0.5)).events(out);
    assertEquals(2_020, written.rows().count());
    assertEquals(2_021, written.summary().rowsRead());
    assertEquals(1, written.summary().rejected());
    assertEquals(0, written.summary().duplicates());
    List<String> rejects = Files.readAllLines(written.summary().rejectsFile());
    assertEquals(List.of("line,reason,raw"), rejects.subList(0, 1));
    assertTrue(rejects.get(1).startsWith("2022,"), rejects.get(1));
  }

  @Test
  void rejectsBeyondThoseKeptInThePassAreListedInFileOrder() throws IOException {
    List<String> events = EventLines.withTwentyPurchases();
    for (int i = 0; i < 5; i++) {
      events.add("bad" + i + ",c2,2024-01-01,purchase,-" + (i + 1) + ",,,,store");
    }
    Files.write(data.resolve("events.csv"), events, StandardCharsets.UTF_8);
    TableValidation.rejectsKeptPerPartition = 1;
    try {
      validate(dir.resolve("valid"));
    } finally {
      TableValidation.rejectsKeptPerPartition = TableValidation.DEFAULT_REJECTS_KEPT;
    }
    ValidatedTable written = new LoyaltyReader(spark, options(0.5)).events(dir.resolve("valid"));
    assertEquals(20, written.rows().count());
    List<String> rejects = Files.readAllLines(written.summary().rejectsFile());
    assertEquals(6, rejects.size(), String.join("\n", rejects));
    for (int i = 0; i < 5; i++) {
      assertTrue(rejects.get(i + 1).startsWith((22 + i) + ","), rejects.get(i + 1));
      assertTrue(
          rejects
              .get(i + 1)
              .contains("\"bad" + i + ",c2,2024-01-01,purchase,-" + (i + 1) + ",,,,store\""),
          rejects.get(i + 1));
    }
  }

  @Test
  void aParquetSourceWithARepeatAcrossItsFilesIsWrittenAsItsOwnReadGivesIt() throws IOException {
    List<Row> events = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      events.add(
          RowFactory.create(
              "e" + i, "c" + (i % 3), "2024-01-0" + (1 + i % 9), "purchase", i + 0.5));
    }
    events.add(RowFactory.create("e7", "c2", "2024-05-01", "purchase", 1.0)); // repeated id
    events.add(RowFactory.create("neg", "c1", "2024-01-01", "purchase", -1.0)); // rejected
    Files.delete(data.resolve("events.csv"));
    spark
        .createDataFrame(
            events,
            DataTypes.createStructType(
                List.of(
                    DataTypes.createStructField("event_id", DataTypes.StringType, true),
                    DataTypes.createStructField("customer_id", DataTypes.StringType, true),
                    DataTypes.createStructField("ts", DataTypes.StringType, true),
                    DataTypes.createStructField("type", DataTypes.StringType, true),
                    DataTypes.createStructField("amount", DataTypes.DoubleType, true))))
        .repartition(3)
        .write()
        .parquet(data.resolve("events.parquet").toString());

    Path out = dir.resolve("valid");
    validate(out);

    LoyaltyReader reader = new LoyaltyReader(spark, options(0.5));
    TableSummary source = reader.events(data).summary();
    ValidatedTable written = reader.events(out);
    assertEquals(42, written.summary().rowsRead());
    assertEquals(1, written.summary().rejected());
    assertEquals(1, written.summary().duplicates());
    assertEquals(source.rowsRead(), written.summary().rowsRead());
    assertEquals(source.duplicates(), written.summary().duplicates());
    assertEquals(ValidatedRows.sorted(reader.events(data)), ValidatedRows.sorted(written));
    List<String> rejects = Files.readAllLines(written.summary().rejectsFile());
    assertEquals(2, rejects.size(), String.join("\n", rejects));
    assertTrue(rejects.get(1).contains("amount: '-1.0' is negative"), rejects.get(1));
  }

  @Test
  void tooManyRejectsLeaveTheEarlierFolderAsItWas() throws IOException {
    Path out = dir.resolve("valid");
    validate(out);
    List<String> events = EventLines.withTwentyPurchases();
    for (int i = 0; i < 30; i++) {
      events.add("bad" + i + ",c2,2024-01-01,purchase,-3,,,,store");
    }
    Files.write(data.resolve("events.csv"), events, StandardCharsets.UTF_8);

    RejectThresholdException e = assertThrows(RejectThresholdException.class, () -> validate(out));
    assertEquals(30, e.summary().rejected());
    ValidatedTable kept = new LoyaltyReader(spark, options(0.5)).events(out);
    assertEquals(22, kept.rows().count());
    assertEquals(1, kept.summary().duplicates());
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(
          List.of("data", "rejects", "valid"),
          s.map(p -> p.getFileName().toString()).sorted(Comparator.naturalOrder()).toList());
    }
  }

  @Test
  void memberBucketsKeepNoStatisticsAndNoDictionaryForIdsOneARow() throws IOException {
    Path out = dir.resolve("valid");
    validate(out);
    Path part;
    try (Stream<Path> s = Files.list(out.resolve("events.parquet"))) {
      part =
          s.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
    }
    try (ParquetFileReader reader =
        ParquetFileReader.open(
            HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(part.toUri()), new Configuration()))) {
      List<ColumnChunkMetaData> columns = reader.getFooter().getBlocks().get(0).getColumns();
      assertEquals(LoyaltySchemas.EVENTS.size(), columns.size());
      for (ColumnChunkMetaData c : columns) {
        String name = c.getPath().toDotString();
        assertFalse(c.getStatistics().hasNonNullValue(), name + " keeps statistics");
        if (name.equals("event_id") || name.equals("customer_id")) {
          assertFalse(c.hasDictionaryPage(), name + " has a dictionary");
        }
      }
    }
  }

  /** Runs {@code ./treue validate} in this JVM. */
  private static CliRun validateCommand(String... args) {
    List<String> all = new ArrayList<>(List.of("validate", "--now", NOW.toString()));
    all.addAll(List.of(args));
    return CliRun.of(all);
  }

  @Test
  void theCommandWritesTheFolderAndRefusesAnOutInsideTheSource() throws IOException {
    Path out = dir.resolve("valid");
    String rejects = dir.resolve("rejects").toString();
    CliRun r =
        validateCommand(
            "--data",
            data.toString(),
            "--out",
            out.toString(),
            "--rejects",
            rejects,
            "--max-reject-share",
            "0.5");
    assertEquals(0, r.status(), r.out() + r.err());
    assertTrue(
        Files.isRegularFile(out.resolve("events.parquet").resolve(ValidatedParquet.MANIFEST)));
    assertTrue(
        Files.isRegularFile(out.resolve("customers.parquet").resolve(ValidatedParquet.MANIFEST)));

    r =
        validateCommand(
            "--data", data.toString(), "--out", data.resolve("v").toString(), "--rejects", rejects);
    assertTrue(r.status() != 0, r.out() + r.err());
    assertTrue(r.err().contains("apart from the data folder"), r.err());
    assertFalse(Files.exists(data.resolve("v")));
  }

  @Test
  void aPartFileChangedAfterValidationIsNamedAndTheTableIsNotRead() throws IOException {
    Path out = dir.resolve("valid");
    validate(out);
    Path events = out.resolve("events.parquet");
    Path part;
    try (Stream<Path> s = Files.list(events)) {
      part =
          s.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
    }
    Files.write(part, new byte[] {0}, StandardOpenOption.APPEND);
    LoyaltyReader reader = new LoyaltyReader(spark, options(0.5));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> reader.events(out));
    assertTrue(e.getMessage().contains(part.getFileName() + " was "), e.getMessage());
    assertTrue(e.getMessage().contains("validate the source again"), e.getMessage());

    Files.delete(part);
    e = assertThrows(IllegalArgumentException.class, () -> reader.events(out));
    assertTrue(e.getMessage().contains(part.getFileName() + " is missing"), e.getMessage());

    // a folder Spark would read as a partition of the table
    Path customers = out.resolve("customers.parquet");
    Files.createDirectories(customers.resolve("tier=gold"));
    e = assertThrows(IllegalArgumentException.class, () -> reader.members(out));
    assertTrue(e.getMessage().contains("tier=gold was not validated"), e.getMessage());
  }

  @Test
  void aStaleOrBrokenManifestIsRefusedWithTheReason() throws IOException {
    Path out = dir.resolve("valid");
    validate(out);
    Path manifest = out.resolve("events.parquet").resolve(ValidatedParquet.MANIFEST);
    String original = Files.readString(manifest);

    LoyaltyReader earlier =
        new LoyaltyReader(spark, new IngestOptions(NOW.minusSeconds(1), 0.5, dir.resolve("r")));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> earlier.events(out));
    assertTrue(e.getMessage().contains("after this job's now"), e.getMessage());

    LoyaltyReader strict = new LoyaltyReader(spark, options(0.01));
    RejectThresholdException r =
        assertThrows(RejectThresholdException.class, () -> strict.events(out));
    assertEquals(1, r.summary().rejected());

    LoyaltyReader reader = new LoyaltyReader(spark, options(0.5));
    Files.writeString(manifest, original.replace("\\\"amount\\\"", "\\\"amount_cents\\\""));
    e = assertThrows(IllegalArgumentException.class, () -> reader.events(out));
    assertTrue(e.getMessage().contains("older data contract"), e.getMessage());

    Files.writeString(
        manifest, original.replace(ValidatedParquet.FORMAT, "treue-validated-table/0"));
    e = assertThrows(IllegalArgumentException.class, () -> reader.events(out));
    assertTrue(e.getMessage().contains("treue-validated-table/0"), e.getMessage());

    Files.writeString(manifest, original.substring(0, original.length() / 2));
    e = assertThrows(IllegalArgumentException.class, () -> reader.events(out));
    assertTrue(
        e.getMessage().contains(ValidatedParquet.MANIFEST + " cannot be read"), e.getMessage());
  }

  @Test
  void theOutFolderMustBeNewOrAnEarlierValidationAndApartFromTheSource() throws IOException {
    Path busy = Files.createDirectories(dir.resolve("busy"));
    Files.writeString(busy.resolve("notes.txt"), "mine");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> validate(busy));
    assertTrue(e.getMessage().contains("not empty"), e.getMessage());
    try (Stream<Path> s = Files.list(busy)) {
      assertEquals(List.of(busy.resolve("notes.txt")), s.toList());
    }
    e = assertThrows(IllegalArgumentException.class, () -> validate(data.resolve("valid")));
    assertTrue(e.getMessage().contains("apart from the data folder"), e.getMessage());
    assertFalse(Files.exists(data.resolve("valid")));

    Path out = dir.resolve("valid");
    validate(out);
    Files.writeString(
        data.resolve("events.csv"),
        EventLines.HEADER + "\n" + "only,c1,2024-01-01,purchase,2.5,,,,store\n");
    validate(out); // an earlier validation is replaced whole
    assertEquals(1, new LoyaltyReader(spark, options(0.5)).events(out).summary().rowsRead());
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(
          List.of("busy", "data", "rejects", "valid"),
          s.map(p -> p.getFileName().toString()).sorted(Comparator.naturalOrder()).toList());
    }
  }
}
