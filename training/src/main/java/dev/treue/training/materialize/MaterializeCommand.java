package dev.treue.training.materialize;

import dev.treue.core.churn.ChurnScorer;
import dev.treue.core.churn.RiskBand;
import dev.treue.core.cli.Arguments;
import dev.treue.core.cli.Command;
import dev.treue.core.cli.Option;
import dev.treue.core.cli.UsageException;
import dev.treue.core.customer.MemberStatus;
import dev.treue.store.RedisEndpoint;
import dev.treue.store.RedisKeys;
import dev.treue.training.files.Location;
import dev.treue.training.ingest.IngestArguments;
import dev.treue.training.ingest.LoyaltyData;
import dev.treue.training.ingest.LoyaltyReader;
import dev.treue.training.kpis.KpiRun;
import dev.treue.training.kpis.KpisCommand;
import dev.treue.training.score.AtRiskLists;
import dev.treue.training.score.ReasonArguments;
import dev.treue.training.score.RetentionModel;
import dev.treue.training.score.RetentionSettings;
import dev.treue.training.snapshot.DataSpan;
import dev.treue.training.spark.SparkSessions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** {@code ./treue materialize}: loads every member's state (and the at-risk list) into Redis. */
public final class MaterializeCommand implements Command {

  @Override
  public String name() {
    return "materialize";
  }

  @Override
  public String summary() {
    return "load every member's state into the Redis feature cache, with the at-risk list from the current model";
  }

  @Override
  public List<Option> options() {
    return List.of(
        Option.required("data", "folder with customers and events (CSV or Parquet)"),
        Option.of(
            "as-of",
            "",
            "state as of the end of this day yyyy-MM-dd (empty: the last day with an event)"),
        Option.of(
            "redis",
            "",
            "redis://host:port or redis-cluster://host:port,... (empty: $"
                + RedisEndpoint.ENV
                + ")"),
        Option.of("tenant", "default", "the programme's key prefix in Redis"),
        Option.of(
            "namespace",
            RedisKeys.DEFAULT_NAMESPACE,
            "first segment of every Redis key (the service's namespace)"),
        Option.of(
            "ttl", "P400D", "time to live of member keys, ISO-8601 (PT0S: keep until erased)"),
        Option.of(
            "registry",
            "models",
            "model registry whose current churn model scores the at-risk list"),
        Option.of("version", "", "churn model version (empty: the current one)"),
        Option.flag("states-only", "load states without scoring the at-risk list"),
        Option.of(
            "lists",
            "",
            "also write the member lists as files from the rows loaded (no second replay): this"
                + " at-risk CSV, the win-back and not-activated lists beside it, each with a Parquet"
                + " copy, as ./treue score --out writes them (empty: none)"),
        AtRiskLists.RISK_BANDS,
        Option.flag(
            "no-kpis",
            "skip the programme KPIs (by default stored for GET /v1/kpis and in --kpis-out)"),
        Option.of("kpis-out", "", "folder for kpis.json and kpis.csv (empty: DATA/kpis)"),
        MaterializeSettings.BATCH,
        Option.of(
            "reasons-from",
            String.valueOf(RiskBand.MEDIUM_FROM),
            "give reasons to members from this churn probability up (0 = everyone)"),
        RetentionModel.OFFERS_VERSION,
        RetentionModel.RETENTION_FROM,
        ReasonArguments.CURRENCY,
        ReasonArguments.LANGUAGE,
        IngestArguments.MAX_REJECT_SHARE,
        IngestArguments.WORK);
  }

