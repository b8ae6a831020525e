package dev.treue.training.score;

import dev.treue.core.churn.ChurnModelBundle;
import dev.treue.core.churn.ChurnScorer;
import dev.treue.core.cli.Arguments;
import dev.treue.core.cli.Command;
import dev.treue.core.cli.Option;
import dev.treue.core.registry.RegistryException;
import dev.treue.training.ingest.IngestArguments;
import dev.treue.training.ingest.LoyaltyData;
import dev.treue.training.ingest.LoyaltyReader;
import dev.treue.training.registry.ModelRegistry;
import dev.treue.training.snapshot.DataSpan;
import dev.treue.training.spark.SparkSessions;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/** {@code ./treue score}: the at-risk list of every member with the current churn model. */
public final class ScoreCommand implements Command {

  @Override
  public String name() {
    return "score";
  }

  @Override
  public String summary() {
    return "score every member with the current churn model and write the at-risk list (CSV + Parquet)";
  }

  @Override
  public List<Option> options() {
    return List.of(
        Option.required("data", "folder with customers and events (CSV or Parquet)"),
        Option.of(
            "as-of",
            "",
            "score as of the end of this day yyyy-MM-dd (empty: the last day with an event)"),
        Option.of(
            "out",
            "atrisk.csv",
            "the at-risk CSV file; the Parquet copy goes beside it as .parquet"),
        Option.of("registry", "models", "model registry root (local path or any Hadoop URI)"),
        Option.of("version", "", "model version (empty: the current one)"),
        Option.of(
            "reasons-from",
            String.valueOf(dev.treue.core.churn.RiskBand.MEDIUM_FROM),
            "give reasons to members from this churn probability up (0 = everyone)"),
        Option.of(
            "offers-version",
            "",
            "offers model version for retention offers (empty: the current one "
                + "when the registry has one and the data an offers table; none: no retention offers)"),
        Option.of(
            "retention-from",
            String.valueOf(dev.treue.core.churn.RiskBand.MEDIUM_FROM),
            "recommend a retention offer to members from this churn probability up"),
        ReasonArguments.CURRENCY,
        IngestArguments.MAX_REJECT_SHARE,
        IngestArguments.WORK);
  }

  @Override
  public int run(Arguments a) throws Exception {
    ChurnModelBundle.Loaded bundle;
    String version;
    try (ModelRegistry registry = ModelRegistry.open(a.string("registry"))) {
      version =
          a.has("version")
              ? a.string("version")
              : registry
                  .current(ModelRegistry.DEFAULT_KIND)
                  .orElseThrow(
                      () ->
                          new RegistryException(
                              "no current churn model in "
                                  + a.string("registry")
                                  + "; run ./treue train churn first"));
      bundle = ChurnModelBundle.read(registry.localBundle(ModelRegistry.DEFAULT_KIND, version));
    }
    ChurnScorer scorer = ReasonArguments.inCurrency(bundle.scorer(), ReasonArguments.currency(a));
    SparkSession spark = SparkSessions.forJob("score");
    try {
      LoyaltyReader reader = new LoyaltyReader(spark, IngestArguments.options(a));
      LoyaltyData data = reader.read(a.path("data"));
      RetentionSettings retention = RetentionModel.load(a, reader);
      Dataset<Row> events = data.eventRows();
      LocalDate asOf = a.has("as-of") ? a.date("as-of") : DataSpan.lastEventDay(events);
      long start = System.nanoTime();
      Dataset<Row> list =
          BatchScoring.atRiskList(
                  spark,
                  data.memberRows(),
                  events,
                  scorer,
                  asOf,
                  a.decimal("reasons-from"),
                  retention)
              .persist(StorageLevel.MEMORY_AND_DISK());
      long rows = list.count();
      double scoreSeconds = (System.nanoTime() - start) / 1e9;
      AtRiskFiles.write(list, a.string("out"));
      System.out.printf(
          Locale.ROOT,
          "Scored %,d members as of %s with churn model %s (%s) in %.1f s (%,.0f rows/s)%n",
          rows,
          asOf,
          version,
          bundle.info().modelName(),
          scoreSeconds,
          rows / scoreSeconds);
      if (retention != null) {
        long withOffer =
            list.filter(org.apache.spark.sql.functions.col("retention_offer_id").isNotNull())
                .count();
        System.out.printf(
            Locale.ROOT,
            "Retention offers from offers model %s: %,d members at churn >= %.2f got one%n",
            retention.modelVersion(),
            withOffer,
            retention.from());
      }
      System.out.println("Highest value at risk:");
      for (Row r : list.limit(5).collectAsList()) {
        int offer = r.fieldIndex("retention_offer_id");
        Double alive = r.getAs("p_alive");
        System.out.printf(
            Locale.ROOT,
            "  %-10s p=%.3f %-6s value at risk %9.2f (CLV %.2f, P(alive) %s)  %s%s%n",
            r.<String>getAs("customer_id"),
            r.<Double>getAs("churn_probability"),
            r.<String>getAs("risk_band"),
            r.<Double>getAs("value_at_risk"),
            r.<Double>getAs("clv"),
            alive == null ? "none, never purchased" : String.format(Locale.ROOT, "%.2f", alive),
            r.<String>getAs("reasons"),
            r.isNullAt(offer)
                ? ""
                : " -> offer " + r.getString(offer) + " (" + r.getAs("retention_offer_why") + ")");
      }
      System.out.println("At-risk list: " + Path.of(a.string("out")).toAbsolutePath());
      System.out.println("Parquet copy: " + AtRiskFiles.parquetPath(a.string("out")));
      list.unpersist();
      return 0;
    } finally {
      spark.stop();
    }
  }
}
