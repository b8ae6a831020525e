package dev.treue.training.clv;

import dev.treue.core.cli.Arguments;
import dev.treue.core.cli.Command;
import dev.treue.core.cli.Option;
import dev.treue.training.ingest.IngestArguments;
import dev.treue.training.ingest.LoyaltyData;
import dev.treue.training.registry.QualityGate;
import dev.treue.training.spark.SparkSessions;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** {@code ./treue train clv}: fit the lifetime value models, evaluate them out of time, register them. */
public final class TrainClvCommand implements Command {

  @Override
  public String name() {
    return "train clv";
  }

  @Override
  public String summary() {
    return "fit the BG/NBD and Gamma-Gamma lifetime value models, evaluate them on a holdout, register them";
  }

  @Override
  public List<Option> options() {
    return List.of(
        Option.required("data", "folder with customers and events (CSV or Parquet)"),
        Option.required(
            "calibration-end",
            "last day (yyyy-MM-dd, inclusive) of the history the models are fitted "
                + "on; the days after it up to the data's last day are the holdout they are judged on"),
        ClvTimeUnit.OPTION,
        Option.of("registry", "models", "model registry root (local path or any Hadoop URI)"),
        ClvOptions.MONTHS,
        ClvOptions.DISCOUNT_RATE,
        QualityGate.MAX_AUC_DROP_OPTION,
        IngestArguments.MAX_REJECT_SHARE,
        IngestArguments.WORK);
  }

  @Override
  public int run(Arguments a) throws Exception {
    // Every option is checked before Spark starts: a typo should cost a second, not a session.
    ClvTrainingSettings settings =
        new ClvTrainingSettings(
            a.string("data"),
            a.date("calibration-end"),
            ClvTimeUnit.parse(a.string(ClvTimeUnit.OPTION.name())),
            ClvOptions.horizon(a),
            a.string("registry"),
            QualityGate.fromArguments(a),
            a.path(IngestArguments.WORK.name()));
    long start = System.nanoTime();
    SparkSession spark = SparkSessions.forJob("train clv");
    try {
      LoyaltyData data =
          LoyaltyData.read(spark, IngestArguments.data(a, spark), IngestArguments.options(a));
      ClvTraining.Outcome outcome = ClvTraining.run(data.eventRows(), settings);
      ClvTrainingSummary.print(outcome, settings, (System.nanoTime() - start) / 1e9);
      return 0;
    } finally {
      spark.stop();
    }
  }
}
