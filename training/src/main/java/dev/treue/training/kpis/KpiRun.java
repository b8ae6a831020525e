package dev.treue.training.kpis;

import static dev.treue.core.time.Days.DAY_MILLIS;

import dev.treue.core.churn.ChurnScorer;
import dev.treue.core.i18n.Language;
import dev.treue.store.KpiDocuments;
import dev.treue.store.RedisEndpoint;
import dev.treue.store.RedisKeys;
import dev.treue.training.ingest.LoyaltyData;
import dev.treue.training.replay.MemberReplay;
import dev.treue.training.replay.StreamedHistories;
import dev.treue.training.replay.StreamedHistories.EventIds;
import dev.treue.training.snapshot.DataSpan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One KPI computation on data already read: windows, the Spark pass, the files and the Redis document. {@code
 * ./treue kpis} and {@code ./treue materialize} (which has the data and the model at hand) both run it.
 */
public final class KpiRun {
  private KpiRun() {}

  /**
   * What to compute and where to put it.
   *
   * @param asOf the last day described, or null for the last day with an event
   * @param granularity {@code month} or {@code quarter}
   * @param modelVersion the churn model's version, or null without one
   * @param scorer the churn model, or null: predicted churn, CLV and value at risk are then null
   * @param activeDays the activity window (the model's, or the default)
   * @param horizonDays the churn horizon (the model's, or {@link KpisCommand#DEFAULT_HORIZON_DAYS})
   * @param out the folder for {@code kpis.json} and {@code kpis.csv}
   * @param redisUrl the Redis to store the document in, or null
   * @param keys the tenant's keys there, or null without Redis
   * @param language the language of {@code kpis.csv} ({@code --language}): its header, separator and
   *     decimal mark
   */
  public record Settings(
      String tenant,
      LocalDate asOf,
      String granularity,
      String currency,
      String modelVersion,
      ChurnScorer scorer,
      int activeDays,
      int horizonDays,
      Path out,
      String redisUrl,
      RedisKeys keys,
      Language language) {}

  /** Computes the KPIs of {@code data} and writes them; progress goes to standard output. */
  public static void run(SparkSession spark, LoyaltyData data, Settings s) throws IOException {
    long started = System.nanoTime();
    Dataset<Row> events = data.eventRows();
    LocalDate asOf = s.asOf() != null ? s.asOf() : DataSpan.lastEventDay(events);
    List<KpiWindow> windows =
        KpiPeriods.windows(
            DataSpan.firstEventDay(events),
            asOf,
            "quarter".equals(s.granularity()),
            s.horizonDays());
    System.out.printf(
        Locale.ROOT,
        "kpis: %d %s periods %s .. %s, active window %d days, churn horizon %d days, %s%n",
        windows.size() - 1,
        s.granularity(),
        windows.get(0).start(),
        asOf,
        s.activeDays(),
        s.horizonDays(),
        s.scorer() == null
            ? "no churn model: predicted churn, CLV and value at risk are null"
            : "churn model " + s.modelVersion() + " (churn probability for the last 12 months)");
    Map<String, KpiCounts> sums =
        sums(spark, data, asOf, windows, s.scorer(), s.activeDays(), s.horizonDays());
    KpiDocument document =
        new KpiDocument(
            new KpiDocument.Header(
                s.tenant(),
                asOf,
                s.granularity(),
                s.currency(),
                Clock.systemUTC().instant(),
                s.modelVersion(),
                s.activeDays(),
                s.horizonDays()),
            windows,
            sums);
    String json = document.json();
    Files.createDirectories(s.out());
    Files.writeString(s.out().resolve("kpis.json"), json, StandardCharsets.UTF_8);
    Files.writeString(
        s.out().resolve("kpis.csv"), document.csv(s.language()), StandardCharsets.UTF_8);
    System.out.printf(
        Locale.ROOT,
        "kpis: computed in %.1f s; written to %s (kpis.json, kpis.csv)%n",
        (System.nanoTime() - started) / 1e9,
        s.out().toAbsolutePath());
    if (s.redisUrl() != null) {
      try (var redis = RedisEndpoint.parse(s.redisUrl()).connect(Duration.ofSeconds(10), 1)) {
        new KpiDocuments(redis).put(s.keys(), json);
      }
      System.out.println("kpis: stored in Redis as " + s.keys().kpiDocument() + " (GET /v1/kpis)");
    }
  }

  /** The sums of every window and breakdown, one pass over the members' histories. */
  static Map<String, KpiCounts> sums(
      SparkSession spark,
      LoyaltyData data,
      LocalDate asOf,
      List<KpiWindow> windows,
      ChurnScorer scorer,
      int activeDays,
      int horizon) {
    Dataset<Row> upToAsOf =
        MemberReplay.eventsForReplayBefore(data.eventRows(), (asOf.toEpochDay() + 1) * DAY_MILLIS);
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<ChurnScorer> model = scorer == null ? null : context.broadcast(scorer);
    int asOfDay = Math.toIntExact(asOf.toEpochDay());
    int scoreFrom = Math.toIntExact(asOf.minusYears(1).toEpochDay());
    return StreamedHistories.histories(data.memberRows(), upToAsOf, EventIds.NOT_NEEDED)
        .mapPartitionsToPair(
            new MemberKpis(windows, model, activeDays, horizon, scoreFrom, asOfDay))
        // a member's sums go out under several keys: merge into fresh objects, never into a shared
        // one
        .reduceByKey((x, y) -> new KpiCounts().merge(x).merge(y))
        .collectAsMap();
  }
}
