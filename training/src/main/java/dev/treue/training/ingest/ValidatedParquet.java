package dev.treue.training.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.treue.training.files.Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * A table that {@code ./treue validate --out} has already validated: {@code NAME.parquet} holding
 * the valid rows in the schema the readers return ({@link LoyaltySchemas}), its rejects as
 * {@code _rejects.csv} and a manifest, {@code _treue-validated.json}, written last. The jobs read
 * such a table as it is, without parsing and checking every row again, which is most of what a
 * job's read of a CSV export costs.
 *
 * <p>The manifest is what makes the folder trusted, so it is checked before any row is read: the
 * format version, the table, the exact schema (a contract that changed since makes the folder
 * stale), the instant of validation (a job whose "now" is earlier would see rows from its future)
 * and every part file by name and size (a file added, removed or rewritten since is named in the
 * error). A table that fails a check is not read: the error says to validate the source again.
 * Spark ignores files whose names start with {@code _} or {@code .}, so the manifest and rejects
 * travel inside the table's folder without being read as data.
 */
final class ValidatedParquet {
  /** The manifest's name inside a validated table's folder. */
  static final String MANIFEST = "_treue-validated.json";

  /** The import's rejects, copied beside the rows. */
  static final String REJECTS = "_rejects.csv";

  /** Version of the layout and manifest; a reader refuses any other. */
  static final String FORMAT = "treue-validated-table/1";

  /** The end of every refusal: what to do about it. */
  private static final String AGAIN =
      "; validate the source again (./treue validate --data SOURCE --out FOLDER)";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ValidatedParquet() {}

  /**
   * What a validated table's folder holds.
   *
   * @param format {@link #FORMAT}
   * @param table the contract table ({@code events}, ...)
   * @param schema the rows' Spark schema as JSON
   * @param validatedAt the validation's "now" (ISO instant): later events were rejected as future
   * @param source the file or folder that was validated
   * @param rowsRead data rows read from the source
   * @param rejected rows rejected, listed in {@link #REJECTS}
   * @param duplicates repeated ids counted once
   * @param files every part file's name and size in bytes
   * @param memberBuckets the number of member buckets the rows are kept in ({@link
   *     MemberBuckets}), or null for rows as they came (other tables, and folders written before)
   */
  record Manifest(
      String format,
      String table,
      String schema,
      String validatedAt,
      String source,
      long rowsRead,
      long rejected,
      long duplicates,
      Map<String, Long> files,
      Integer memberBuckets) {}

  /** True when {@code source} is a folder this class wrote (it holds a manifest). */
  static boolean isValidated(TableSource source) {
    return source.parquet() && source.location().resolve(MANIFEST).isFile();
  }

  /**
   * Writes a table's valid rows to the new folder {@code dir}, replacing what an earlier call wrote
   * there (a validation that finds repeated ids writes twice).
   *
   * @param table the contract table's name
   * @param memberBuckets the rows cut into this many member buckets ({@link MemberBuckets}), or 0
   *     to write them as they come
   */
  static void writeRows(Dataset<Row> rows, String table, Location dir, int memberBuckets) {
    dir.delete();
    if (memberBuckets > 0) {
      MemberBuckets.write(rows, table, memberBuckets, dir);
    } else {
      rows.write().mode(SaveMode.ErrorIfExists).parquet(dir.uri());
    }
  }

