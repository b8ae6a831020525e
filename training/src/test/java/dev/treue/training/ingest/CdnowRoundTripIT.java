package dev.treue.training.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.treue.training.spark.SparkTestSession;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The imported CDNOW tables pass the Spark readers untouched: importers and readers share the rules. */
class CdnowRoundTripIT {
  @TempDir Path dir;

  @Test
  void importedMasterReadsWithoutRejects() throws IOException {
    Path data = dir.resolve("cdnow");
    CdnowImporter.run(CdnowFiles.dir().resolve("CDNOW_master.txt"), data, 0.01, Instant.now());
    LoyaltyData d =
        LoyaltyData.read(
            SparkTestSession.get(), data, IngestOptions.defaults(dir.resolve("rejects")));
    try {
      assertEquals(69_659, d.events().summary().rowsRead());
      assertEquals(0, d.events().summary().rejected());
      assertEquals(0, d.events().summary().duplicates());
      assertEquals(69_659, d.eventRows().count());
      assertEquals(23_570, d.memberRows().count());
      assertEquals(23_570, d.eventRows().select("customer_id").distinct().count());
      double total = d.eventRows().agg(functions.sum("amount")).first().getDouble(0);
      assertEquals(2_500_315.63, total, 0.01);
    } finally {
      d.release();
    }
  }
}
