package dev.treue.training.ingest;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * How strictly the readers validate.
 *
 * @param now events (and signup or birth dates) after this instant are rejected as from the future
 * @param maxRejectShare the read fails when more than this share of rows is rejected (0.01 = 1 %)
 * @param rejectsDir where {@code events.rejects.csv} and {@code customers.rejects.csv} are written
 */
public record IngestOptions(Instant now, double maxRejectShare, Path rejectsDir) {
  /** One bad row in a hundred is tolerated by default; more usually means a broken export. */
  public static final double DEFAULT_MAX_REJECT_SHARE = 0.01;

  public IngestOptions {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(rejectsDir, "rejectsDir");
    if (!(maxRejectShare >= 0 && maxRejectShare <= 1)) {
      throw new IllegalArgumentException(
          "maxRejectShare must be between 0 and 1, got " + maxRejectShare);
    }
  }

  /** Now = the current time, the default reject share, rejects written to {@code rejectsDir}. */
  public static IngestOptions defaults(Path rejectsDir) {
    return new IngestOptions(Instant.now(), DEFAULT_MAX_REJECT_SHARE, rejectsDir);
  }

  public IngestOptions withNow(Instant value) {
    return new IngestOptions(value, maxRejectShare, rejectsDir);
  }

  public IngestOptions withMaxRejectShare(double value) {
    return new IngestOptions(now, value, rejectsDir);
  }
}
