package dev.treue.training.kpis;

import dev.treue.core.churn.ChurnModelBundle;
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
import dev.treue.training.registry.ModelRegistry;
import dev.treue.training.score.ReasonArguments;
import dev.treue.training.spark.SparkSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * {@code ./treue kpis}: the programme KPIs ({@link dev.treue.core.kpi.Kpi}) per month or quarter and overall (the
 * twelve months ending on the as-of day), by tier, by segment and by both, with cohort retention curves, written to
 * {@code kpis.json} and {@code kpis.csv} and, with {@code --redis}, as the tenant's KPI document. The model figures
 * (predicted churn, CLV, value at risk) come from the registry's current churn model and its lifetime model; the
 * churn probability is computed for the windows starting (value at risk: ending) in the last twelve months only,
 * because each needs a scoring pass over the members, and is null before. Without a churn model they are null.
 */
public final class KpisCommand implements Command {
  /** The churn horizon without a churn model: {@code ./treue train churn}'s default. */
  public static final int DEFAULT_HORIZON_DAYS = 90;

  @Override
  public String name() {
    return "kpis";
  }

  @Override
  public String summary() {
    return "compute the programme KPIs per period, tier and segment (kpis.json, kpis.csv, Redis)";
  }

  @Override
  public List<Option> options() {
    return List.of(
        Option.required("data", "folder with customers and events (CSV or Parquet)"),
        Option.of(
            "as-of", "", "the last day described, yyyy-MM-dd (empty: the last day with an event)"),
        Option.of("granularity", "month", "period length: month or quarter"),
        Option.of(
            "registry",
            "models",
            "model registry root; its current churn model gives the model figures (none there: they are null)"),
        Option.of("out", "", "folder for kpis.json and kpis.csv (empty: DATA/kpis)"),
        Option.of("redis", "", "also store the document in this Redis (redis://host:port)"),
        Option.of("tenant", "default", "the programme's key prefix in Redis"),
        Option.of(
            "namespace",
            RedisKeys.DEFAULT_NAMESPACE,
            "first segment of every Redis key (the service's namespace)"),
        ReasonArguments.CURRENCY,
        Option.of(
            ReasonArguments.LANGUAGE.name(),
            ReasonArguments.LANGUAGE.defaultValue(),
            "language of kpis.csv: en or de (German: German column names, ';' and decimal commas)"),
        IngestArguments.MAX_REJECT_SHARE,
        IngestArguments.WORK);
  }

  @Override
  public int run(Arguments a) throws Exception {
    String granularity = a.string("granularity");
    if (!KpiPeriods.GRANULARITIES.contains(granularity)) {
      throw new UsageException("--granularity: '" + granularity + "' is neither month nor quarter");
    }
    RedisKeys keys = null;
    if (a.has("redis")) {
      RedisEndpoint.parse(a.string("redis"));
      try {
        keys = new RedisKeys(a.string("namespace"), a.string("tenant"));
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
    }
    Optional<Model> model = model(a.string("registry"));
    int activeDays =
        model.map(m -> m.bundle.info().activeDays()).orElse(MemberStatus.DEFAULT_ACTIVE_DAYS);
    int horizon = model.map(m -> m.bundle.info().horizonDays()).orElse(DEFAULT_HORIZON_DAYS);
    Path out = IngestArguments.outputBesideData(a, "out", "kpis");
    SparkSession spark = SparkSessions.forJob("kpis");
    try {
      Location folder = IngestArguments.data(a, spark);
      System.out.println("kpis: reading " + folder);
      LoyaltyData data = LoyaltyData.read(spark, folder, IngestArguments.options(a));
      KpiRun.run(
          spark,
          data,
          new KpiRun.Settings(
              a.string("tenant"),
              a.has("as-of") ? a.date("as-of") : null,
              granularity,
              ReasonArguments.currency(a).getCurrencyCode(),
              model.map(m -> m.version).orElse(null),
              model.map(m -> m.bundle.scorer()).orElse(null),
              activeDays,
              horizon,
              out,
              a.has("redis") ? a.string("redis") : null,
              keys,
              ReasonArguments.language(a)));
      data.release();
      return 0;
    } finally {
      spark.stop();
    }
  }

  /** The registry's current churn model, or empty when the registry has none. */
  private static Optional<Model> model(String registryRoot) throws java.io.IOException {
    if (!registryRoot.contains(":") && !Files.isDirectory(Path.of(registryRoot))) {
      return Optional.empty();
    }
    try (ModelRegistry registry = ModelRegistry.open(registryRoot)) {
      Optional<String> version = registry.current(ModelRegistry.DEFAULT_KIND);
      if (version.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          new Model(
              version.get(),
              ChurnModelBundle.read(
                  registry.localBundle(ModelRegistry.DEFAULT_KIND, version.get()))));
    }
  }

  /** A churn model version and its bundle. */
  private record Model(String version, ChurnModelBundle.Loaded bundle) {}
}
