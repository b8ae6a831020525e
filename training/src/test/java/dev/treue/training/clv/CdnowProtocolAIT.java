package dev.treue.training.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.clv.BgNbd;
import dev.treue.core.clv.BgNbdFit;
import dev.treue.core.clv.GammaGamma;
import dev.treue.core.clv.GammaGammaFit;
import dev.treue.core.clv.PurchaseSummary;
import dev.treue.training.ingest.LoyaltyData;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Protocol A of data/cdnow/README.md, the BG/NBD paper's: the 1/10th sample imported with
 * the product's CDNOW importer and read by its reader, weekly summaries to 1997-09-30 from the Spark
 * job, then the maximum-likelihood fit.
 */
class CdnowProtocolAIT {
  @TempDir Path dir;

  @Test
  void reproducesThePublishedFitOnTheSample() throws Exception {
    LoyaltyData d = CdnowSample.read(dir);
    List<PurchaseSummary> summaries = CdnowSample.weeklySummaries(d);
    assertEquals(2_357, summaries.size());
    assertEquals(
        2_457,
        summaries.stream().mapToInt(PurchaseSummary::frequency).sum(),
        "repeat transactions");

    BgNbdFit fit = BgNbdFit.fit(summaries);
    BgNbd m = fit.model();
    System.out.printf(
        "CDNOW protocol A: r=%.4f alpha=%.4f a=%.4f b=%.4f LL=%.2f (%d iterations, converged %s)%n",
        m.r(), m.alpha(), m.a(), m.b(), fit.logLikelihood(), fit.iterations(), fit.converged());
    assertTrue(fit.converged());
    assertEquals(0.243, m.r(), 0.005 * 0.243);
    assertEquals(4.414, m.alpha(), 0.005 * 4.414);
    assertEquals(0.793, m.a(), 0.005 * 0.793);
    assertEquals(2.426, m.b(), 0.005 * 2.426);
    assertEquals(-9582.4, fit.logLikelihood(), 0.1);

    double holdout = 0;
    for (PurchaseSummary s : summaries) {
      holdout += m.expectedPurchases(s, 39);
    }
    assertEquals(1_653, holdout, 5, "expected holdout repeat purchases (actual 1,882)");

    GammaGammaFit spend =
        GammaGammaFit.fit(
            PurchaseSummaries.collectSpends(
                PurchaseSummaries.spends(d.eventRows(), CdnowSample.CALIBRATION_END)));
    GammaGamma g = spend.model();
    System.out.printf(
        "CDNOW protocol A Gamma-Gamma: p=%.3f q=%.3f v=%.3f over %d members%n",
        g.p(), g.q(), g.v(), spend.members());
    assertEquals(946, spend.members());
    assertEquals(6.25, g.p(), 0.01 * 6.25);
    assertEquals(3.74, g.q(), 0.01 * 3.74);
    assertEquals(15.44, g.v(), 0.01 * 15.44);
  }
}
