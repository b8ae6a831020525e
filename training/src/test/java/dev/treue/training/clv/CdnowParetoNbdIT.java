package dev.treue.training.clv;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.clv.ParetoNbd;
import dev.treue.core.clv.ParetoNbdFit;
import dev.treue.core.clv.PurchaseSummary;
import dev.treue.core.evaluation.RocAuc;
import dev.treue.core.event.EventType;
import dev.treue.training.cli.TreueCli;
import dev.treue.training.ingest.CdnowFiles;
import dev.treue.training.ingest.IngestOptions;
import dev.treue.training.ingest.LoyaltyData;
import dev.treue.training.spark.SparkTestSession;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Pareto/NBD on protocol A of data/cdnow/README.md: the 1/10th sample imported as
 * {@link CdnowProtocolAIT} does, weekly summaries to 1997-09-30, then the maximum-likelihood fit
 * against the values Fader, Hardie and Lee (2005) publish; and on protocol B, the full master file
 * in days, the AUROC of P(purchase in the 181-day holdout) against the published 0.7998.
 */
class CdnowParetoNbdIT {
  private static final LocalDate CALIBRATION_END = LocalDate.parse("1997-12-31");
  private static final int HOLDOUT_DAYS = 181;

  @TempDir Path dir;

  @Test
  void reproducesThePublishedParetoNbdFitOnTheSample() throws Exception {
    LoyaltyData d = CdnowSample.read(dir);
    List<PurchaseSummary> summaries = CdnowSample.weeklySummaries(d);
    assertEquals(2_357, summaries.size());

    ParetoNbdFit fit = ParetoNbdFit.fit(summaries);
    ParetoNbd m = fit.model();
    double[] se = fit.standardErrors();
    System.out.printf(
        Locale.ROOT,
        "CDNOW protocol A Pareto/NBD: r=%.4f alpha=%.4f s=%.4f beta=%.4f LL=%.2f "
            + "(se %.3f %.3f %.3f %.3f; %d iterations, converged %s)%n",
        m.r(),
        m.alpha(),
        m.s(),
        m.beta(),
        fit.logLikelihood(),
        se[0],
        se[1],
        se[2],
        se[3],
        fit.iterations(),
        fit.converged());
    assertTrue(fit.converged());
    assertEquals(0.553, m.r(), 0.01 * 0.553);
    assertEquals(10.578, m.alpha(), 0.01 * 10.578);
    assertEquals(0.606, m.s(), 0.01 * 0.606);
    assertEquals(11.669, m.beta(), 0.01 * 11.669);
    assertEquals(-9595.0, fit.logLikelihood(), 0.2);
  }

  @Test
  void predictsHoldoutPurchasesOnTheFullMasterFile() throws Exception {
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
    List<Row> rows =
        PurchaseSummaries.of(d.eventRows(), CALIBRATION_END, 1)
            .select("customer_id", "frequency", "recency", "age")
            .collectAsList();
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
                .as(Encoders.STRING())
                .collectAsList());
    assertEquals(23_570, rows.size());
    assertEquals(5_374, returned.size(), "members who buy in the holdout");

    List<PurchaseSummary> summaries =
        rows.stream()
            .map(r -> new PurchaseSummary(r.getInt(1), r.getDouble(2), r.getDouble(3)))
            .toList();
    ParetoNbdFit fit = ParetoNbdFit.fit(summaries);
    ParetoNbd m = fit.model();
    double[] buys = new double[rows.size()];
    boolean[] bought = new boolean[rows.size()];
    for (int i = 0; i < buys.length; i++) {
      buys[i] = 1 - m.probabilityNoPurchase(summaries.get(i), HOLDOUT_DAYS);
      assertTrue(buys[i] >= 0 && buys[i] <= 1, summaries.get(i) + ": " + buys[i]);
      bought[i] = returned.contains(rows.get(i).getString(0));
    }
    double auc = RocAuc.of(buys, bought);
    System.out.printf(
        Locale.ROOT,
        "CDNOW protocol B Pareto/NBD (days): r=%.4f alpha=%.3f s=%.4f beta=%.3f LL=%.1f "
            + "(%d distinct rows, converged %s); AUROC of P(purchase in holdout) %.4f (published 0.7998)%n",
        m.r(),
        m.alpha(),
        m.s(),
        m.beta(),
        fit.logLikelihood(),
        fit.distinctSummaries(),
        fit.converged(),
        auc);
    assertTrue(fit.converged());
    assertEquals(0.7998, auc, 0.01, "the Pareto/NBD's AUROC as published");
  }
}
