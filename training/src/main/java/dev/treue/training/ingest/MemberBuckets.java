package dev.treue.training.ingest;

import static org.apache.spark.sql.functions.col;

import dev.treue.training.files.Location;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.BucketSpec;
import org.apache.spark.sql.execution.datasources.FileStatusCache;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.InMemoryFileIndex;
import org.apache.spark.sql.execution.datasources.parquet.ParquetFileFormat;
import org.apache.spark.sql.types.StructType;
import scala.Option;
import scala.collection.immutable.Map$;
import scala.jdk.javaapi.CollectionConverters;

/**
 * How a validated folder keeps the members and their events: both tables cut into the same number
 * of buckets by {@code customer_id} (Spark's own hash, as {@code repartition(n, customer_id)} cuts
 * them), one file per bucket, each sorted by member (events then by time). A job that replays
 * members ({@code replay/StreamedHistories}) then reads a member's profile and events from the same
 * bucket of the two tables, in order, without moving every event across the cluster to its member
 * and sorting it there, which was a third of a batch job's time.
 *
 * <p>Spark is told the layout (a bucketed relation), so it knows each table is already partitioned
 * by member and keeps each bucket's file whole in one partition; a job that needs anything else
 * (a join on another key, a sort) still gets its shuffle. Each file carries its bucket in its name
 * ({@code part-00003-..._00003.c000.snappy.parquet}), where Spark's bucketed reader looks for it.
 */
final class MemberBuckets {
  /** The column both tables are bucketed by. */
  static final String COLUMN = "customer_id";

  /** Tables kept in member buckets; the others are written as they come. */
  static final List<String> TABLES = List.of("customers", "events");

  /** About this much of the source goes into one bucket (CSV bytes; the Parquet is a fifth). */
  private static final long SOURCE_BYTES_PER_BUCKET = 256L << 20;

  /** A part file as Spark names it: {@code part-<task>-<job uuid>-c000.snappy.parquet}. */
  private static final Pattern PART = Pattern.compile("part-(\\d+)-(.+)-(c\\d+\\..+)");

  private MemberBuckets() {}

  /**
   * The number of buckets for a source of {@code sourceBytes}: at least one per core Spark has, so
   * every core replays, and more for larger sources, so a bucket stays small enough to sort and
   * read as one task.
   */
  static int count(SparkSession spark, long sourceBytes) {
    int cores = Math.max(1, spark.sparkContext().defaultParallelism());
    long bySize = (sourceBytes + SOURCE_BYTES_PER_BUCKET - 1) / SOURCE_BYTES_PER_BUCKET;
    return (int) Math.min(10_000, Math.max(cores, bySize));
  }

  /**
   * Writes {@code table}'s rows to the new folder {@code dir} in {@code buckets} member buckets:
   * cut by member and sorted in each (events by member, time and id), one file a bucket, named by
   * its bucket. The member id is stored plain, not through a dictionary: a bucket sorted by member
   * repeats each id for all their events, so Parquet would keep the ids in a dictionary, and
   * Spark's reader then copies an id's bytes out of it for every row it reads. The event ids, one
   * a row, are not offered to a dictionary either (it could only fill up and be dropped), and no
   * column keeps min/max statistics: comparing every string for them was 3.5% of an import, and no
   * job filters a bucket's file by them (each holds every day of its members).
   */
  static void write(Dataset<Row> rows, String table, int buckets, Location dir) {
    List<Column> order =
        table.equals("events")
            ? List.of(col(COLUMN), col("ts_millis"), col("event_id"))
            : List.of(col(COLUMN));
    rows.repartition(buckets, col(COLUMN))
        .sortWithinPartitions(order.toArray(Column[]::new))
        .write()
        .mode(SaveMode.ErrorIfExists)
        .option("parquet.enable.dictionary#" + COLUMN, "false")
        .option("parquet.enable.dictionary#event_id", "false")
        .option("parquet.column.statistics.enabled", "false")
        .parquet(dir.uri());
    nameFiles(dir);
  }

  /**
   * Renames the part files {@link #write} had Spark write so each names its bucket: the
   * writing task's number is the bucket ({@code repartition} by number keeps it, adaptive execution
   * does not merge such partitions), and an empty bucket has no file.
   */
  private static void nameFiles(Location dir) {
    for (Location.Entry e : dir.list()) {
      if (e.name().startsWith("_") || e.name().startsWith(".")) {
        continue; // Spark's _SUCCESS and checksums; not data
      }
      Matcher m = PART.matcher(e.name());
      if (e.folder() || !m.matches()) {
        throw new IllegalStateException(
            "cannot name the bucket of " + dir.resolve(e.name()) + ": not a part file Spark wrote");
      }
      int bucket = Integer.parseInt(m.group(1));
      String named =
          "part-" + m.group(1) + "-" + m.group(2) + "_" + bucketId(bucket) + "." + m.group(3);
      dir.resolve(e.name()).moveTo(dir.resolve(named));
      Location checksum = dir.resolve("." + e.name() + ".crc"); // Hadoop's local checksum file
      if (checksum.exists()) {
        checksum.moveTo(dir.resolve("." + named + ".crc"));
      }
    }
  }

  private static String bucketId(int bucket) {
    return String.format(Locale.ROOT, "%05d", bucket);
  }

  /**
   * The rows of a table written in {@code buckets} member buckets, as a relation Spark knows to be
   * partitioned by {@link #COLUMN} into that many partitions, one whole file each.
   */
  static Dataset<Row> read(SparkSession spark, Location dir, StructType schema, int buckets) {
    // Spark turns a bucketed scan into a plain one when no operator above it asks for the
    // partitioning; the histories' zip of the two tables is not an operator Spark sees.
    spark.conf().set("spark.sql.sources.bucketing.autoBucketedScan.enabled", "false");
    scala.collection.immutable.Map<String, String> none = Map$.MODULE$.empty();
    InMemoryFileIndex files =
        new InMemoryFileIndex(
            spark,
            CollectionConverters.asScala(List.of(new Path(dir.uri()))).toList(),
            none,
            Option.apply(schema),
            FileStatusCache.getOrCreate(spark),
            Option.empty(),
            Option.empty());
    BucketSpec spec =
        new BucketSpec(
            buckets,
            CollectionConverters.asScala(List.of(COLUMN)).toList(),
            CollectionConverters.asScala(List.<String>of()).toList());
    HadoopFsRelation relation =
        HadoopFsRelation.apply(
            files,
            new StructType(),
            schema,
            Option.apply(spec),
            new ParquetFileFormat(),
            none,
            spark);
    return spark.baseRelationToDataFrame(relation);
  }
}
