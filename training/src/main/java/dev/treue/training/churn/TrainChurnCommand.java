package dev.treue.training.churn;

import dev.treue.core.cli.Arguments;
import dev.treue.core.cli.Command;
import dev.treue.core.cli.Option;
import dev.treue.core.customer.MemberStatus;
import dev.treue.training.clv.ClvOptions;
import dev.treue.training.ingest.IngestArguments;
import dev.treue.training.ingest.LoyaltyData;
import dev.treue.training.registry.QualityGate;
import dev.treue.training.score.ReasonArguments;
import dev.treue.training.spark.SparkSessions;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** {@code ./treue train churn}: train, evaluate, register. */
public final class TrainChurnCommand implements Command {

  @Override
  public String name() {
    return "train churn";
  }

  @Override
  public String summary() {
    return "train the churn model, evaluate it out of time beside baselines, register it";
  }

  @Override
  public List<Option> options() {
    return List.of(
        Option.required(
            "data", "folder with customers and events (CSV or Parquet), optionally truth.csv"),
        Option.of(
            "cutoff",
            "",
            "cutoff date(s) yyyy-MM-dd, comma separated; the latest is the validation "
                + "cutoff (empty: the latest month end whose horizon is complete)"),
        Option.of(
            "horizon",
            "90",
            "label window in days: churn = no purchase in (cutoff, cutoff + horizon]"),
        Option.of(
            "train-cutoffs", "12", "monthly training cutoffs derived before the validation cutoff"),
        Option.of(
            "active-days",
            String.valueOf(MemberStatus.DEFAULT_ACTIVE_DAYS),
            "active members bought within this many days before the cutoff; only they are trained"
                + " on and validated"),
        Option.of(
            "population",
            "active",
            "active (default): train and validate on active members; all: every member, as before,"
                + " for comparison only (metrics add the model's AUC on the active rows)"),
        Option.of(
            "min-active-members",
            "100",
            "fewest active members a cutoff needs; with fewer at the validation cutoff, refuse to"
                + " train"),
        Option.of(
            "min-train-cutoffs",
            "3",
            "fewest usable training cutoffs to train at all (fewer if fewer were given by --cutoff)"),
        Option.of("registry", "models", "model registry root (local path or any Hadoop URI)"),
        QualityGate.MAX_AUC_DROP_OPTION,
        Option.of(
            "trees",
            "400",
            "trees in the gradient-boosted candidate 'xgboost'; the backtest also tries tree settings"
                + " sized to the data and keeps the best"),
        Option.of("eta", "0.04", "learning rate of the gradient-boosted candidate"),
        Option.of("max-depth", "3", "tree depth of the gradient-boosted candidate"),
        Option.of("seed", "42", "random seed"),
        Option.of(
            "max-train-rows",
            "1000000",
            "sample members when the training rows trained on (active members' rows) exceed this"),
        Option.of("max-valid-rows", "500000", "sample members when validation rows exceed this"),
        ClvOptions.MONTHS,
        ClvOptions.DISCOUNT_RATE,
        Option.flag(
            "without-lifetime-features",
            "train without the lifetime features (P(alive), expected "
                + "purchases, CLV), to measure what they add; the bundle still carries the lifetime model"),
        ReasonArguments.CURRENCY,
        IngestArguments.MAX_REJECT_SHARE,
        IngestArguments.WORK);
  }

  @Override
  public int run(Arguments a) throws Exception {
    Path work = a.path("work");
    ChurnTrainingSettings settings =
        new ChurnTrainingSettings(
            a.string("data"),
            new ChurnTrainingSettings.Timeline(
                a.has("cutoff") ? a.dates("cutoff") : List.of(),
                a.integer("horizon"),
                a.integer("train-cutoffs")),
            new ChurnTrainingSettings.ModelChoice(
                new CandidateTrainers.TreeSettings(
                    a.integer("trees"),
                    a.decimal("eta"),
                    a.integer("max-depth"),
                    a.longValue("seed")),
                ClvOptions.horizon(a),
                !a.flag("without-lifetime-features")),
            new ChurnTrainingSettings.RowLimits(
                a.longValue("max-train-rows"), a.longValue("max-valid-rows")),
            new ChurnTrainingSettings.Publication(
                a.string("registry"),
                QualityGate.fromArguments(a),
                work,
                ReasonArguments.currency(a)),
            new ChurnTrainingSettings.Population(
                a.integer("active-days"),
                activeOnly(a.string("population")),
                a.integer("min-active-members"),
                a.integer("min-train-cutoffs")));
    long start = System.nanoTime();
    SparkSession spark = SparkSessions.forJob("train churn");
    try {
      LoyaltyData data =
          LoyaltyData.read(spark, IngestArguments.data(a, spark), IngestArguments.options(a));
      ChurnTraining.Outcome outcome =
          ChurnTraining.run(spark, data.memberRows(), data.eventRows(), settings);
      TrainingSummary.print(outcome, (System.nanoTime() - start) / 1e9);
      return 0;
    } finally {
      spark.stop();
    }
  }

  private static boolean activeOnly(String population) {
    return switch (population) {
      case "active" -> true;
      case "all" -> false;
      default ->
          throw new IllegalArgumentException(
              "--population must be active or all; got '" + population + "'");
    };
  }
}
