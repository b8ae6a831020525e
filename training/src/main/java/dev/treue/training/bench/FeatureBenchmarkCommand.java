package dev.treue.training.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;

import dev.treue.core.cli.Arguments;
import dev.treue.core.cli.Command;
import dev.treue.core.cli.Option;
import dev.treue.core.cli.UsageException;
import dev.treue.training.ingest.IngestArguments;
import dev.treue.training.ingest.LoyaltyData;
import dev.treue.training.snapshot.DataSpan;
import dev.treue.training.snapshot.SnapshotJob;
import dev.treue.training.spark.SparkSessions;
import java.lang.management.ManagementFactory;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code ./treue bench features}: how much the point-in-time snapshot job costs next to the
 * cheapest aggregation Spark can do over the same events.
 *
 * <p>The data is read and validated once and the valid events and members are cached (persist +
 * count), so reading and validation are not timed. Then, each written to Spark's {@code noop} sink
 * (every row is computed, nothing is stored):
 * <ol>
 *   <li>a plain {@code groupBy(customer_id).agg(count, sum(amount), max(ts_millis))};
 *   <li>{@link SnapshotJob#snapshots} at N monthly cutoffs ending at the data's last month end.
 * </ol>
 * The jobs run {@code --runs} times in turn; the first round warms the JIT and caches, and of the
 * others each job's best wall time and its lowest process CPU time are reported (CPU time is the
 * steadier figure on a shared machine). The target is a
 * snapshot job at one cutoff no more than {@value #TARGET_RATIO}x the plain groupBy.
 *
 * <p>Besides the readable table, the command prints one {@code bench.features.KEY=VALUE} line per
 * figure, which {@code bench/scale.sh} collects.
 */
public final class FeatureBenchmarkCommand implements Command {
  static final double TARGET_RATIO = 2.0;

  @Override
  public String name() {
    return "bench features";
  }

  @Override
  public String summary() {
    return "time the snapshot feature job against a plain Spark groupBy over the same cached events";
  }

  @Override
  public List<Option> options() {
    return List.of(
        Option.required("data", "folder with customers and events (CSV or Parquet)"),
        Option.of(
            "cutoffs",
            "1,6",
            "numbers of monthly cutoffs to time, comma separated; each ends at the "
                + "data's last month end"),
        Option.of("horizon", "90", "label window in days passed to the snapshot job"),
        Option.of(
            "runs",
            "3",
            "times each job runs, in turn with the others; the first warms up and is not counted"),
        IngestArguments.MAX_REJECT_SHARE,
        IngestArguments.WORK);
  }

  @Override
  public int run(Arguments a) throws Exception {
    List<Integer> cutoffCounts = new ArrayList<>();
    for (String part : a.string("cutoffs").split(",")) {
      try {
        int n = Integer.parseInt(part.trim());
        if (n < 1) {
          throw new NumberFormatException();
        }
        cutoffCounts.add(n);
      } catch (NumberFormatException e) {
        throw new UsageException(
            "option --cutoffs expects positive whole numbers, comma separated, got '"
                + a.get("cutoffs")
                + "'");
      }
    }
    int horizon = a.integer("horizon");
    int runs = a.integer("runs");
    if (runs < 1) {
      throw new UsageException("option --runs must be at least 1, got " + runs);
    }
    SparkSession spark = SparkSessions.forJob("bench features");
    try {
      long readStart = System.nanoTime();
      // The reader caches validated rows on first use; counting fills that cache.
      LoyaltyData data =
          LoyaltyData.read(spark, IngestArguments.data(a, spark), IngestArguments.options(a));
      Dataset<Row> events = data.eventRows();
      Dataset<Row> members = data.memberRows();
      long nEvents = events.count();
      long nMembers = members.count();
      LocalDate dataEnd = DataSpan.lastEventDay(events);
      double readSeconds = seconds(readStart);
      int cores = Runtime.getRuntime().availableProcessors();
      System.out.printf(
          Locale.ROOT,
          "Feature benchmark: %,d events, %,d members, data end %s, %d cores, heap %s%n",
          nEvents,
          nMembers,
          dataEnd,
          cores,
          heap());
      System.out.printf(
          Locale.ROOT,
          "Read + validate + cache: %.1f s (not part of the timings below)%n",
          readSeconds);
      System.out.printf(
          Locale.ROOT,
          "Each job is written to the noop sink %d times, the jobs in turn; the best warm run is"
              + " reported (wall and process CPU time).%n",
          runs);
      System.out.println();

      Map<String, String> figures = new LinkedHashMap<>();
      figures.put("events", String.valueOf(nEvents));
      figures.put("members", String.valueOf(nMembers));
      figures.put("read_validate_cache_seconds", fmt(readSeconds));

      Map<String, Supplier<Dataset<Row>>> jobs = new LinkedHashMap<>();
      Map<String, String> labels = new LinkedHashMap<>();
      jobs.put(
          "groupby",
          () ->
              events
                  .groupBy(col("customer_id"))
                  .agg(
                      count(lit(1)).as("n"),
                      sum(col("amount")).as("amount"),
                      max(col("ts_millis")).as("last_ts")));
      labels.put("groupby", "plain groupBy (count, sum amount, max ts)");
      for (int n : cutoffCounts) {
        List<LocalDate> cutoffs = monthEnds(dataEnd, n);
        String key = "snapshots_" + n + "_cutoff" + (n == 1 ? "" : "s");
        jobs.put(key, () -> SnapshotJob.snapshots(members, events, cutoffs, horizon, dataEnd));
        labels.put(
            key,
            "snapshots, "
                + n
                + (n == 1 ? " cutoff" : " cutoffs")
                + " ("
                + cutoffs.get(0)
                + (n == 1 ? "" : ".." + cutoffs.get(n - 1))
                + ")");
      }
      Map<String, Timing> timings = timeInTurn(jobs, runs);
      Timing plain = timings.get("groupby");
      System.out.printf(
          Locale.ROOT,
          "%-44s %8s %9s %14s %10s%n",
          "job (best warm run)",
          "wall s",
          "CPU s",
          "events/s",
          "first run");
      for (Map.Entry<String, Timing> e : timings.entrySet()) {
        String key = e.getKey();
        Timing t = e.getValue();
        boolean reference = key.equals("groupby");
        double ratio = t.wall / plain.wall;
        double cpuRatio = t.cpu / plain.cpu;
        System.out.printf(
            Locale.ROOT,
            "%-44s %8.2f %9.2f %,14.0f %8.2f s%s%n",
            labels.get(key),
            t.wall,
            t.cpu,
            nEvents / t.wall,
            t.first,
            reference
                ? "   (reference)"
                : String.format(
                    Locale.ROOT,
                    "   %.2fx groupBy (CPU %.2fx)%s",
                    ratio,
                    cpuRatio,
                    key.equals("snapshots_1_cutoff")
                        ? String.format(
                            Locale.ROOT,
                            "  target <= %.0fx: %s",
                            TARGET_RATIO,
                            ratio <= TARGET_RATIO ? "PASS" : "MISS")
                        : ""));
        figures.put(key + "_seconds", fmt(t.wall));
        figures.put(key + "_cpu_seconds", fmt(t.cpu));
        figures.put(key + "_events_per_s", String.format(Locale.ROOT, "%.0f", nEvents / t.wall));
        if (!reference) {
          int n = Integer.parseInt(key.replaceAll("[^0-9]", ""));
          figures.put(
              key + "_member_cutoffs_per_s",
              String.format(Locale.ROOT, "%.0f", nMembers * (double) n / t.wall));
          figures.put(key + "_ratio", String.format(Locale.ROOT, "%.2f", ratio));
          figures.put(key + "_cpu_ratio", String.format(Locale.ROOT, "%.2f", cpuRatio));
          if (key.equals("snapshots_1_cutoff")) {
            figures.put("target_ratio_1_cutoff", ratio <= TARGET_RATIO ? "PASS" : "MISS");
          }
        }
      }
      System.out.println();
      figures.forEach((k, v) -> System.out.println("bench.features." + k + "=" + v));
      data.release();
      return 0;
    } finally {
      spark.stop();
    }
  }

  /** A job's first (cold) wall time and its best warm wall and CPU times, in seconds. */
  private record Timing(double first, double wall, double cpu) {}

  /**
   * Runs every job into the noop sink {@code runs} times, the jobs taking turns so that a change
   * in the machine's load falls on all of them alike. The first run warms the JIT and caches and
   * is not counted; of the others the fastest wall time and the lowest CPU time are kept. CPU time
   * is the whole process's (Spark runs in this JVM in local mode), which other programs on a shared
   * machine do not inflate.
   */
  private static Map<String, Timing> timeInTurn(
      Map<String, Supplier<Dataset<Row>>> jobs, int runs) {
    Map<String, double[]> best = new LinkedHashMap<>();
    for (int run = 0; run < runs; run++) {
      for (Map.Entry<String, Supplier<Dataset<Row>>> job : jobs.entrySet()) {
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        job.getValue().get().write().format("noop").mode("overwrite").save();
        double wall = seconds(start);
        double cpu = (processCpuNanos() - cpuStart) / 1e9;
        double[] b =
            best.computeIfAbsent(
                job.getKey(), k -> new double[] {0, Double.MAX_VALUE, Double.MAX_VALUE});
        if (run == 0) {
          b[0] = wall;
        }
        if (run > 0 || runs == 1) {
          b[1] = Math.min(b[1], wall);
          b[2] = Math.min(b[2], cpu);
        }
      }
    }
    Map<String, Timing> out = new LinkedHashMap<>();
    best.forEach((k, b) -> out.put(k, new Timing(b[0], b[1], b[2])));
    return out;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** The {@code n} month ends up to the last one on or before {@code dataEnd}, ascending. */
  static List<LocalDate> monthEnds(LocalDate dataEnd, int n) {
    YearMonth last = YearMonth.from(dataEnd);
    if (!last.atEndOfMonth().equals(dataEnd)) {
      last = last.minusMonths(1);
    }
    List<LocalDate> out = new ArrayList<>();
    for (int i = n - 1; i >= 0; i--) {
      out.add(last.minusMonths(i).atEndOfMonth());
    }
    return out;
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private static String fmt(double seconds) {
    return String.format(Locale.ROOT, "%.3f", seconds);
  }

  private static String heap() {
    return String.format(
        Locale.ROOT, "%.1f GiB", Runtime.getRuntime().maxMemory() / (1024.0 * 1024 * 1024));
  }
}
