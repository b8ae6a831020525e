package dev.treue.training.ingest;

import dev.treue.training.files.Location;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a table lives in a data folder: {@code NAME.csv}, {@code NAME.csv.gz} (CSV with a header
 * row) or {@code NAME.parquet} (a file or a folder of part files), on the local disk or any Hadoop
 * file system ({@link Location}).
 *
 * @param location the file or folder
 * @param parquet true for Parquet, false for CSV
 */
record TableSource(Location location, boolean parquet) {

  /**
   * Finds table {@code name} in {@code dir}.
   *
   * @throws IllegalArgumentException when none or more than one form exists
   */
  static TableSource find(Location dir, String name) {
    if (!dir.isFolder()) {
      throw new IllegalArgumentException(
          "data folder "
              + dir
              + " does not exist or is not a folder;"
              + " expected a folder holding customers and events tables");
    }
    List<TableSource> found = new ArrayList<>();
    for (String suffix : new String[] {".csv", ".csv.gz"}) {
      Location p = dir.resolve(name + suffix);
      if (p.isFile()) {
        found.add(new TableSource(p, false));
      }
    }
    Location parquet = dir.resolve(name + ".parquet");
    if (parquet.exists()) {
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
              + found.stream().map(s -> s.location().name()).toList()
              + "); keep exactly one so it is clear which is read");
    }
    return found.get(0);
  }

  /** True when {@code dir} holds table {@code name} in any form (for optional tables). */
  static boolean exists(Location dir, String name) {
    return dir.resolve(name + ".csv").isFile()
        || dir.resolve(name + ".csv.gz").isFile()
        || dir.resolve(name + ".parquet").exists();
  }

  /** True when {@code fileName} is one of the forms of table {@code name} that {@link #find} reads. */
  static boolean isFormOf(String fileName, String name) {
    return fileName.equals(name + ".csv")
        || fileName.equals(name + ".csv.gz")
        || fileName.equals(name + ".parquet");
  }

  private static String listing(Location dir) {
    try {
      List<String> names = dir.list().stream().map(Location.Entry::name).limit(20).toList();
      return names.isEmpty() ? "nothing" : String.join(", ", names);
    } catch (UncheckedIOException e) {
      return "unreadable: " + e.getMessage();
    }
  }
}
