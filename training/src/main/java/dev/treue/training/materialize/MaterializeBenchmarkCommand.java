package dev.treue.training.materialize;

import dev.treue.core.cli.Arguments;
import dev.treue.core.cli.Command;
import dev.treue.core.cli.Option;
import dev.treue.core.customer.MemberStatus;
import dev.treue.store.RedisEndpoint;
import dev.treue.store.RedisKeys;
import dev.treue.training.ingest.IngestArguments;
import dev.treue.training.ingest.LoyaltyData;
import dev.treue.training.snapshot.DataSpan;
import dev.treue.training.spark.SparkSessions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * {@code ./treue bench materialize}: the write stage of a load next to a standalone writer with the
 * same code and the same rows, in one run. The members are replayed once (not timed against
 * anything); their encoded rows are collected to the driver; then, twice each (the second, warm
 * round is reported), with the Redis database emptied before every write:
 * <ol>
 *   <li>the Spark write stage ({@link PartitionWriter} per partition, as {@code materialize} runs it);
 *   <li>the same {@link PartitionWriter} on the same partitions' rows in plain threads, one per core;
 *   <li>the same, states only (the at-risk rows left out), to price the list.
 * </ol>
 *
 * <p>It empties the Redis database it is given: point it at a Redis of its own.
 */
public final class MaterializeBenchmarkCommand implements Command {

  @Override
  public String name() {
    return "bench materialize";
  }

  @Override
  public String summary() {
    return "time the materialize write stage against a standalone writer (EMPTIES the given Redis)";
  }

  @Override
  public List<Option> options() {
    return List.of(
        Option.required("data", "folder with customers and events (CSV or Parquet)"),
        Option.required("redis", "redis://host:port of a Redis the benchmark may empty"),
        Option.of("registry", "models", "model registry whose current churn model scores the list"),
        Option.of("version", "", "churn model version (empty: the current one)"),
        MaterializeSettings.BATCH,
        IngestArguments.MAX_REJECT_SHARE,
        IngestArguments.WORK);
  }

  @Override
  public int run(Arguments a) throws Exception {
    String url = a.string("redis");
    Optional<ChurnModelChoice> model = ChurnModelChoice.load(a);
    SparkSession spark = SparkSessions.forJob("bench materialize");
    try {
      LoyaltyData data =
          LoyaltyData.read(spark, IngestArguments.data(a, spark), IngestArguments.options(a));
      MaterializeSettings settings =
          new MaterializeSettings(
              url,
              RedisKeys.DEFAULT_NAMESPACE,
              "bench",
              Duration.ofDays(400),
              a.integer("batch"),
              Math.toIntExact(DataSpan.lastEventDay(data.eventRows()).toEpochDay()),
              System.currentTimeMillis(),
              dev.treue.core.churn.RiskBand.MEDIUM_FROM,
              model
                  .map(m -> m.bundle().info().activeDays())
                  .orElse(MemberStatus.DEFAULT_ACTIVE_DAYS));
      long t0 = System.nanoTime();
      Dataset<Row> encoded =
          MaterializeJob.replay(
              spark,
              data.memberRows(),
              data.eventRows(),
              settings,
              model.map(m -> m.bundle().scorer()).orElse(null),
              null);
      long members = encoded.count();
      double replay = (System.nanoTime() - t0) / 1e9;
      List<List<Row>> partitions = partitions(encoded);
      long listed =
          partitions.stream()
              .flatMap(List::stream)
              .filter(r -> !r.isNullAt(LoadRows.AT_RISK))
              .count();
      int cores = Runtime.getRuntime().availableProcessors();
      System.out.printf(
          Locale.ROOT,
          "Materialize benchmark: %,d members (%,d listed), replay %.1f s, %d partitions, %d cores,"
              + " batch %d%n",
          members,
          listed,
          replay,
          partitions.size(),
          cores,
          settings.batchSize());
      Map<String, Double> rates = new LinkedHashMap<>();
      Map<String, Double> redisUs = new LinkedHashMap<>();
      Map<String, Write> writes = new LinkedHashMap<>();
      writes.put("spark_write", () -> spark(spark, encoded, settings));
      writes.put("standalone", () -> standalone(spark, partitions, settings, cores));
      List<List<Row>> statesOnly = statesOnly(partitions);
      writes.put("standalone_states_only", () -> standalone(spark, statesOnly, settings, cores));
      for (int round = 1; round <= 2; round++) {
        System.out.printf(Locale.ROOT, "round %d:%n", round);
        for (Map.Entry<String, Write> w : writes.entrySet()) {
          flush(url);
          double cpu = redisCpuSeconds(url);
          long t = System.nanoTime();
          w.getValue().run();
          double seconds = (System.nanoTime() - t) / 1e9;
          double us = (redisCpuSeconds(url) - cpu) * 1e6 / members;
          rates.put(w.getKey(), members / seconds);
          redisUs.put(w.getKey(), us);
          System.out.printf(
              Locale.ROOT,
              "  %-24s %,10.0f members/s, Redis CPU %5.2f us/member (busy %3.0f%% of the write)%n",
              w.getKey(),
              members / seconds,
              us,
              us * members / seconds / 1e4);
        }
      }
      double ratio = rates.get("spark_write") / rates.get("standalone");
      System.out.printf(Locale.ROOT, "Spark write stage / standalone writer: %.2f%n", ratio);
      rates.forEach(
          (k, v) ->
              System.out.printf(Locale.ROOT, "bench.materialize.%s_members_per_s=%.0f%n", k, v));
      redisUs.forEach(
          (k, v) ->
              System.out.printf(
                  Locale.ROOT, "bench.materialize.%s_redis_cpu_us_per_member=%.2f%n", k, v));
      System.out.printf(Locale.ROOT, "bench.materialize.spark_over_standalone=%.2f%n", ratio);
      System.out.printf(Locale.ROOT, "bench.materialize.partitions=%d%n", partitions.size());
      encoded.unpersist();
      return 0;
    } finally {
      spark.stop();
    }
  }

