package dev.treue.training.materialize;

import static org.apache.spark.sql.functions.col;

import dev.treue.core.churn.RiskBand;
import dev.treue.core.i18n.Language;
import dev.treue.core.reason.ReasonWords;
import dev.treue.store.AtRiskCsv;
import dev.treue.store.AtRiskEntry;
import dev.treue.training.score.AtRiskLists;
import dev.treue.training.score.AtRiskSchema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code materialize --lists}: the member lists as files, from the at-risk rows the load writes to
 * Redis. Each row is the stored one ({@link AtRiskEntry}, language-neutral) phrased in the files'
 * words and laid out as batch scoring lays out its rows ({@link AtRiskSchema}, the cells the
 * service's CSV export writes, {@link AtRiskCsv}); {@link AtRiskLists} writes them as {@code score}
 * writes its own. A nightly job that loads Redis and hands the lists to a CRM thus replays every
 * member once, and the files hold exactly what the dashboard shows.
 *
 * @param out the at-risk CSV file (the other lists and the Parquet copies beside it)
 * @param bands the active members' risk bands the at-risk file lists
 * @param language the CSV files' language (spreadsheet form, header, reasons)
 * @param words the reasons' words: the language's, with the programme's currency
 */
public record LoadedLists(String out, Set<RiskBand> bands, Language language, ReasonWords words) {

  /** Writes the lists of the load's rows ({@link LoadRows}); the rows are read once. */
  AtRiskLists.Written write(SparkSession spark, Dataset<Row> loadRows) {
    Dataset<Row> list =
        spark
            .createDataFrame(
                loadRows
                    .filter(col(LoadRows.SCHEMA.fieldNames()[LoadRows.AT_RISK]).isNotNull())
                    .javaRDD()
                    .mapPartitions(new Phrased(words)),
                AtRiskSchema.SCHEMA)
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      return AtRiskLists.write(list, out, bands, language);
    } finally {
      list.unpersist();
    }
  }

  /** Load rows to list rows: the stored row decoded and phrased, in {@link AtRiskSchema} order. */
  private static final class Phrased implements FlatMapFunction<Iterator<Row>, Row> {
    private static final long serialVersionUID = 1L;

    private final ReasonWords words;

    Phrased(ReasonWords words) {
      this.words = words;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      // Where each of the file's columns sits among the export's cells, looked up by name.
      String[] fields = AtRiskSchema.SCHEMA.fieldNames();
      int[] cell = new int[fields.length];
      for (int f = 0; f < fields.length; f++) {
        cell[f] = -1;
        for (int c = 0; c < AtRiskCsv.COLUMNS.size(); c++) {
          if (AtRiskCsv.COLUMNS.get(c).wireName().equals(fields[f])) {
            cell[f] = c;
          }
        }
        if (cell[f] < 0) {
          throw new IllegalStateException("no export cell for the list's column " + fields[f]);
        }
      }
      List<Row> out = new ArrayList<>();
      while (rows.hasNext()) {
        AtRiskEntry entry = AtRiskEntry.decode(rows.next().getString(LoadRows.AT_RISK));
        List<Object> cells = AtRiskCsv.values(entry, words);
        Object[] values = new Object[fields.length];
        for (int f = 0; f < fields.length; f++) {
          values[f] = asColumn(cells.get(cell[f]));
        }
        out.add(RowFactory.create(values));
      }
      return out.iterator();
    }

    /** Days and instants as the list's text columns hold them (ISO), other cells as they are. */
    private static Object asColumn(Object cell) {
      return cell instanceof LocalDate || cell instanceof Instant ? cell.toString() : cell;
    }
  }
}
