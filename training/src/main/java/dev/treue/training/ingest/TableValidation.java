package dev.treue.training.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;

import dev.treue.core.ingest.ColumnLayout;
import dev.treue.core.ingest.Csv;
import dev.treue.core.ingest.Parsed;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.CollectionAccumulator;
import scala.Tuple2;

/**
 * Validates one table in Spark with a single pass over the source in the common case.
 *
 * <p>The pass parses every row with the core rules and returns, per partition, only small things:
 * counts, the rejects (up to a cap; beyond it a second pass streams them), and the sorted 64-bit
 * hashes of the valid ids. Equal neighbours in the merged hashes are the only ids that can repeat;
 * usually there are none and no shuffle is needed, otherwise one more pass over those candidates
 * finds the exact repeats and their first position. A job's read ({@link #run}) returns rows that
 * parse the source again lazily (dropping rejects and repeats) and are cached on first use, so no
 * Spark row is built during validation: building rows and caching them costs more than parsing.
 * {@code validate --out} ({@link #written}) writes the rows in the validation pass itself and adds
 * up the partitions' findings after, so a source without repeated ids is read once.
 *
 * <p>Line numbers: a CSV is read as text lines; each partition numbers its lines and the line
 * counts per partition give the offsets to file line numbers, with no extra pass (unlike
 * zipWithIndex). Parquet rows use {@code _metadata.row_index} within their file.
 */
final class TableValidation {
  /** Rejects kept per partition in the validation pass; more are streamed in a second pass. */
  static final int DEFAULT_REJECTS_KEPT = 20_000;

  /** Tests lower it to exercise the second pass on small files. */
  static volatile int rejectsKeptPerPartition = DEFAULT_REJECTS_KEPT;

  private TableValidation() {}

  /** What one partition of the validation pass found. */
  record PartitionScan(
      int partition,
      long items,
      long valid,
      long rejected,
      long[] sortedKeyHashes,
      List<Reject> rejects)
      implements Serializable {}

  /** One rejected row: its position (see {@link RowDecoder}), reason and raw text. */
  record Reject(long position, String reason, String raw) implements Serializable {}

  static ValidatedTable run(
      SparkSession spark, TableSpec spec, TableSource source, IngestOptions options) {
    if (ValidatedParquet.isValidated(source)) {
      return ValidatedParquet.read(spark, spec, source, options);
    }
    return validate(spark, spec, source, options, open(spark, spec, source));
  }

  /**
   * Validates a table and hands its valid rows to {@code write} in the same pass over the source:
   * the rows are written while they are checked, and what the checks found is added up after. A
   * source with repeated ids is written a second time without the repeats (they are known only
   * once every row is seen), so {@code write} must replace what an earlier call of it wrote.
   *
   * @return the table's summary; its rejects file is written
   * @throws RejectThresholdException when too many rows are bad; the rows are written by then, so
   *     {@code write} must put them where a failed validation leaves nothing behind
   */
  static TableSummary written(
      SparkSession spark,
      TableSpec spec,
      TableSource source,
      IngestOptions options,
      Consumer<Dataset<Row>> write) {
    if (ValidatedParquet.isValidated(source)) {
      ValidatedTable t = ValidatedParquet.read(spark, spec, source, options);
      write.accept(t.rows());
      return t.summary();
    }
    return validateWhileWriting(spark, spec, source, options, open(spark, spec, source), write);
  }

  /** A source's items and the decoder that checks them. */
  private record Items<T>(JavaRDD<T> items, RowDecoder<T> decoder) {}

  private static Items<?> open(SparkSession spark, TableSpec spec, TableSource source) {
    return source.parquet() ? parquet(spark, spec, source) : csv(spark, spec, source);
  }

  // ---- sources ---------------------------------------------------------------------------------

