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
 * Each is run twice and the second (warm JIT, warm caches) run is reported. The target is a
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
    SparkSession spark = SparkSessions.forJob("bench features");
    try {
      long readStart = System.nanoTime();
      // The reader caches validated rows on first use; counting fills that cache.
      LoyaltyData data = LoyaltyData.read(spark, a.path("data"), IngestArguments.options(a));
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
      System.out.println(
          "Each job is written to the noop sink twice; the second (warm) run is reported.");
      System.out.println();

      Map<String, String> figures = new LinkedHashMap<>();
      figures.put("events", String.valueOf(nEvents));
      figures.put("members", String.valueOf(nMembers));
      figures.put("read_validate_cache_seconds", fmt(readSeconds));

      double[] plain =
          twice(
              () ->
                  events
                      .groupBy(col("customer_id"))
                      .agg(
                          count(lit(1)).as("n"),
                          sum(col("amount")).as("amount"),
                          max(col("ts_millis")).as("last_ts")));
      System.out.printf(
          Locale.ROOT,
          "%-44s %8.2f s  %,12.0f events/s   (first run %.2f s)%n",
          "plain groupBy (count, sum amount, max ts)",
          plain[1],
          nEvents / plain[1],
          plain[0]);
      figures.put("groupby_seconds", fmt(plain[1]));
      figures.put("groupby_events_per_s", String.format(Locale.ROOT, "%.0f", nEvents / plain[1]));

      for (int n : cutoffCounts) {
        List<LocalDate> cutoffs = monthEnds(dataEnd, n);
        double[] snap =
            twice(() -> SnapshotJob.snapshots(members, events, cutoffs, horizon, dataEnd));
        double ratio = snap[1] / plain[1];
        String label =
            "snapshots, "
                + n
                + (n == 1 ? " cutoff" : " cutoffs")
                + " ("
                + cutoffs.get(0)
                + (n == 1 ? "" : ".." + cutoffs.get(n - 1))
                + ")";
        System.out.printf(
            Locale.ROOT,
            "%-44s %8.2f s  %,12.0f events/s   (first run %.2f s)  %.2fx groupBy%s%n",
            label,
            snap[1],
            nEvents / snap[1],
            snap[0],
            ratio,
            n == 1
                ? String.format(
                    Locale.ROOT,
                    "  target <= %.0fx: %s",
                    TARGET_RATIO,
                    ratio <= TARGET_RATIO ? "PASS" : "MISS")
                : "");
        String key = "snapshots_" + n + "_cutoff" + (n == 1 ? "" : "s");
        figures.put(key + "_seconds", fmt(snap[1]));
        figures.put(key + "_events_per_s", String.format(Locale.ROOT, "%.0f", nEvents / snap[1]));
        figures.put(
            key + "_member_cutoffs_per_s",
            String.format(Locale.ROOT, "%.0f", nMembers * (double) n / snap[1]));
        figures.put(key + "_ratio", String.format(Locale.ROOT, "%.2f", ratio));
        if (n == 1) {
          figures.put("target_ratio_1_cutoff", ratio <= TARGET_RATIO ? "PASS" : "MISS");
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

  /** Runs the job into the noop sink twice; returns {first, second} wall seconds. */
  private static double[] twice(Supplier<Dataset<Row>> job) {
    double[] t = new double[2];
    for (int i = 0; i < 2; i++) {
      long start = System.nanoTime();
      job.get().write().format("noop").mode("overwrite").save();
      t[i] = seconds(start);
    }
    return t;
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
