package dev.treue.training.ingest;

import dev.treue.core.ingest.ColumnLayout;
import dev.treue.core.ingest.Csv;
import dev.treue.core.ingest.Parsed;
import java.io.Serializable;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * Turns the items of one source partition (CSV text lines or Parquet rows) into validated rows,
 * with a position that orders rows as in the file: (partition or file ordinal) in the high bits,
 * index below. Shipped to executors; {@link #open} makes the per-partition state there.
 *
 * @param <T> the item type: {@code String} for CSV, {@code Row} for Parquet
 */
abstract class RowDecoder<T> implements Serializable {
  private static final long serialVersionUID = 1L;

  static final int SKIPPED = 0;
  static final int VALID = 1;
  static final int REJECTED = 2;

  /** Bits for the index part of a position; 2^40 rows per partition is more than any file holds. */
  static final int INDEX_BITS = 40;

  static final long INDEX_MASK = (1L << INDEX_BITS) - 1;

  final TableSpec spec;

  RowDecoder(TableSpec spec) {
    this.spec = spec;
  }

  abstract Cursor<T> open(int partition);

  /** True when positions count text lines per partition (CSV), so line numbers need offsets. */
  abstract boolean linesPerPartition();

  /** Decodes items of one partition in order; fields describe the last decoded item. */
  abstract static class Cursor<T> {
    long position;
    String reason;
    String raw;
    Object[] values;

    /** @return {@link #SKIPPED}, {@link #VALID} or {@link #REJECTED} */
    abstract int decode(T item);

    /** The id of the last valid item (the table's key column). */
    String key() {
      return (String) values[0];
    }

    /** Items seen so far, skipped ones included. */
    abstract long items();
  }

  static RowDecoder<String> csv(TableSpec spec, String[] header, String source) {
    return new CsvDecoder(spec, header, source);
  }

  static RowDecoder<Row> parquet(TableSpec spec, Map<String, Integer> fileOrdinal) {
    return new ParquetDecoder(spec, fileOrdinal);
  }

  private static final class CsvDecoder extends RowDecoder<String> {
    private static final long serialVersionUID = 1L;
    private final String[] header;
    private final String source;

    CsvDecoder(TableSpec spec, String[] header, String source) {
      super(spec);
      this.header = header;
      this.source = source;
    }

    @Override
    boolean linesPerPartition() {
      return true;
    }

    @Override
    Cursor<String> open(int partition) {
      ColumnLayout layout = ColumnLayout.of(spec.columns(), spec.requiredColumns(), header, source);
      TableSpec.RowValidator validator = spec.validator();
      long base = (long) partition << INDEX_BITS;
      return new Cursor<>() {
        long index;

        @Override
        int decode(String line) {
          long i = index++;
          position = base | i;
          if ((partition == 0 && i == 0) || line.isBlank()) {
            return SKIPPED; // the header, and blank lines (often at the end) are not rows
          }
          Parsed<String[]> fields = Csv.split(line, ',');
          String problem = fields.reason();
          if (problem == null) {
            problem = layout.widthProblem(fields.value());
          }
          if (problem == null) {
            Parsed<Object[]> row = validator.validate(layout.pick(fields.value()));
            if (row.isValid()) {
              values = row.value();
              return VALID;
            }
            problem = row.reason();
          }
          reason = problem;
          raw = line;
          return REJECTED;
        }

        @Override
        long items() {
          return index;
        }
      };
    }
  }

  private static final class ParquetDecoder extends RowDecoder<Row> {
    private static final long serialVersionUID = 1L;
    private final Map<String, Integer> fileOrdinal;

    ParquetDecoder(TableSpec spec, Map<String, Integer> fileOrdinal) {
      super(spec);
      this.fileOrdinal = fileOrdinal;
    }

    @Override
    boolean linesPerPartition() {
      return false;
    }

    /** Items: file name, row index in the file, then the contract columns as text. */
    @Override
    Cursor<Row> open(int partition) {
      TableSpec.RowValidator validator = spec.validator();
      int columns = spec.columns().size();
      return new Cursor<>() {
        long count;

        @Override
        int decode(Row r) {
          count++;
          String file = r.getString(0);
          position = ((long) fileOrdinal.get(file) << INDEX_BITS) | r.getLong(1);
          String[] text = new String[columns];
          for (int c = 0; c < columns; c++) {
            text[c] = r.isNullAt(c + 2) ? null : r.getString(c + 2);
          }
          Parsed<Object[]> row = validator.validate(text);
          if (row.isValid()) {
            values = row.value();
            return VALID;
          }
          // a Parquet folder has several part files: the row number alone would be ambiguous
          reason = "[" + file + "] " + row.reason();
          raw = Csv.line(text);
          return REJECTED;
        }

        @Override
        long items() {
          return count;
        }
      };
    }
  }
}