  private static Items<String> csv(SparkSession spark, TableSpec spec, TableSource source) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    String location = source.location().uri();
    JavaRDD<String> lines = jsc.textFile(location);
    List<String> first = lines.take(1);
    if (first.isEmpty()) {
      throw new IllegalArgumentException(
          source.location() + " is empty; expected a header row with columns " + spec.columns());
    }
    Parsed<String[]> header = Csv.split(first.get(0), ',');
    if (!header.isValid()) {
      throw new IllegalArgumentException(
          source.location() + " line 1 (header): " + header.reason());
    }
    // a bad header fails here, on the driver, naming the file, before any row is read
    ColumnLayout.of(
        spec.columns(), spec.requiredColumns(), header.value(), source.location().toString());
    return new Items<>(lines, RowDecoder.csv(spec, header.value(), source.location().toString()));
  }

  private static Items<Row> parquet(SparkSession spark, TableSpec spec, TableSource source) {
    Dataset<Row> df = spark.read().parquet(source.location().uri());
    Map<String, StructField> byName = new HashMap<>();
    for (StructField f : df.schema().fields()) {
      byName.putIfAbsent(f.name().trim().toLowerCase(Locale.ROOT), f);
    }
    ColumnLayout.of(
        spec.columns(),
        spec.requiredColumns(),
        byName.keySet().toArray(new String[0]),
        source.location().toString());
    List<Column> select = new ArrayList<>();
    select.add(col("_metadata.file_name"));
    select.add(col("_metadata.row_index"));
    for (String c : spec.columns()) {
      StructField f = byName.get(c);
      select.add(f == null ? lit(null).cast(DataTypes.StringType) : asText(f).as(c));
    }
    // part files in name order give every row a stable position for "first by line"
    List<String> files =
        df.select(col("_metadata.file_name").as("f"))
            .distinct()
            .orderBy("f")
            .as(Encoders.STRING())
            .collectAsList();
    Map<String, Integer> fileOrdinal = new HashMap<>();
    for (String f : files) {
      fileOrdinal.put(f, fileOrdinal.size());
    }
    JavaRDD<Row> rows = df.select(select.toArray(new Column[0])).javaRDD();
    return new Items<>(rows, RowDecoder.parquet(spec, fileOrdinal));
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

  // ---- validation
  // --------------------------------------------------------------------------------

  private static <T> ValidatedTable validate(
      SparkSession spark, TableSpec spec, TableSource source, IngestOptions options, Items<T> in) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int keep = rejectsKeptPerPartition;
    RowDecoder<T> decoder = in.decoder();
    List<PartitionScan> scans =
        in.items()
            .mapPartitionsWithIndex(
                (part, it) -> {
                  RowDecoder.Cursor<T> cursor = decoder.open(part);
                  Scanner scanner = new Scanner(keep);
                  while (it.hasNext()) {
                    scanner.count(cursor, cursor.decode(it.next()));
                  }
                  return List.of(scanner.scan(part, cursor)).iterator();
                },
                true)
            .collect();
    Tally tally = tally(spec, source, options, new ArrayList<>(scans), in);
    Repeats repeats = repeats(jsc, in, tally.candidates());
    Dataset<Row> rows =
        spark
            .createDataFrame(validRows(jsc, in, repeats), spec.schema())
            .persist(StorageLevel.MEMORY_AND_DISK());
    return new ValidatedTable(rows, tally.summary(repeats.duplicates()), List.of(rows));
  }

  /**
   * The rows are written as they are decoded; each partition's scan comes back through an
   * accumulator when its rows are through (a partition computed twice, on a retry, reports the
   * same scan twice: one is kept).
   */
  private static <T> TableSummary validateWhileWriting(
      SparkSession spark,
      TableSpec spec,
      TableSource source,
      IngestOptions options,
      Items<T> in,
      Consumer<Dataset<Row>> write) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int keep = rejectsKeptPerPartition;
    RowDecoder<T> decoder = in.decoder();
    CollectionAccumulator<PartitionScan> reported =
        spark.sparkContext().collectionAccumulator("validation of " + spec.name());
    JavaRDD<Row> rows =
        in.items()
            .mapPartitionsWithIndex(
                (part, it) -> {
                  RowDecoder.Cursor<T> cursor = decoder.open(part);
                  Scanner scanner = new Scanner(keep);
                  return new FetchedRows() {
                    @Override
                    Row fetch() {
                      while (it.hasNext()) {
                        if (scanner.count(cursor, cursor.decode(it.next())) == RowDecoder.VALID) {
                          return RowFactory.create(cursor.values);
                        }
                      }
                      reported.add(scanner.scan(part, cursor)); // once: the rows have ended
                      return null;
                    }
                  };
                },
                true);
    write.accept(spark.createDataFrame(rows, spec.schema()));
    Tally tally =
        tally(
            spec,
            source,
            options,
            oncePerPartition(reported.value(), in.items().getNumPartitions()),
            in);
    reported.reset(); // the hashes can be large
    if (tally.candidates().isEmpty()) {
      return tally.summary(0);
    }
    Repeats repeats = repeats(jsc, in, tally.candidates());
    if (repeats.duplicates() > 0) {
      // the rows written hold every repeat: written again, each id's first row only
      write.accept(spark.createDataFrame(validRows(jsc, in, repeats), spec.schema()));
    }
    return tally.summary(repeats.duplicates());
  }

  /**
   * Every partition's scan once, in partition order, from the scans the partitions reported (a
   * partition computed again reports again; its scans are alike).
   *
   * @throws IllegalStateException when a partition reported nothing
   */
  static List<PartitionScan> oncePerPartition(List<PartitionScan> reported, int partitions) {
    PartitionScan[] byPartition = new PartitionScan[partitions];
    for (PartitionScan s : reported) {
      byPartition[s.partition()] = s;
    }
    for (int p = 0; p < partitions; p++) {
      if (byPartition[p] == null) {
        throw new IllegalStateException("partition " + p + " of the source was not validated");
      }
    }
    return new ArrayList<>(Arrays.asList(byPartition));
  }

  /** One partition's outcomes as they are decoded: what its {@link PartitionScan} reports. */
  private static final class Scanner {
    private final int keep;
    private long valid;
    private long rejected;
    private long[] hashes = new long[1024];
    private final List<Reject> rejects = new ArrayList<>();

    Scanner(int keep) {
      this.keep = keep;
    }

    /** Counts the cursor's last item; returns its {@code outcome}. */
    int count(RowDecoder.Cursor<?> cursor, int outcome) {
      if (outcome == RowDecoder.VALID) {
        if (valid == hashes.length) {
          hashes = Arrays.copyOf(hashes, hashes.length * 2);
        }
        hashes[(int) valid++] = hash64(cursor.key());
      } else if (outcome == RowDecoder.REJECTED && rejected++ < keep) {
        rejects.add(new Reject(cursor.position, cursor.reason, cursor.raw));
      }
      return outcome;
    }

    PartitionScan scan(int partition, RowDecoder.Cursor<?> cursor) {
      long[] sorted = Arrays.copyOf(hashes, (int) valid);
      Arrays.sort(sorted); // sorted in the executors, in parallel
      return new PartitionScan(partition, cursor.items(), valid, rejected, sorted, rejects);
    }
  }

  /**
   * What the partitions' scans add up to: the counts, the rejects file (written) and the hashes
   * of ids that may repeat.
   */
  private record Tally(TableSummary beforeDedupe, Set<Long> candidates) {
    TableSummary summary(long duplicates) {
      TableSummary s = beforeDedupe;
      return new TableSummary(
          s.table(), s.source(), s.rowsRead(), s.rejected(), duplicates, s.rejectsFile());
    }
  }

  /**
   * Adds up the scans and writes the rejects file.
   *
   * @throws RejectThresholdException when the rejected share is above the options' maximum
   */
  private static <T> Tally tally(
      TableSpec spec,
      TableSource source,
      IngestOptions options,
      List<PartitionScan> scans,
      Items<T> in) {
    scans.sort(Comparator.comparingInt(PartitionScan::partition));
    long valid = 0;
    long rejected = 0;
    boolean rejectsOverflow = false;
    long[] lineOffset = new long[scans.size()];
    long running = 0;
    for (PartitionScan s : scans) {
      valid += s.valid();
      rejected += s.rejected();
      rejectsOverflow |= s.rejected() > s.rejects().size();
      lineOffset[s.partition()] = running;
      running += s.items();
    }
    Path rejectsFile = options.rejectsDir().resolve(spec.name() + ".rejects.csv");
    LineNumbers lineNumbers = new LineNumbers(in.decoder().linesPerPartition(), lineOffset);
    if (rejectsOverflow) {
      writeRejects(rejectsFile, lineNumbers, streamRejects(in.items(), in.decoder()));
    } else {
      List<Reject> all = new ArrayList<>();
      scans.forEach(s -> all.addAll(s.rejects()));
      all.sort(Comparator.comparingLong(Reject::position));
      writeRejects(rejectsFile, lineNumbers, all.iterator());
    }
    TableSummary beforeDedupe =
        new TableSummary(
            spec.name(), source.location().toString(), valid + rejected, rejected, 0, rejectsFile);
    if (beforeDedupe.rejectShare() > options.maxRejectShare()) {
      throw new RejectThresholdException(beforeDedupe, options.maxRejectShare());
    }
    Set<Long> candidates =
        repeatedHashes(scans.stream().map(PartitionScan::sortedKeyHashes).toList());
    scans.clear(); // the hashes can be large; let them go before the next pass
    return new Tally(beforeDedupe, candidates);
  }

  /** The valid rows, parsed again lazily, each repeated id's first row only. */
  private static <T> JavaRDD<Row> validRows(JavaSparkContext jsc, Items<T> in, Repeats repeats) {
    Broadcast<Map<String, Long>> firsts = jsc.broadcast(new HashMap<>(repeats.firstPosition()));
    RowDecoder<T> decoder = in.decoder();
    return in.items()
        .mapPartitionsWithIndex(
            (part, it) -> {
              RowDecoder.Cursor<T> cursor = decoder.open(part);
              Map<String, Long> first = firsts.value();
              return new FetchedRows() {
                @Override
                Row fetch() {
                  while (it.hasNext()) {
                    if (cursor.decode(it.next()) == RowDecoder.VALID) {
                      Long at = first.isEmpty() ? null : first.get(cursor.key());
                      if (at == null || at == cursor.position) {
                        return RowFactory.create(cursor.values);
                      }
                    }
                  }
                  return null;
                }
              };
            },
            true);
  }

  /** Rows that {@link #fetch} finds one at a time, as an iterator; a null from it ends them. */
  private abstract static class FetchedRows implements Iterator<Row> {
    private Row next;
    private boolean ended;

    /** The next row, or null when there are no more (then it is not called again). */
    abstract Row fetch();

    @Override
    public boolean hasNext() {
      if (next == null && !ended) {
        next = fetch();
        ended = next == null;
      }
      return next != null;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Row r = next;
      next = null;
      return r;
    }
  }

  /**
   * Hashes that occur more than once among the valid ids: the only ids that can repeat. Each
   * partition's hashes come sorted, so they are merged as sorted runs (a heap of the runs by their
   * next hash) rather than copied into one array and sorted again: no second copy of every hash on
   * the driver, and no limit of 2^31 rows a table (a 50M-member programme has about 3 billion
   * events).
   */
  static Set<Long> repeatedHashes(List<long[]> sortedRuns) {
    long[][] runs = sortedRuns.toArray(long[][]::new);
    int[] next = new int[runs.length];
    long[] head = new long[runs.length];
    int[] heap = new int[runs.length];
    int size = 0;
    for (int r = 0; r < runs.length; r++) {
      if (runs[r].length > 0) {
        head[r] = runs[r][0];
        heap[size++] = r;
      }
    }
    for (int i = size / 2 - 1; i >= 0; i--) {
      siftDown(heap, size, i, head);
    }
    Set<Long> repeated = new HashSet<>();
    boolean first = true;
    long last = 0;
    while (size > 0) {
      int r = heap[0];
      long h = head[r];
      if (!first && h == last) {
        repeated.add(h);
      }
      first = false;
      last = h;
      if (++next[r] < runs[r].length) {
        head[r] = runs[r][next[r]];
      } else {
        heap[0] = heap[--size];
      }
      siftDown(heap, size, 0, head);
    }
    return repeated;
  }

  /** Moves {@code heap[i]} down to its place in the min-heap of runs by {@code head}. */
  private static void siftDown(int[] heap, int size, int i, long[] head) {
    if (size == 0) {
      return;
    }
    int moving = heap[i];
    long key = head[moving];
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && head[heap[child + 1]] < head[heap[child]]) {
        child++;
      }
      if (head[heap[child]] >= key) {
        break;
      }
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = moving;
  }

  /**
   * Ids that occur more than once.
   *
   * @param firstPosition repeated id to the position of its first row
   * @param duplicates rows beyond the first of each repeated id
   */
  private record Repeats(Map<String, Long> firstPosition, long duplicates) {}

  /** Exact repeats among the candidate ids (all rows whose id hash occurs more than once). */
  private static <T> Repeats repeats(JavaSparkContext jsc, Items<T> in, Set<Long> candidates) {
    if (candidates.isEmpty()) {
      return new Repeats(Map.of(), 0);
    }
    RowDecoder<T> decoder = in.decoder();
    Broadcast<Set<Long>> wanted = jsc.broadcast(candidates);
    List<Tuple2<String, Long>> hits =
        in.items()
            .mapPartitionsWithIndex(
                (part, it) -> {
                  RowDecoder.Cursor<T> cursor = decoder.open(part);
                  Set<Long> w = wanted.value();
                  List<Tuple2<String, Long>> out = new ArrayList<>();
                  while (it.hasNext()) {
                    if (cursor.decode(it.next()) == RowDecoder.VALID
                        && w.contains(hash64(cursor.key()))) {
                      out.add(new Tuple2<>(cursor.key(), cursor.position));
                    }
                  }
                  return out.iterator();
                },
                true)
            .collect();
    Map<String, long[]> byId = new HashMap<>();
    for (Tuple2<String, Long> h : hits) {
      long[] c = byId.computeIfAbsent(h._1(), k -> new long[] {0, Long.MAX_VALUE});
      c[0]++;
      c[1] = Math.min(c[1], h._2());
    }
    Map<String, Long> first = new HashMap<>();
    long duplicates = 0;
    for (Map.Entry<String, long[]> e : byId.entrySet()) {
      long[] c = e.getValue();
      if (c[0] > 1) { // two different ids with colliding hashes have a count of 1 each: not repeats
        first.put(e.getKey(), c[1]);
        duplicates += c[0] - 1;
      }
    }
    wanted.destroy();
    return new Repeats(first, duplicates);
  }

  /** All rejects in file order, for when the validation pass kept only the first ones. */
  private static <T> Iterator<Reject> streamRejects(JavaRDD<T> items, RowDecoder<T> decoder) {
    JavaRDD<Reject> rejects =
        items.mapPartitionsWithIndex(
            (part, it) -> {
              RowDecoder.Cursor<T> cursor = decoder.open(part);
              List<Reject> out = new ArrayList<>();
              while (it.hasNext()) {
                if (cursor.decode(it.next()) == RowDecoder.REJECTED) {
                  out.add(new Reject(cursor.position, cursor.reason, cursor.raw));
                }
              }
              return out.iterator();
            },
            true);
    // CSV partitions are already in file order; Parquet part files are not, so sort those
    return decoder.linesPerPartition()
        ? rejects.toLocalIterator()
        : rejects.sortBy(Reject::position, true, rejects.getNumPartitions()).toLocalIterator();
  }

  /** 64-bit FNV-1a over the id's chars with a final mix: collisions among 10^8 ids are ~1e-4 likely. */
  static long hash64(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  /** Turns row positions into the line numbers of the rejects file. */
  private record LineNumbers(boolean csv, long[] lineOffset) {
    long line(long position) {
      long index = position & RowDecoder.INDEX_MASK;
      if (!csv) {
        return index + 1; // Parquet: 1-based row number within its file
      }
      return lineOffset[(int) (position >>> RowDecoder.INDEX_BITS)] + index + 1;
    }
  }

  /**
   * Writes {@code line,reason,raw} through a temporary file so a reader never sees a half-written
   * list. Written (header only) even when nothing was rejected, so an old list from a previous run
   * cannot be mistaken for this one.
   */
  private static void writeRejects(Path file, LineNumbers lines, Iterator<Reject> rejects) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        w.write("line,reason,raw\n");
        while (rejects.hasNext()) {
          Reject r = rejects.next();
          w.write(Csv.line(Long.toString(lines.line(r.position())), r.reason(), r.raw()));
          w.write('\n');
        }
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write rejects file " + file + ": " + e.getMessage(), e);
    }
  }
}
