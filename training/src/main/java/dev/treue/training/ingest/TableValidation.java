package dev.treue.training.ingest;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.treue.core.ingest.ColumnLayout;
import dev.treue.core.ingest.Csv;
import dev.treue.core.ingest.Parsed;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Validates one table in Spark: parse every row with the core rules, cache the outcome, count it,
 * write the rejects file, enforce the threshold, and keep the first row of each id.
 *
 * <p>Line numbers: a CSV is read as text lines; each partition tags its lines with (partition,
 * index in partition), and one small aggregate of lines per partition gives the offsets that turn
 * them into file line numbers. That costs no extra pass over the data, unlike zipWithIndex. Header
 * and blank lines are kept as "skipped" rows so those counts are exact. Parquet rows use Spark's
 * {@code _metadata.row_index} within their file.
 */
final class TableValidation {
  private static final byte VALID = 0;
  private static final byte REJECTED = 1;
  private static final byte SKIPPED = 2;

  /** Above this many repeated ids the dedupe uses a shuffle join instead of a broadcast. */
  private static final long BROADCAST_DUPLICATE_KEYS = 1_000_000;

  private static final String FILE = "_src_file";
  private static final String PART = "_src_part";
  private static final String IDX = "_src_idx";
  private static final String STATUS = "_status";
  private static final String REASON = "_reason";
  private static final String RAW = "_raw";

  private TableValidation() {}

