package dev.treue.training.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the generator's bytes for one small configuration, so a refactoring of the simulator is seen
 * to change nothing. The fingerprint was computed by this test on the generator before the oracle's
 * alive filter was pulled out of {@link MemberSimulator} (issue 12, point 6); a deliberate change to
 * the simulated behaviour must record a new one and say so in its commit.
 */
class GeneratorFingerprintTest {
  private static final String[] FILES = {
    "customers.csv",
    "events.csv",
    "offers.csv",
    "truth.csv",
    "latent.csv",
    "offer_truth.csv",
    "impressions.csv"
  };
  private static final String FINGERPRINT =
      "7bbae3c9da04cf28b995aeeb23bc4b069b036490ab4cc000ea3977d56d96fbd4";

  @TempDir Path tmp;

  @Test
  void theSameSeedStillGivesTheRecordedBytes() throws Exception {
    new ProgrammeGenerator(
            new GeneratorConfig(400, 24, 20261204, LocalDate.parse("2026-06-30"), 90, 2))
        .run(tmp);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (String f : FILES) {
      // Every file has rows beyond its header, so each path of the simulator is pinned.
      assertTrue(Files.readAllLines(tmp.resolve(f)).size() > 1, f + " has no rows");
      sha.update(f.getBytes(StandardCharsets.US_ASCII));
      sha.update(Files.readAllBytes(tmp.resolve(f)));
    }
    assertEquals(
        FINGERPRINT, HexFormat.of().formatHex(sha.digest()), "the generated files changed");
  }
}
