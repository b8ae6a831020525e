package dev.treue.training.score;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * Writes the at-risk list as one CSV file (what a marketer opens) and a Parquet folder beside it
 * (what the next job reads). On a cluster path (any URI with a scheme) the CSV stays a folder of
 * parts, because a single file would funnel the whole list through one task.
 */
final class AtRiskFiles {
  private AtRiskFiles() {}

  /** Where the Parquet copy of {@code csv} goes: the same name with {@code .parquet}. */
  static String parquetPath(String csv) {
    String base = csv.endsWith(".csv") ? csv.substring(0, csv.length() - 4) : csv;
    return base + ".parquet";
  }

  static void write(Dataset<Row> list, String csv) {
    list.write().mode(SaveMode.Overwrite).parquet(parquetPath(csv));
    if (csv.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      list.write().mode(SaveMode.Overwrite).option("header", "true").csv(csv);
      return;
    }
    Path target = Path.of(csv).toAbsolutePath();
    Path parts = target.resolveSibling(target.getFileName() + ".parts");
    // coalesce keeps the sorted order: partitions are concatenated, not shuffled.
    list.coalesce(1)
        .write()
        .mode(SaveMode.Overwrite)
        .option("header", "true")
        .csv(parts.toString());
    try (Stream<Path> files = Files.list(parts)) {
      Path part =
          files
              .filter(p -> p.getFileName().toString().startsWith("part-"))
              .findFirst()
              .orElseThrow(() -> new IOException("Spark wrote no CSV part into " + parts));
      Files.createDirectories(target.getParent());
      Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
      deleteTree(parts);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the at-risk list to " + target, e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
