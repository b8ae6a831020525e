package dev.treue.training.score;

import dev.treue.core.i18n.Language;
import dev.treue.core.i18n.ListColumn;
import dev.treue.core.i18n.Numbers;
import dev.treue.core.i18n.SpreadsheetCsv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

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
    write(list, csv, Language.EN);
  }

  /**
   * Writes the list; the CSV in {@code language}'s spreadsheet form ({@link SpreadsheetCsv}): in
   * German ';' between cells, decimal commas and a German header, cells holding ';' (the reasons)
   * quoted with quotes doubled (RFC 4180). The Parquet copy keeps the wire names and numbers.
   */
  static void write(Dataset<Row> list, String csv, Language language) {
    list.write().mode(SaveMode.Overwrite).parquet(parquetPath(csv));
    Dataset<Row> cells = language == Language.EN ? list : spreadsheet(list, language);
    if (csv.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      csvWriter(cells, language).csv(csv);
      return;
    }
    Path target = Path.of(csv).toAbsolutePath();
    Path parts = target.resolveSibling(target.getFileName() + ".parts");
    // coalesce keeps the sorted order: partitions are concatenated, not shuffled.
    csvWriter(cells.coalesce(1), language).csv(parts.toString());
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

  /**
   * A CSV writer with a header row, quotes doubled as RFC 4180 has them (Spark's default escapes
   * them with '\\', which spreadsheets and our own reader take for the end of the cell), in German
   * with ';' between cells.
   */
  private static DataFrameWriter<Row> csvWriter(Dataset<Row> cells, Language language) {
    return cells
        .write()
        .mode(SaveMode.Overwrite)
        .option("header", "true")
        .option("sep", String.valueOf(SpreadsheetCsv.separator(language)))
        .option("quote", "\"")
        .option("escape", "\"");
  }

  /**
   * The list as a spreadsheet in {@code language} reads it: numbers as text with the language's
   * decimal mark ({@link Numbers#cell}), columns under the language's headers ({@link ListColumn}).
   */
  static Dataset<Row> spreadsheet(Dataset<Row> list, Language language) {
    List<Column> columns = new ArrayList<>();
    for (StructField f : list.schema().fields()) {
      Column c = functions.col(f.name());
      if (f.dataType().equals(DataTypes.DoubleType)) {
        String mark = String.valueOf(Numbers.decimalMark(language));
        c = functions.regexp_replace(c.cast(DataTypes.StringType), "\\.", mark);
      }
      columns.add(c.as(ListColumn.ofWireName(f.name()).header(language)));
    }
    return list.select(columns.toArray(new Column[0]));
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