  @Override
  public int run(Arguments a) throws Exception {
    String url = a.has("redis") ? a.string("redis") : System.getenv(RedisEndpoint.ENV);
    if (url == null || url.isBlank()) {
      throw new UsageException("no Redis to load into: give --redis or set " + RedisEndpoint.ENV);
    }
    RedisEndpoint.parse(url);
    try {
      new RedisKeys(a.string("namespace"), a.string("tenant"));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    Duration ttl = ttl(a.string("ttl"));
    Currency currency = ReasonArguments.currency(a);
    dev.treue.core.i18n.Language language = ReasonArguments.language(a);
    if (a.has("lists") && a.flag("states-only")) {
      throw new UsageException(
          "--lists writes the scored member lists; --states-only loads no scores: give one of them");
    }
    Set<RiskBand> bands = AtRiskLists.riskBands(a.string("risk-bands"));
    Optional<ChurnModelChoice> model =
        a.flag("states-only") ? Optional.empty() : ChurnModelChoice.load(a);
    if (a.has("lists") && model.isEmpty()) {
      throw new UsageException(
          "--lists writes the scored member lists, and "
              + a.string("registry")
              + " has no current churn model to score them; run ./treue train churn first");
    }
    Path kpisOut =
        a.flag("no-kpis") ? null : IngestArguments.outputBesideData(a, "kpis-out", "kpis");
    SparkSession spark = SparkSessions.forJob("materialize");
    try {
      LoyaltyReader reader = new LoyaltyReader(spark, IngestArguments.options(a));
      Location folder = IngestArguments.data(a, spark);
      LoyaltyData data = reader.read(folder);
      // The retention offers as ./treue score picks them; only a scored list carries them.
      RetentionSettings retention =
          model.isPresent() ? RetentionModel.load(a, reader, folder) : null;
      Dataset<Row> events = data.eventRows();
      LocalDate asOf = a.has("as-of") ? a.date("as-of") : DataSpan.lastEventDay(events);
      MaterializeSettings settings =
          new MaterializeSettings(
              url,
              a.string("namespace"),
              a.string("tenant"),
              ttl,
              a.integer("batch"),
              Math.toIntExact(asOf.toEpochDay()),
              System.currentTimeMillis(),
              a.decimal("reasons-from"),
              model
                  .map(m -> m.bundle().info().activeDays())
                  .orElse(MemberStatus.DEFAULT_ACTIVE_DAYS));
      ChurnScorer inWords =
          model
              .map(ChurnModelChoice::bundle)
              .map(b -> ReasonArguments.inWords(b.scorer(), language, currency))
              .orElse(null);
      LoadedLists lists =
          a.has("lists")
              ? new LoadedLists(a.string("lists"), bands, language, inWords.words())
              : null;
      MaterializeResult r =
          MaterializeJob.run(spark, data.memberRows(), events, settings, inWords, retention, lists);
      System.out.printf(
          Locale.ROOT,
          "Materialized %,d members as of %s into %s (tenant %s): %,d at-risk rows, %,d opted out of profiling%n",
          r.states(),
          asOf,
          RedisEndpoint.parse(url),
          settings.tenant(),
          r.listed(),
          r.optedOut());
      System.out.printf(
          Locale.ROOT,
          "  replay %.1f s (%,.0f members/s), Redis writes %.1f s (%,.0f members/s)%n",
          r.replaySeconds(),
          (r.states() + r.optedOut()) / r.replaySeconds(),
          r.writeSeconds(),
          r.writeRate());
      model.ifPresentOrElse(
          m ->
              System.out.println(
                  "  at-risk list scored with churn model "
                      + m.version()
                      + (retention == null
                          ? ", no retention offers"
                          : ", retention offers from offers model "
                              + retention.modelVersion()
                              + " at churn >= "
                              + retention.from())),
          () ->
              System.out.println(
                  "  no churn model: states only (train one and re-run to fill the at-risk list)"));
      if (r.lists() != null) {
        System.out.printf(
            Locale.ROOT,
            "Member lists written from the loaded rows in %.1f s (%,d members at risk in the file):%n",
            r.listSeconds(),
            r.lists().atRiskRows());
        AtRiskLists.printPaths(r.lists());
      }
      if (!a.flag("no-kpis")) {
        // The data is read and the model loaded already: the programme's KPIs come with the load.
        KpiRun.run(
            spark,
            data,
            new KpiRun.Settings(
                settings.tenant(),
                asOf,
                "month",
                currency.getCurrencyCode(),
                model.map(ChurnModelChoice::version).orElse(null),
                model
                    .map(m -> ReasonArguments.inCurrency(m.bundle().scorer(), currency))
                    .orElse(null),
                settings.activeDays(),
                model
                    .map(m -> m.bundle().info().horizonDays())
                    .orElse(KpisCommand.DEFAULT_HORIZON_DAYS),
                kpisOut,
                url,
                new RedisKeys(a.string("namespace"), a.string("tenant")),
                language));
      }
      return 0;
    } finally {
      spark.stop();
    }
  }

  private static Duration ttl(String text) {
    try {
      Duration d = Duration.parse(text);
      if (d.isNegative()) {
        throw new UsageException(
            "--ttl " + text + " is negative; expected an ISO-8601 duration like P400D");
      }
      return d;
    } catch (DateTimeParseException e) {
      throw new UsageException(
          "--ttl " + text + " is not an ISO-8601 duration; expected e.g. P400D or PT0S");
    }
  }
}