  static ValidatedTable run(SparkSession spark, TableSpec spec, TableSource source, IngestOptions options) {
    StructType parsedSchema = parsedSchema(spec.schema());
    JavaRDD<Row> parsedRdd = source.parquet() ? parquetRows(spark, spec, source) : csvRows(spark, spec, source);
    Dataset<Row> parsed = spark.createDataFrame(parsedRdd, parsedSchema)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      return validate(spark, spec, source, options, parsed);
    } catch (RuntimeException e) {
      parsed.unpersist(false);
      throw e;
    }
  }

  private static ValidatedTable validate(SparkSession spark, TableSpec spec, TableSource source,
      IngestOptions options, Dataset<Row> parsed) {
    // one pass over the data fills the cache and gives lines, rows and rejects per partition
    List<Row> perPart = parsed.groupBy(PART)
        .agg(count(lit(1)).as("lines"),
            sum(when(col(STATUS).equalTo(VALID), 1).otherwise(0)).as("valid"),
            sum(when(col(STATUS).equalTo(REJECTED), 1).otherwise(0)).as("rejected"))
        .collectAsList();
    Map<Integer, long[]> byPart = new HashMap<>();
    long valid = 0;
    long rejected = 0;
    int maxPart = -1;
    for (Row r : perPart) {
      int part = r.getInt(0);
      byPart.put(part, new long[] {r.getLong(1), r.getLong(2), r.getLong(3)});
      valid += r.getLong(2);
      rejected += r.getLong(3);
      maxPart = Math.max(maxPart, part);
    }
    long[] lineOffset = new long[maxPart + 1];
    long running = 0;
    for (int p = 0; p <= maxPart; p++) {
      lineOffset[p] = running;
      long[] c = byPart.get(p);
      running += c == null ? 0 : c[0];
    }
    long rowsRead = valid + rejected;

    Path rejectsFile = options.rejectsDir().resolve(spec.name() + ".rejects.csv");
    writeRejects(parsed, rejected, source.parquet(), lineOffset, rejectsFile);
    TableSummary partial = new TableSummary(spec.name(), source.path().toString(), rowsRead, rejected, 0,
        rejectsFile);
    if (partial.rejectShare() > options.maxRejectShare()) {
      throw new RejectThresholdException(partial, options.maxRejectShare());
    }

    Dataset<Row> validRows = parsed.filter(col(STATUS).equalTo(VALID));
    String key = spec.keyColumn();
    // only ids seen more than once need the "first by line" rule; usually there are none
    Dataset<Row> repeated = validRows.groupBy(key)
        .agg(count(lit(1)).as("_n"), min(order()).as("_first"))
        .filter(col("_n").gt(1))
        .select(col(key).as("_dup_key"), col("_n"), col("_first"))
        .persist(StorageLevel.MEMORY_AND_DISK());
    Row dupStats = repeated.agg(count(lit(1)), sum(col("_n").minus(1))).first();
    long repeatedKeys = dupStats.getLong(0);
    long duplicates = dupStats.isNullAt(1) ? 0 : dupStats.getLong(1);
    Dataset<Row> result;
    if (duplicates == 0) {
      repeated.unpersist(false);
      repeated = null;
      result = validRows.select(outputColumns(spec.schema()));
    } else {
      Dataset<Row> firsts = repeatedKeys <= BROADCAST_DUPLICATE_KEYS ? broadcast(repeated) : repeated;
      result = validRows.join(firsts, validRows.col(key).equalTo(firsts.col("_dup_key")), "left")
          .filter(col("_first").isNull().or(col("_first").equalTo(order())))
          .select(outputColumns(spec.schema()));
    }
    TableSummary summary = new TableSummary(spec.name(), source.path().toString(), rowsRead, rejected,
        duplicates, rejectsFile);
    return new ValidatedTable(result, summary,
        repeated == null ? List.of(parsed) : List.of(parsed, repeated));
  }

  /**
   * File order of a row as one long, so the "first by line" aggregate is a cheap hash aggregate
   * (a struct minimum would force a sort of every row). Partition (or Parquet file ordinal) in the
   * high bits, index below: 2^40 rows per partition is more than any file holds.
   */
  private static Column order() {
    return col(PART).cast(DataTypes.LongType).multiply(1L << 40).plus(col(IDX));
  }

  /**
   * The output columns with the declared nullability. Valid rows never hold null in a non-nullable
   * column; coalesce with a typed default lets Spark know that, without an RDD round trip.
   */
  private static Column[] outputColumns(StructType schema) {
    return Arrays.stream(schema.fields())
        .map(f -> f.nullable() ? col(f.name())
            : coalesce(col(f.name()), lit(zero(f.dataType())).cast(f.dataType())).as(f.name()))
        .toArray(Column[]::new);
  }

  private static Object zero(DataType t) {
    if (t.equals(DataTypes.StringType)) {
      return "";
    }
    if (t.equals(DataTypes.BooleanType)) {
      return false;
    }
    return 0;
  }

  private static StructType parsedSchema(StructType output) {
    List<StructField> fields = new ArrayList<>();
    fields.add(DataTypes.createStructField(FILE, DataTypes.StringType, true));
    fields.add(DataTypes.createStructField(PART, DataTypes.IntegerType, false));
    fields.add(DataTypes.createStructField(IDX, DataTypes.LongType, false));
    fields.add(DataTypes.createStructField(STATUS, DataTypes.ByteType, false));
    fields.add(DataTypes.createStructField(REASON, DataTypes.StringType, true));
    fields.add(DataTypes.createStructField(RAW, DataTypes.StringType, true));
    for (StructField f : output.fields()) {
      fields.add(DataTypes.createStructField(f.name(), f.dataType(), true));
    }
    return DataTypes.createStructType(fields);
  }

  // ---- CSV -------------------------------------------------------------------------------------

  private static JavaRDD<Row> csvRows(SparkSession spark, TableSpec spec, TableSource source) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    String location = source.path().toAbsolutePath().toString();
    JavaRDD<String> lines = jsc.textFile(location);
    List<String> first = lines.take(1);
    if (first.isEmpty()) {
      throw new IllegalArgumentException(source.path() + " is empty; expected a header row with columns "
          + spec.columns());
    }
    Parsed<String[]> header = Csv.split(first.get(0), ',');
    if (!header.isValid()) {
      throw new IllegalArgumentException(source.path() + " line 1 (header): " + header.reason());
    }
    String[] headerFields = header.value();
    // fail on a bad header here, on the driver, with the file name, before any rows are read
    ColumnLayout.of(spec.columns(), spec.requiredColumns(), headerFields, source.path().toString());
    int width = spec.schema().size();
    return lines.mapPartitionsWithIndex((part, it) -> {
      ColumnLayout layout = ColumnLayout.of(spec.columns(), spec.requiredColumns(), headerFields, location);
      TableSpec.RowValidator validator = spec.validator();
      return new Iterator<Row>() {
        long idx = 0;

        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public Row next() {
          String line = it.next();
          long i = idx++;
          if ((part == 0 && i == 0) || line.isBlank()) {
            return skipped(part, i, width);
          }
          Parsed<String[]> fields = Csv.split(line, ',');
          String reason = fields.reason();
          if (reason == null) {
            reason = layout.widthProblem(fields.value());
          }
          if (reason != null) {
            return rejected(null, part, i, reason, line, width);
          }
          return outcome(null, part, i, validator.validate(layout.pick(fields.value())), line, width);
        }
      };
    }, true);
  }

  // ---- Parquet ---------------------------------------------------------------------------------

  private static JavaRDD<Row> parquetRows(SparkSession spark, TableSpec spec, TableSource source) {
    String location = source.path().toAbsolutePath().toString();
    Dataset<Row> df = spark.read().parquet(location);
    Map<String, StructField> byName = new HashMap<>();
    for (StructField f : df.schema().fields()) {
      byName.putIfAbsent(f.name().trim().toLowerCase(Locale.ROOT), f);
    }
    String[] header = byName.keySet().toArray(new String[0]);
    ColumnLayout.of(spec.columns(), spec.requiredColumns(), header, source.path().toString());
    List<Column> select = new ArrayList<>();
    select.add(col("_metadata.file_name"));
    select.add(col("_metadata.row_index"));
    for (String c : spec.columns()) {
      StructField f = byName.get(c);
      select.add(f == null ? lit(null).cast(DataTypes.StringType) : asText(f).as(c));
    }
    // files in name order give each row a stable position for "first by line"
    List<String> files = df.select(col("_metadata.file_name")).distinct().orderBy(col("file_name"))
        .as(Encoders.STRING()).collectAsList();
    Map<String, Integer> fileOrdinal = new HashMap<>();
    for (String f : files) {
      fileOrdinal.put(f, fileOrdinal.size());
    }
    int width = spec.schema().size();
    int columnCount = spec.columns().size();
    return df.select(select.toArray(new Column[0])).javaRDD().mapPartitionsWithIndex((part, it) -> {
      TableSpec.RowValidator validator = spec.validator();
      return new Iterator<Row>() {
        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public Row next() {
          Row r = it.next();
          String file = r.getString(0);
          long rowIndex = r.getLong(1);
          String[] values = new String[columnCount];
          for (int c = 0; c < columnCount; c++) {
            values[c] = r.getString(c + 2);
          }
          Parsed<Object[]> outcome = validator.validate(values);
          String raw = outcome.isValid() ? null : Csv.line(values);
          return outcome(file, fileOrdinal.get(file), rowIndex, outcome, raw, width);
        }
      };
    }, true);
  }

  /** A Parquet column as the text the core parsers read; timestamps keep their offset. */
  private static Column asText(StructField f) {
    Column c = col("`" + f.name() + "`");
    DataType t = f.dataType();
    if (t.equals(DataTypes.TimestampType)) {
      return date_format(c, "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    }
    if (t.equals(DataTypes.TimestampNTZType)) {
      return date_format(c, "yyyy-MM-dd HH:mm:ss.SSS"); // no zone: the contract reads it as UTC
    }
    return c.cast(DataTypes.StringType);
  }

  // ---- rows of the parsed dataset ----------------------------------------------------------------

  private static Row outcome(String file, int part, long idx, Parsed<Object[]> p, String raw, int width) {
    if (!p.isValid()) {
      return rejected(file, part, idx, p.reason(), raw, width);
    }
    Object[] v = new Object[6 + width];
    v[0] = file;
    v[1] = part;
    v[2] = idx;
    v[3] = VALID;
    System.arraycopy(p.value(), 0, v, 6, width);
    return RowFactory.create(v);
  }

  private static Row rejected(String file, int part, long idx, String reason, String raw, int width) {
    Object[] v = new Object[6 + width];
    v[0] = file;
    v[1] = part;
    v[2] = idx;
    v[3] = REJECTED;
    v[4] = reason;
    v[5] = raw;
    return RowFactory.create(v);
  }

  private static Row skipped(int part, long idx, int width) {
    Object[] v = new Object[6 + width];
    v[1] = part;
    v[2] = idx;
    v[3] = SKIPPED;
    return RowFactory.create(v);
  }

  // ---- rejects file ------------------------------------------------------------------------------

  /**
   * Writes {@code line,reason,raw} in file order, through a temporary file so a reader never sees a
   * half-written list. Written (header only) even when nothing was rejected, so an old list from a
   * previous run cannot be mistaken for this one.
   */
  private static void writeRejects(Dataset<Row> parsed, long rejected, boolean parquet, long[] lineOffset,
      Path file) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        w.write("line,reason,raw\n");
        if (rejected > 0) {
          Iterator<Row> it = parsed.filter(col(STATUS).equalTo(REJECTED))
              .select(FILE, PART, IDX, REASON, RAW)
              .orderBy(col(FILE), col(PART), col(IDX))
              .toLocalIterator();
          while (it.hasNext()) {
            Row r = it.next();
            String srcFile = r.isNullAt(0) ? null : r.getString(0);
            long line = parquet ? r.getLong(2) + 1 : lineOffset[r.getInt(1)] + r.getLong(2) + 1;
            String reason = r.getString(3);
            if (srcFile != null) {
              // a Parquet folder has several part files: the row number alone would be ambiguous
              reason = "[" + srcFile + "] " + reason;
            }
            w.write(Csv.line(Long.toString(line), reason, r.isNullAt(4) ? "" : r.getString(4)));
            w.write('\n');
          }
        }
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write rejects file " + file + ": " + e.getMessage(), e);
    }
  }
}
