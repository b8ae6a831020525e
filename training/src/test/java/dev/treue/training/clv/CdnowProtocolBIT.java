package dev.treue.training.clv;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.treue.core.clv.BgNbd;
import dev.treue.core.clv.BgNbdFit;
import dev.treue.core.clv.PurchaseSummary;
import dev.treue.core.evaluation.RocAuc;
import dev.treue.core.event.EventType;
import dev.treue.training.cli.TreueCli;
import dev.treue.training.ingest.CdnowFiles;
import dev.treue.training.ingest.IngestOptions;
import dev.treue.training.ingest.LoyaltyData;
import dev.treue.training.spark.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Protocol B of data/cdnow/README.md, churn as classification: the full master file in
 * days, calibration to 1997-12-31, label = a purchase in 1998-01-01 .. 1998-06-30. First the BG/NBD
 * alone (published AUROC 0.7882), then the product's churn model trained through {@code ./treue
 * train churn} with and without the lifetime features, validated at the same cutoff over the same
 * 181 days.
 */
class CdnowProtocolBIT {
  private static final LocalDate CALIBRATION_END = LocalDate.parse("1997-12-31");
  private static final int HOLDOUT_DAYS = 181;

  @TempDir Path dir;

  @Test
  void lifetimeModelAndChurnModelOnTheFullMasterFile() throws Exception {
    Path data = dir.resolve("cdnow");
    assertEquals(
        0,
        TreueCli.run(
            List.of(
                "import",
                "cdnow",
                "--in",
                CdnowFiles.dir().resolve("CDNOW_master.txt").toString(),
                "--out",
                data.toString()),
            System.out,
            System.err));
    LoyaltyData d =
        LoyaltyData.read(
            SparkTestSession.get(), data, IngestOptions.defaults(dir.resolve("rejects")));

    Dataset<Row> summaries = PurchaseSummaries.of(d.eventRows(), CALIBRATION_END, 1).cache();
    List<Row> rows = summaries.select("customer_id", "frequency", "recency", "age").collectAsList();
    Set<String> returned =
        new HashSet<>(
            d.eventRows()
                .filter(
                    col("type")
                        .equalTo(EventType.PURCHASE.wireName())
                        .and(
                            col("ts_millis").geq((CALIBRATION_END.toEpochDay() + 1) * 86_400_000L)))
                .select("customer_id")
                .distinct()
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList());
    assertEquals(23_570, rows.size());
    assertEquals(5_374, returned.size(), "members who buy in the holdout");

    List<PurchaseSummary> fitted =
        rows.stream()
            .map(r -> new PurchaseSummary(r.getInt(1), r.getDouble(2), r.getDouble(3)))
            .toList();
    BgNbdFit fit = BgNbdFit.fit(fitted);
    BgNbd m = fit.model();
    double[] buys = new double[rows.size()];
    boolean[] bought = new boolean[rows.size()];
    for (int i = 0; i < buys.length; i++) {
      buys[i] = 1 - m.probabilityNoPurchase(fitted.get(i), HOLDOUT_DAYS);
      bought[i] = returned.contains(rows.get(i).getString(0));
    }
    double bgNbdAuc = RocAuc.of(buys, bought);

    double with = trainChurn("with", List.of());
    double without = trainChurn("without", List.of("--without-lifetime-features"));
    System.out.printf(
        Locale.ROOT,
        "CDNOW protocol B: BG/NBD (days) r=%.4f alpha=%.3f a=%.4f b=%.4f LL=%.1f%n",
        m.r(),
        m.alpha(),
        m.a(),
        m.b(),
        fit.logLikelihood());
    System.out.printf(
        Locale.ROOT,
        "CDNOW protocol B AUROC: BG/NBD %.4f (published 0.7882; Pareto/NBD 0.7998); "
            + "churn model with lifetime features %.4f, without %.4f%n",
        bgNbdAuc,
        with,
        without);
    assertTrue(fit.converged());
    assertEquals(0.7882, bgNbdAuc, 0.01, "the BG/NBD's AUROC as published");
    // Measured 0.8004 with and 0.8017 without: on CDNOW the RFM-style features already carry what
    // the
    // BG/NBD knows, so the check is only that the lifetime features do no real harm.
    assertTrue(
        with >= without - 0.01, "the lifetime features do not hurt: " + with + " vs " + without);
    assertTrue(
        with >= bgNbdAuc - 0.01,
        "the churn model is at least as good as the BG/NBD alone: " + with);
  }

  /** Trains through the CLI at the protocol's cutoff and returns the validation AUC of its report. */
  private double trainChurn(String name, List<String> extra) throws Exception {
    Path registry = dir.resolve("models-" + name);
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "train",
                "churn",
                "--data",
                dir.resolve("cdnow").toString(),
                "--registry",
                registry.toString(),
                "--work",
                dir.resolve("work-" + name).toString(),
                // Three monthly training cutoffs whose 181-day labels end before the validation
                // cutoff.
                "--cutoff",
                "1997-04-30,1997-05-31,1997-06-30," + CALIBRATION_END,
                "--horizon",
                String.valueOf(HOLDOUT_DAYS),
                "--trees",
                "200",
                "--eta",
                "0.08"));
    args.addAll(extra);
    assertEquals(0, TreueCli.run(args, System.out, System.err), "train churn " + name);
    // The newest version, promoted or not: the quality gate may refuse a model that does not beat
    // the rule baselines (issue 13), and this test measures the model either way.
    String version;
    try (var versions = Files.list(registry.resolve("churn"))) {
      version =
          versions
              .filter(Files::isDirectory)
              .map(p -> p.getFileName().toString())
              .max(String::compareTo)
              .orElseThrow();
    }
    JsonNode metrics =
        new ObjectMapper()
            .readTree(registry.resolve("churn").resolve(version).resolve("metrics.json").toFile());
    return metrics.get("auc").asDouble();
  }
}
