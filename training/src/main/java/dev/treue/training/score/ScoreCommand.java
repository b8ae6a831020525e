package dev.treue.training.score;

import dev.treue.core.churn.ChurnModelBundle;
import dev.treue.core.churn.ChurnScorer;
import dev.treue.core.churn.RiskBand;
import dev.treue.core.cli.Arguments;
import dev.treue.core.cli.Command;
import dev.treue.core.cli.Option;
import dev.treue.core.customer.MemberStatus;
import dev.treue.core.i18n.Language;
import dev.treue.core.registry.RegistryException;
import dev.treue.training.files.Location;
import dev.treue.training.ingest.IngestArguments;
import dev.treue.training.ingest.LoyaltyData;
import dev.treue.training.ingest.LoyaltyReader;
import dev.treue.training.registry.ModelRegistry;
import dev.treue.training.snapshot.DataSpan;
import dev.treue.training.spark.SparkSessions;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;

/**
 * {@code ./treue score}: every member assessed with the current churn model, written as three lists
 * with the same columns: the at-risk list (active members at medium or high risk by value at risk;
 * {@code --risk-bands} chooses the bands), the win-back list of lapsed members beside it ({@code
 * -winback.csv}, by win-back value) and the members not activated yet ({@code -not-activated.csv}).
 */
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
            "the at-risk CSV file; the Parquet copy goes beside it as .parquet, the win-back and"
                + " not-activated lists as -winback.csv and -not-activated.csv"),
        AtRiskLists.RISK_BANDS,
        Option.of("registry", "models", "model registry root (local path or any Hadoop URI)"),
        Option.of("version", "", "model version (empty: the current one)"),
        Option.of(
            "reasons-from",
            String.valueOf(dev.treue.core.churn.RiskBand.MEDIUM_FROM),
            "give reasons to members from this churn probability up (0 = everyone)"),
        RetentionModel.OFFERS_VERSION,
        RetentionModel.RETENTION_FROM,
        ReasonArguments.CURRENCY,
        ReasonArguments.LANGUAGE,
        IngestArguments.MAX_REJECT_SHARE,
        IngestArguments.WORK);
  }

  private static String bandNames(Set<RiskBand> bands) {
    return String.join(" or ", bands.stream().map(RiskBand::wireName).toList());
  }

  @Override
  public int run(Arguments a) throws Exception {
    Set<RiskBand> bands = AtRiskLists.riskBands(a.string("risk-bands"));
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
    Language language = ReasonArguments.language(a);
    ChurnScorer scorer =
        ReasonArguments.inWords(bundle.scorer(), language, ReasonArguments.currency(a));
    SparkSession spark = SparkSessions.forJob("score");
    try {
      LoyaltyReader reader = new LoyaltyReader(spark, IngestArguments.options(a));
      Location folder = IngestArguments.data(a, spark);
      LoyaltyData data = reader.read(folder);
      RetentionSettings retention = RetentionModel.load(a, reader, folder);
      Dataset<Row> events = data.eventRows();
      LocalDate asOf = a.has("as-of") ? a.date("as-of") : DataSpan.lastEventDay(events);
      long start = System.nanoTime();
      int activeDays = bundle.info().activeDays();
      LongAccumulator replays = spark.sparkContext().longAccumulator("members replayed");
      // Kept unsorted: sorting here would sample the replay before the shuffle and replay twice.
      // Every list below sorts the kept rows itself.
      Dataset<Row> list =
          BatchScoring.scoredMembers(
                  spark,
                  data.memberRows(),
                  events,
                  scorer,
                  asOf,
                  a.decimal("reasons-from"),
                  retention,
                  activeDays,
                  System.currentTimeMillis(),
                  replays)
              .persist(StorageLevel.MEMORY_AND_DISK());
      long rows = list.count();
      double scoreSeconds = (System.nanoTime() - start) / 1e9;
      Map<String, Long> groups = new HashMap<>();
      for (Row g : list.groupBy("status").count().collectAsList()) {
        groups.put(g.getString(0), g.getLong(1));
      }
      AtRiskLists.Written files = AtRiskLists.write(list, a.string("out"), bands, language);
      Dataset<Row> atRisk = BatchScoring.defaultList(list, bands);
      Dataset<Row> winBack = BatchScoring.winBackList(list);
      System.out.printf(
          Locale.ROOT,
          "Scored %,d members as of %s with churn model %s (%s) in %.1f s (%,.0f rows/s)%n",
          rows,
          asOf,
          version,
          bundle.info().modelName(),
          scoreSeconds,
          rows / scoreSeconds);
      System.out.printf(
          Locale.ROOT,
          "Members: %,d active (a purchase in the last %d days), %,d lapsed, %,d never purchased%n",
          groups.getOrDefault(MemberStatus.ACTIVE.wireName(), 0L),
          activeDays,
          groups.getOrDefault(MemberStatus.LAPSED.wireName(), 0L),
          groups.getOrDefault(MemberStatus.NEVER_PURCHASED.wireName(), 0L));
      if (retention != null) {
        long withOffer =
            list.filter(org.apache.spark.sql.functions.col("retention_offer_id").isNotNull())
                .count();
        System.out.printf(
            Locale.ROOT,
            "Retention offers from offers model %s: %,d active members at churn >= %.2f got one%n",
            retention.modelVersion(),
            withOffer,
            retention.from());
      }
      System.out.println(
          "Highest value at risk (active, "
              + bandNames(bands)
              + " risk), of "
              + files.atRiskRows()
              + ":");
      for (Row r : atRisk.limit(5).collectAsList()) {
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
      System.out.println("Win-back list (lapsed, most purchases expected in 90 days first):");
      for (Row r : winBack.limit(5).collectAsList()) {
        System.out.printf(
            Locale.ROOT,
            "  %-10s win-back value %6.3f purchases in 90 days (CLV %.2f, P(alive) %.2f)  %s%n",
            r.<String>getAs("customer_id"),
            r.<Double>getAs("win_back_value"),
            r.<Double>getAs("clv"),
            r.<Double>getAs("p_alive"),
            r.<String>getAs("reasons"));
      }
      AtRiskLists.printPaths(files);
      // After every file: a list read again from the member histories rather than the kept rows
      // would show here as more replays than rows.
      System.out.printf(
          Locale.ROOT,
          "Member histories replayed: %,d for %,d listed members%n",
          replays.value(),
          rows);
      list.unpersist();
      return 0;
    } finally {
      spark.stop();
    }
  }
}
