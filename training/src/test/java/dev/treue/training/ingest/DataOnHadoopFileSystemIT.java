package dev.treue.training.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.training.cli.CliRun;
import dev.treue.training.files.Location;
import dev.treue.training.files.MountedFileSystem;
import dev.treue.training.spark.SparkTestSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data folder on a Hadoop file system other than the local disk ({@code hdfs://} and
 * {@code s3a://} on a cluster; here {@link MountedFileSystem}, which {@code java.nio} cannot open):
 * the jobs find, validate and read its tables, {@code validate --out} writes a validated folder
 * there, and every check of a validated folder holds there too.
 */
class DataOnHadoopFileSystemIT {
  private static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");

  @TempDir Path dir;

  private SparkSession spark;
  private Path data;

  @BeforeEach
  void source() throws IOException {
    spark = SparkTestSession.get();
    MountedFileSystem.register(spark.sparkContext().hadoopConfiguration());
    data = Files.createDirectories(dir.resolve("data"));
    List<String> events = EventLines.withTwentyPurchases();
    events.add("bad,c2,2024-01-01,purchase,-3,,,,store"); // negative amount: rejected
    Files.write(data.resolve("events.csv"), events, StandardCharsets.UTF_8);
    Files.write(data.resolve("customers.csv"), EventLines.threeCustomers(), StandardCharsets.UTF_8);
    Files.writeString(data.resolve("truth.csv"), "customer_id,cutoff,p\nc0,2024-01-31,0.5\n");
  }

  private IngestOptions options() {
    return new IngestOptions(NOW, 0.5, dir.resolve("work").resolve("rejects"));
  }

  private Location mounted(Path local) {
    return Location.of(MountedFileSystem.uri(local), spark);
  }

  @Test
  void aCsvFolderThereReadsAsTheSameRowsAndCountsAsOnTheLocalDisk() {
    LoyaltyReader reader = new LoyaltyReader(spark, options());
    ValidatedTable local = reader.events(data);
    TableSummary localSummary = local.summary();
    List<String> localRows = ValidatedRows.sorted(local);
    ValidatedTable there = reader.events(mounted(data));
    TableSummary summary = there.summary();

    assertEquals(localRows, ValidatedRows.sorted(there));
    assertEquals(20, localRows.size());
    assertEquals(localSummary.rowsRead(), summary.rowsRead());
    assertEquals(1, summary.rejected());
    assertTrue(summary.source().startsWith("mounted:/"), summary.source());
    assertEquals(
        ValidatedRows.sorted(reader.members(data)),
        ValidatedRows.sorted(reader.members(mounted(data))));
    assertFalse(reader.has(mounted(data), "offers"));
  }

  @Test
  void aMissingFolderOrTableThereIsNamedByItsUri() {
    LoyaltyReader reader = new LoyaltyReader(spark, options());
    IllegalArgumentException noFolder =
        assertThrows(
            IllegalArgumentException.class, () -> reader.events(mounted(dir.resolve("nowhere"))));
    assertTrue(
        noFolder.getMessage().contains("mounted:/") && noFolder.getMessage().contains("nowhere"),
        noFolder.getMessage());
    IllegalArgumentException noTable =
        assertThrows(IllegalArgumentException.class, () -> reader.offers(mounted(data)));
    assertTrue(
        noTable.getMessage().contains("has no offers table")
            && noTable.getMessage().contains("customers.csv, events.csv, truth.csv"),
        noTable.getMessage());
  }

  @Test
  void aFolderValidatedThereIsReadThereAndItsChecksHold() throws IOException {
    Path out = dir.resolve("valid");
    ValidatedFolder.Written w =
        ValidatedFolder.write(spark, mounted(data), mounted(out), options(), s -> {});
    assertEquals(List.of("truth.csv"), w.copied());
    assertTrue(w.folder().toString().startsWith("mounted:/"), w.folder().toString());
    assertEquals(
        Files.readString(data.resolve("truth.csv")), Files.readString(out.resolve("truth.csv")));
    assertFalse(Files.exists(dir.resolve("valid.building")), "the building folder is gone");

    LoyaltyReader reader = new LoyaltyReader(spark, options());
    List<String> csvRows = ValidatedRows.sorted(reader.events(data));
    ValidatedTable fromFolder = reader.events(mounted(out));
    TableSummary summary = fromFolder.summary();
    assertEquals(csvRows, ValidatedRows.sorted(fromFolder));
    assertEquals(1, summary.rejected());
    assertTrue(summary.source().contains("validated " + NOW), summary.source());
    // The import's rejects come to the job's local rejects folder, where the user can open them.
    assertTrue(
        summary.rejectsFile().startsWith(dir.resolve("work")), summary.rejectsFile().toString());
    List<String> rejects = Files.readAllLines(summary.rejectsFile());
    assertEquals(2, rejects.size(), String.join("\n", rejects));
    assertTrue(rejects.get(1).contains("bad,c2"), rejects.get(1));

    // A part file grown by a byte there is named, and the table is not read.
    Path part;
    try (Stream<Path> s = Files.list(out.resolve("events.parquet"))) {
      part =
          s.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
    }
    Files.write(part, new byte[] {0}, StandardOpenOption.APPEND);
    IllegalArgumentException changed =
        assertThrows(IllegalArgumentException.class, () -> reader.events(mounted(out)));
    assertTrue(
        changed.getMessage().contains(part.getFileName() + " was ")
            && changed.getMessage().contains("validate the source again"),
        changed.getMessage());

    // Validating again replaces the folder whole.
    ValidatedFolder.write(spark, mounted(data), mounted(out), options(), s -> {});
    assertEquals(csvRows, ValidatedRows.sorted(reader.events(mounted(out))));
  }

  /** Runs {@code ./treue COMMAND ARGS} in this JVM. */
  private static CliRun treue(List<String> command, String... args) {
    List<String> all = new ArrayList<>(command);
    all.addAll(List.of(args));
    return CliRun.of(all);
  }

  @Test
  void theCommandsTakeAUriForTheDataFolder() throws IOException {
    String uri = MountedFileSystem.uri(data);
    String rejects = dir.resolve("rejects").toString();
    List<String> validate =
        List.of("validate", "--now", NOW.toString(), "--max-reject-share", "0.5");
    CliRun plain = treue(validate, "--data", uri, "--rejects", rejects);
    assertEquals(0, plain.status(), plain.out() + plain.err());
    assertTrue(
        Files.readString(dir.resolve("rejects/events.rejects.csv")).contains("bad,c2"),
        "the rejected line is in the local rejects folder");

    String out = MountedFileSystem.uri(dir.resolve("valid"));
    CliRun written = treue(validate, "--data", uri, "--out", out, "--rejects", rejects);
    assertEquals(0, written.status(), written.out() + written.err());
    assertTrue(Files.isRegularFile(dir.resolve("valid/events.parquet/_treue-validated.json")));

    // A location that is no URI is named as such, and nothing is read.
    CliRun malformed = treue(validate, "--data", "hdfs://name node/loyalty");
    assertEquals(1, malformed.status(), malformed.out() + malformed.err());
    assertTrue(
        malformed.err().contains("'hdfs://name node/loyalty' is neither a local path nor a URI"),
        malformed.err());

    // Outputs that default to a folder inside a local data folder must be named for a URI.
    CliRun kpis =
        treue(List.of("kpis"), "--data", out, "--registry", dir.resolve("none").toString());
    assertEquals(2, kpis.status(), kpis.out() + kpis.err());
    assertTrue(
        kpis.err().contains("is not a local folder, so there is no default for --out"), kpis.err());
  }
}
