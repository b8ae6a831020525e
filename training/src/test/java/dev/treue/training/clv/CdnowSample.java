package dev.treue.training.clv;

import dev.treue.core.clv.PurchaseSummary;
import dev.treue.training.ingest.CdnowFiles;
import dev.treue.training.ingest.CdnowImporter;
import dev.treue.training.ingest.IngestOptions;
import dev.treue.training.ingest.LoyaltyData;
import dev.treue.training.spark.SparkTestSession;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The CDNOW 1/10th sample as protocol A reads it: the product's importer and reader, weekly summaries. */
final class CdnowSample {
  /** Protocol A's calibration end: the first 39 weeks. */
  static final LocalDate CALIBRATION_END = LocalDate.parse("1997-09-30");

  private CdnowSample() {}

  /** Imports the sample into {@code dir} and reads it back. */
  static LoyaltyData read(Path dir) throws IOException {
    Path data = dir.resolve("cdnow-sample");
    CdnowImporter.run(CdnowFiles.dir().resolve("CDNOW_sample.txt"), data, 0.01, Instant.now());
    return LoyaltyData.read(
        SparkTestSession.get(), data, IngestOptions.defaults(dir.resolve("rejects")));
  }

  /** Every member's weekly summary at the calibration end. */
  static List<PurchaseSummary> weeklySummaries(LoyaltyData d) {
    return PurchaseSummaries.collect(PurchaseSummaries.of(d.eventRows(), CALIBRATION_END, 7));
  }
}
