package dev.treue.training.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where a table lives in a data folder: {@code NAME.csv}, {@code NAME.csv.gz} (CSV with a header
 * row) or {@code NAME.parquet} (a file or a folder of part files).
 *
 * @param path the file or folder
 * @param parquet true for Parquet, false for CSV
 */
record TableSource(Path path, boolean parquet) {

  /**
   * Finds table {@code name} in {@code dir}.
   *
   * @throws IllegalArgumentException when none or more than one form exists
   */
  static TableSource find(Path dir, String name) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(
          "data folder "
              + dir
              + " does not exist or is not a folder;"
              + " expected a folder holding customers and events tables");
    }
    List<TableSource> found = new ArrayList<>();
    for (String suffix : new String[] {".csv", ".csv.gz"}) {
      Path p = dir.resolve(name + suffix);
      if (Files.isRegularFile(p)) {
        found.add(new TableSource(p, false));
      }
    }
    Path parquet = dir.resolve(name + ".parquet");
    if (Files.exists(parquet)) {
      found.add(new TableSource(parquet, true));
    }
    if (found.isEmpty()) {
      throw new IllegalArgumentException(
          dir
              + " has no "
              + name
              + " table; expected "
              + name
              + ".csv, "
              + name
              + ".csv.gz or "
              + name
              + ".parquet (found: "
              + listing(dir)
              + ")");
    }
    if (found.size() > 1) {
      throw new IllegalArgumentException(
          dir
              + " has the "
              + name
              + " table more than once ("
              + found.stream().map(s -> s.path().getFileName().toString()).toList()
              + "); keep exactly one so it is clear which is read");
    }
    return found.get(0);
  }

  /** True when {@code dir} holds table {@code name} in any form (for optional tables). */
  static boolean exists(Path dir, String name) {
    return Files.isRegularFile(dir.resolve(name + ".csv"))
        || Files.isRegularFile(dir.resolve(name + ".csv.gz"))
        || Files.exists(dir.resolve(name + ".parquet"));
  }

  /** True when {@code fileName} is one of the forms of table {@code name} that {@link #find} reads. */
  static boolean isFormOf(String fileName, String name) {
    return fileName.equals(name + ".csv")
        || fileName.equals(name + ".csv.gz")
        || fileName.equals(name + ".parquet");
  }

  private static String listing(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      List<String> names = s.map(p -> p.getFileName().toString()).sorted().limit(20).toList();
      return names.isEmpty() ? "nothing" : String.join(", ", names);
    } catch (IOException e) {
      return "unreadable: " + e.getMessage();
    }
  }
}
