package dev.treue.training.ingest;

import java.util.List;
import org.apache.spark.sql.Row;

/** A validated table's rows as sorted text, to compare two reads of the same data. */
final class ValidatedRows {
  private ValidatedRows() {}

  /** The rows as text, sorted; releases the table. */
  static List<String> sorted(ValidatedTable t) {
    try {
      return t.rows().collectAsList().stream().map(Row::toString).sorted().toList();
    } finally {
      t.release();
    }
  }
}
