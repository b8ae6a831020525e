package dev.treue.training.ingest;

import dev.treue.training.files.Location;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;

/**
 * Writes a data folder once validated ({@code ./treue validate --out}): every contract table the
 * source holds as a {@link ValidatedParquet} table, and every other file (the generator's
 * {@code truth.csv}, ...) copied as it is, so the folder stands in for the source in
 * every command. The folder is built beside the target and moved into place at the end, so a
 * failed or interrupted validation leaves the previous one, and no half-written folder, behind.
 */
public final class ValidatedFolder {
  private ValidatedFolder() {}

  /**
   * What was written: one summary per table, in {@link TableSpec#TABLES} order, the files copied as
   * they were, and the number of member buckets the members and events are kept in ({@link
   * MemberBuckets}).
   */
  public record Written(
      Location folder, List<TableSummary> tables, List<String> copied, int memberBuckets) {}

  /**
   * Validates the tables of {@code data} with {@code options} and writes them to {@code out}; both
   * local or on any Hadoop file system.
   *
   * @param progress told each table's summary as it is written
   * @throws IllegalArgumentException when {@code out} is the source, inside it, or a non-empty
   *     folder that an earlier validation did not write; nothing is written then
   */
  public static Written write(
      SparkSession spark,
      Location data,
      Location out,
      IngestOptions options,
      Consumer<TableSummary> progress) {
    if (data.contains(out) || out.contains(data)) {
      throw new IllegalArgumentException(
          "--out " + out + " must be a folder apart from the data folder " + data);
    }
    if (!replaceable(out)) {
      throw new IllegalArgumentException(
          "--out "
              + out
              + " is not empty and was not written by validate --out; choose a new folder");
    }
    for (String name : TableSpec.REQUIRED) {
      TableSource.find(data, name); // a missing required table is named before any work
    }
    Location building = out.parent().resolve(out.name() + ".building");
    try {
      building.delete(); // left by an interrupted run
      building.createFolders();
      // Members and events in the same buckets, as many as the events' size asks for.
      int buckets = MemberBuckets.count(spark, TableSource.find(data, "events").location().size());
      List<TableSummary> tables = new ArrayList<>();
      for (String name : TableSpec.TABLES) {
        if (!TableSpec.REQUIRED.contains(name) && !TableSource.exists(data, name)) {
          continue;
        }
        TableSpec spec = TableSpec.named(name, options.now());
        Location dir = building.resolve(name + ".parquet");
        int tableBuckets = MemberBuckets.TABLES.contains(name) ? buckets : 0;
        // The rows are written as they are validated, one pass over the source, not cached
        // (caching 59M events took 7.8 GiB of memory at 1M members, and time).
        TableSummary summary =
            TableValidation.written(
                spark,
                spec,
                TableSource.find(data, name),
                options,
                rows -> ValidatedParquet.writeRows(rows, name, dir, tableBuckets));
        ValidatedParquet.finish(summary, spec, options.now(), dir, tableBuckets);
        tables.add(summary);
        progress.accept(summary);
      }
      List<String> copied = copyOthers(data, building);
      Location previous = out.parent().resolve(out.name() + ".previous");
      previous.delete();
      if (out.exists()) {
        out.moveTo(previous);
      }
      building.moveTo(out);
      previous.delete();
      return new Written(out, List.copyOf(tables), copied, buckets);
    } finally {
      try {
        building.delete();
      } catch (UncheckedIOException e) {
        // not to hide why the write failed; the next run deletes what is left before it starts
      }
    }
  }

  /** Absent, empty, or a folder an earlier validation wrote (its customers table is validated). */
  private static boolean replaceable(Location target) {
    if (!target.exists()) {
      return true;
    }
    if (!target.isFolder()) {
      return false;
    }
    return target.resolve("customers.parquet").resolve(ValidatedParquet.MANIFEST).isFile()
        || target.list().isEmpty();
  }

  /** Copies every file that is not a contract table. */
  private static List<String> copyOthers(Location data, Location building) {
    List<String> copied = new ArrayList<>();
    for (Location.Entry e : data.list()) {
      if (e.folder() || isContractTable(e.name())) {
        continue;
      }
      // copied, not linked: a link would change with the source when it is rewritten in place
      data.resolve(e.name()).copyTo(building.resolve(e.name()));
      copied.add(e.name());
    }
    return copied;
  }

  private static boolean isContractTable(String fileName) {
    return TableSpec.TABLES.stream().anyMatch(table -> TableSource.isFormOf(fileName, table));
  }
}
