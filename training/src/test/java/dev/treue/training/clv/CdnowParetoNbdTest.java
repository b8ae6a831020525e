package dev.treue.training.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.clv.ParetoNbd;
import dev.treue.core.clv.ParetoNbdFit;
import dev.treue.core.clv.PurchaseSummary;
import dev.treue.training.ingest.CdnowFiles;
import dev.treue.training.ingest.CdnowImporter;
import dev.treue.training.ingest.IngestOptions;
import dev.treue.training.ingest.LoyaltyData;
import dev.treue.training.spark.SparkTestSession;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Pareto/NBD on protocol A of ../shared/data/cdnow/README.md: the 1/10th sample imported as
 * {@link CdnowProtocolATest} does, weekly summaries to 1997-09-30, then the maximum-likelihood fit
 * against the values Fader, Hardie and Lee (2005) publish.
 */
class CdnowParetoNbdTest {
  @TempDir Path dir;

  @Test
  void reproducesThePublishedParetoNbdFitOnTheSample() throws Exception {
    Path data = dir.resolve("cdnow-sample");
    CdnowImporter.run(CdnowFiles.dir().resolve("CDNOW_sample.txt"), data, 0.01, Instant.now());
    LoyaltyData d = LoyaltyData.read(SparkTestSession.get(), data, IngestOptions.defaults(dir.resolve("rejects")));
    List<PurchaseSummary> summaries =
        PurchaseSummaries.collect(PurchaseSummaries.of(d.eventRows(), LocalDate.parse("1997-09-30"), 7));
    assertEquals(2_357, summaries.size());

    ParetoNbdFit fit = ParetoNbdFit.fit(summaries);
    ParetoNbd m = fit.model();
    double[] se = fit.standardErrors();
    System.out.printf(Locale.ROOT, "CDNOW protocol A Pareto/NBD: r=%.4f alpha=%.4f s=%.4f beta=%.4f LL=%.2f "
        + "(se %.3f %.3f %.3f %.3f; %d iterations, converged %s)%n", m.r(), m.alpha(), m.s(), m.beta(),
        fit.logLikelihood(), se[0], se[1], se[2], se[3], fit.iterations(), fit.converged());
    assertTrue(fit.converged());
    assertEquals(0.553, m.r(), 0.01 * 0.553);
    assertEquals(10.578, m.alpha(), 0.01 * 10.578);
    assertEquals(0.606, m.s(), 0.01 * 0.606);
    assertEquals(11.669, m.beta(), 0.01 * 11.669);
    assertEquals(-9595.0, fit.logLikelihood(), 0.2);
  }
}
