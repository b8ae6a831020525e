package dev.treue.training.score;

import dev.treue.core.i18n.Language;
import dev.treue.core.i18n.ListColumn;
import dev.treue.core.i18n.SpreadsheetCsv;
import dev.treue.training.files.FileTrees;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.storage.StorageLevel;

/**
 * Writes the at-risk list as one CSV file (what a marketer opens) and a Parquet folder beside it
 * (what the next job reads). On a cluster path (any URI with a scheme) the CSV stays a folder of
 * parts, because a single file would funnel the whole list through one task; its first part starts
 * with the header.
 *
 * <p>The CSV is the member list export every list shares ({@link ListColumn#MEMBER_LIST}, the
 * service's {@code GET /v1/at-risk} CSV too): each line written by {@link SpreadsheetCsv#line} in
 * the executors, so numbers are rounded and marked exactly as the service writes them.
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
   * German a UTF-8 byte order mark, ';' between cells, decimal commas and a German header, cells
   * holding ';' (the reasons) quoted with quotes doubled (RFC 4180). The Parquet copy keeps the wire
   * names and unrounded numbers.
   */
  static void write(Dataset<Row> list, String csv, Language language) {
    // Both files read the list: kept after the first, a sorted list is sorted once (sampled for
    // its ranges and shuffled), not once per file; the kept partitions keep their order.
    Dataset<Row> kept = list.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      kept.write().mode(SaveMode.Overwrite).parquet(parquetPath(csv));
      writeCsv(kept, csv, language);
    } finally {
      kept.unpersist();
    }
  }

  private static void writeCsv(Dataset<Row> list, String csv, Language language) {
    Dataset<String> lines = lines(list, language);
    String first =
        SpreadsheetCsv.start(language) + SpreadsheetCsv.header(language, ListColumn.MEMBER_LIST);
    if (csv.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      // The header's one-row partition comes first in the union, so it opens part-00000.
      list.sparkSession()
          .createDataset(List.of(first), Encoders.STRING())
          .union(lines)
          .write()
          .mode(SaveMode.Overwrite)
          .text(csv);
      return;
    }
    Path target = Path.of(csv).toAbsolutePath();
    Path parts = target.resolveSibling(target.getFileName() + ".parts");
    lines.write().mode(SaveMode.Overwrite).text(parts.toString());
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    try (Stream<Path> files = Files.list(parts)) {
      // Part files are named by partition, and partitions hold the sorted list in order.
      List<Path> inOrder =
          files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
      Files.createDirectories(target.getParent());
      try (OutputStream out = Files.newOutputStream(partial)) {
        out.write((first + "\n").getBytes(StandardCharsets.UTF_8));
        for (Path part : inOrder) {
          Files.copy(part, out);
        }
      }
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
      FileTrees.delete(parts);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the at-risk list to " + target, e);
    }
  }

  /**
   * Each row as its CSV line in {@code language}, the columns of {@link ListColumn#MEMBER_LIST}
   * looked up by name.
   *
   * @throws IllegalArgumentException when the list lacks one of them
   */
  static Dataset<String> lines(Dataset<Row> list, Language language) {
    List<String> names = List.of(list.schema().fieldNames());
    List<ListColumn> columns = ListColumn.MEMBER_LIST;
    int[] index = new int[columns.size()];
    for (int i = 0; i < index.length; i++) {
      index[i] = names.indexOf(columns.get(i).wireName());
      if (index[i] < 0) {
        throw new IllegalArgumentException(
            "the at-risk list has no column " + columns.get(i).wireName() + ": " + names);
      }
    }
    return list.map(
        (MapFunction<Row, String>)
            row -> {
              List<Object> values = new ArrayList<>(index.length);
              for (int i : index) {
                values.add(row.get(i));
              }
              return SpreadsheetCsv.line(language, columns, values);
            },
        Encoders.STRING());
  }
}
