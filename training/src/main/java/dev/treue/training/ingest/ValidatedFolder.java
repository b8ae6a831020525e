package dev.treue.training.ingest;

import dev.treue.training.files.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
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

  /** What was written: one summary per table, in {@link TableSpec#TABLES} order. */
  public record Written(Path folder, List<TableSummary> tables, List<String> copied) {}

  /**
   * Validates the tables of {@code data} with {@code options} and writes them to {@code out}.
   *
   * @param progress told each table's summary as it is written
   * @throws IllegalArgumentException when {@code out} is the source, inside it, or a non-empty
   *     folder that an earlier validation did not write; nothing is written then
   */
  public static Written write(
      SparkSession spark,
      Path data,
      Path out,
      IngestOptions options,
      Consumer<TableSummary> progress) {
    Path source = data.toAbsolutePath().normalize();
    Path target = out.toAbsolutePath().normalize();
    if (target.startsWith(source) || source.startsWith(target)) {
      throw new IllegalArgumentException(
          "--out " + out + " must be a folder apart from the data folder " + data);
    }
    if (!replaceable(target)) {
      throw new IllegalArgumentException(
          "--out "
              + out
              + " is not empty and was not written by validate --out; choose a new folder");
    }
    for (String name : TableSpec.REQUIRED) {
      TableSource.find(data, name); // a missing required table is named before any work
    }
    Path building = target.resolveSibling(target.getFileName() + ".building");
    try {
      FileTrees.delete(building); // left by an interrupted run
      Files.createDirectories(building);
      LoyaltyReader reader = new LoyaltyReader(spark, options);
      List<TableSummary> tables = new ArrayList<>();
      for (String name : TableSpec.TABLES) {
        if (!TableSpec.REQUIRED.contains(name) && !TableSource.exists(data, name)) {
          continue;
        }
        ValidatedTable t = reader.table(data, name);
        // Written once, so not cached: released before the write, the rows stream from the
        // source's second parse into Parquet (caching 59M events first took 7.8 GiB of memory
        // at 1M members, and time).
        t.release();
        ValidatedParquet.write(
            t,
            TableSpec.named(name, options.now()),
            options.now(),
            building.resolve(name + ".parquet"));
        tables.add(t.summary());
        progress.accept(t.summary());
      }
      List<String> copied = copyOthers(data, building);
      Path previous = target.resolveSibling(target.getFileName() + ".previous");
      FileTrees.delete(previous);
      if (Files.exists(target)) {
        Files.move(target, previous, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(building, target, StandardCopyOption.ATOMIC_MOVE);
      FileTrees.delete(previous);
      return new Written(target, List.copyOf(tables), copied);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
    } finally {
      try {
        FileTrees.delete(building);
      } catch (IOException e) {
        // not to hide why the write failed; the next run deletes what is left before it starts
      }
    }
  }

  /** Absent, empty, or a folder an earlier validation wrote (its customers table is validated). */
  private static boolean replaceable(Path target) {
    if (!Files.exists(target)) {
      return true;
    }
    if (!Files.isDirectory(target)) {
      return false;
    }
    if (Files.isRegularFile(
        target.resolve("customers.parquet").resolve(ValidatedParquet.MANIFEST))) {
      return true;
    }
    try (Stream<Path> s = Files.list(target)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + target + ": " + e.getMessage(), e);
    }
  }

  /** Copies every regular file that is not a contract table. */
  private static List<String> copyOthers(Path data, Path building) throws IOException {
    List<String> copied = new ArrayList<>();
    try (Stream<Path> s = Files.list(data)) {
      for (Path p : (Iterable<Path>) s.sorted()::iterator) {
        String name = p.getFileName().toString();
        if (!Files.isRegularFile(p) || isContractTable(name)) {
          continue;
        }
        // copied, not linked: a link would change with the source when it is rewritten in place
        Files.copy(p, building.resolve(name));
        copied.add(name);
      }
    }
    return copied;
  }

  private static boolean isContractTable(String fileName) {
    return TableSpec.TABLES.stream().anyMatch(table -> TableSource.isFormOf(fileName, table));
  }
}