  /**
   * Finishes the folder {@link #writeRows} wrote: the rejects beside the rows, then the manifest.
   *
   * @param s the validation's summary
   * @param spec the table's spec, whose schema the manifest records (rows read back from Parquet
   *     have every column nullable, so the rows' own schema is not the one to record)
   * @param validatedAt the "now" the rows were validated against
   * @param memberBuckets as the rows were written with
   */
  static void finish(
      TableSummary s, TableSpec spec, Instant validatedAt, Location dir, int memberBuckets) {
    Location.local(s.rejectsFile()).copyTo(dir.resolve(REJECTS));
    Manifest m =
        new Manifest(
            FORMAT,
            s.table(),
            spec.schema().json(),
            validatedAt.toString(),
            s.source(),
            s.rowsRead(),
            s.rejected(),
            s.duplicates(),
            partFiles(dir),
            memberBuckets > 0 ? memberBuckets : null);
    try {
      dir.resolve(MANIFEST).write(JSON.writeValueAsBytes(m));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot finish " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * The rows of a validated table, read from its Parquet on every use, and the import's summary.
   * Not cached, unlike a validated CSV's rows: building Spark's cache (its column statistics) cost a
   * {@code materialize} more than reading the Parquet again.
   *
   * @throws IllegalArgumentException when the manifest does not match the folder, the schema or
   *     the job's "now"
   * @throws RejectThresholdException when the import rejected more than this job allows
   */
  static ValidatedTable read(
      SparkSession spark, TableSpec spec, TableSource source, IngestOptions options) {
    Location dir = source.location();
    Manifest m = manifest(dir);
    if (!FORMAT.equals(m.format())) {
      throw new IllegalArgumentException(
          dir + " was written in format " + m.format() + ", this Treue reads " + FORMAT + AGAIN);
    }
    if (!spec.name().equals(m.table())) {
      throw new IllegalArgumentException(
          dir + " holds the " + m.table() + " table, not " + spec.name() + AGAIN);
    }
    if (!spec.schema().json().equals(m.schema())) {
      throw new IllegalArgumentException(
          dir + " has the columns of an older data contract: " + m.schema() + AGAIN);
    }
    Instant validatedAt = validatedAt(dir, m);
    if (options.now().isBefore(validatedAt)) {
      throw new IllegalArgumentException(
          dir
              + " was validated at "
              + validatedAt
              + ", after this job's now ("
              + options.now()
              + "): rows after "
              + options.now()
              + " would be from the future here; validate with --now "
              + options.now()
              + AGAIN);
    }
    Map<String, Long> found = partFiles(dir);
    if (!found.equals(m.files())) {
      throw new IllegalArgumentException(
          dir + " changed since it was validated (" + difference(m.files(), found) + ")" + AGAIN);
    }
    TableSummary summary =
        new TableSummary(
            spec.name(),
            m.source() + " (validated " + m.validatedAt() + ", read from " + dir + ")",
            m.rowsRead(),
            m.rejected(),
            m.duplicates(),
            rejectsFile(dir, spec, options));
    if (summary.rejectShare() > options.maxRejectShare()) {
      throw new RejectThresholdException(summary, options.maxRejectShare());
    }
    Dataset<Row> rows =
        m.memberBuckets() == null
            ? spark.read().schema(spec.schema()).parquet(dir.uri())
            : MemberBuckets.read(spark, dir, spec.schema(), m.memberBuckets());
    return new ValidatedTable(rows, summary, List.of());
  }

  private static Manifest manifest(Location dir) {
    Location file = dir.resolve(MANIFEST);
    try {
      Manifest m = JSON.readValue(file.readAll(), Manifest.class);
      if (m.format() == null || m.table() == null || m.schema() == null || m.files() == null) {
        throw new IOException("format, table, schema or files missing");
      }
      return m;
    } catch (IOException | UncheckedIOException e) {
      throw new IllegalArgumentException(
          file + " cannot be read (" + e.getMessage().lines().findFirst().orElse("") + ")" + AGAIN,
          e);
    }
  }

  /**
   * The import's rejects as a local file: the folder's own when it is on the local disk, else a
   * copy in the job's rejects folder, where a job that validates CSV writes its rejects too.
   */
  private static Path rejectsFile(Location dir, TableSpec spec, IngestOptions options) {
    Location rejects = dir.resolve(REJECTS);
    Optional<Path> local = rejects.localPath();
    if (local.isPresent()) {
      return local.get();
    }
    Path copy = options.rejectsDir().resolve(spec.name() + ".rejects.csv");
    try {
      Files.createDirectories(copy.toAbsolutePath().getParent());
      Files.deleteIfExists(copy);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + copy + ": " + e.getMessage(), e);
    }
    rejects.copyTo(Location.local(copy));
    return copy;
  }

  private static Instant validatedAt(Location dir, Manifest m) {
    try {
      return Instant.parse(String.valueOf(m.validatedAt()));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          dir.resolve(MANIFEST) + ": validatedAt is not an ISO instant: " + m.validatedAt(), e);
    }
  }

  /**
   * What Spark would read in a table folder (names not starting with _ or .): each file's size, and
   * -1 for a folder, which Spark reads as a partition and a validated table never has.
   */
  private static Map<String, Long> partFiles(Location dir) {
    Map<String, Long> files = new TreeMap<>();
    for (Location.Entry e : dir.list()) {
      if (!e.name().startsWith("_") && !e.name().startsWith(".")) {
        files.put(e.name(), e.folder() ? -1L : e.length());
      }
    }
    return files;
  }

  /** The first difference between the files validated and those found, for the error. */
  private static String difference(Map<String, Long> validated, Map<String, Long> found) {
    for (Map.Entry<String, Long> e : validated.entrySet()) {
      Long now = found.get(e.getKey());
      if (now == null) {
        return e.getKey() + " is missing";
      }
      if (!now.equals(e.getValue())) {
        return e.getKey() + " was " + e.getValue() + " bytes, now " + now;
      }
    }
    for (String name : found.keySet()) {
      if (!validated.containsKey(name)) {
        return name + " was not validated";
      }
    }
    return "the manifest lists no files";
  }
}