  /** The encoded rows of every partition, on the driver. */
  private static List<List<Row>> partitions(Dataset<Row> encoded) {
    List<List<Row>> out = new ArrayList<>();
    encoded.toJavaRDD().glom().collect().forEach(p -> out.add(new ArrayList<>(p)));
    return out;
  }

  private static List<List<Row>> statesOnly(List<List<Row>> partitions) {
    List<List<Row>> out = new ArrayList<>();
    for (List<Row> p : partitions) {
      List<Row> rows = new ArrayList<>(p.size());
      for (Row r : p) {
        Object[] values = new Object[LoadRows.SCHEMA.size()];
        values[LoadRows.ID] = r.get(LoadRows.ID);
        values[LoadRows.STATE] = r.get(LoadRows.STATE);
        rows.add(RowFactory.create(values));
      }
      out.add(rows);
    }
    return out;
  }

  /** One timed write of every member. */
  private interface Write {
    void run() throws Exception;
  }

  private static void spark(
      SparkSession spark, Dataset<Row> encoded, MaterializeSettings settings) {
    encoded.foreachPartition(new PartitionWriter(settings, acc(spark), acc(spark), acc(spark)));
  }

  private static void standalone(
      SparkSession spark, List<List<Row>> partitions, MaterializeSettings settings, int threads)
      throws Exception {
    PartitionWriter writer = new PartitionWriter(settings, acc(spark), acc(spark), acc(spark));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (List<Row> p : partitions) {
        done.add(pool.submit(() -> writer.call(p.iterator())));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  /**
   * The Redis server's CPU time so far (user + system, INFO cpu): with the wall time of a write,
   * how busy its one command thread was, which is what tells waiting on Redis from waiting in
   * the writer.
   */
  private static double redisCpuSeconds(String url) {
    try (var redis = RedisEndpoint.parse(url).connect(Duration.ofSeconds(10), 1)) {
      double total = 0;
      for (String line : redis.info("cpu").split("\\R")) {
        if (line.startsWith("used_cpu_user:") || line.startsWith("used_cpu_sys:")) {
          total += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
        }
      }
      return total;
    }
  }

  private static LongAccumulator acc(SparkSession spark) {
    return spark.sparkContext().longAccumulator();
  }

  private static void flush(String url) {
    try (var redis = RedisEndpoint.parse(url).connect(Duration.ofSeconds(10), 1)) {
      redis.flushDB();
    }
  }
}
