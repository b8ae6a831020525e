package dev.treue.training.ingest;

import dev.treue.core.cli.Arguments;
import dev.treue.core.cli.Option;
import dev.treue.core.cli.UsageException;
import dev.treue.training.files.Location;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The command-line options of every command that reads a data folder, so their names, defaults
 * and the way they become {@link IngestOptions} agree.
 */
public final class IngestArguments {
  /** {@code --max-reject-share}: the read fails above this share of bad rows. */
  public static final Option MAX_REJECT_SHARE =
      Option.of(
          "max-reject-share",
          String.valueOf(IngestOptions.DEFAULT_MAX_REJECT_SHARE),
          "fail when a larger share of input rows is bad");

  /** {@code --work}: local scratch folder; rejects files go to its {@code rejects/}. */
  public static final Option WORK =
      Option.of("work", "work", "local scratch folder (rejects files, staging)");

  private IngestArguments() {}

  /** Validation against the current time, rejects under {@code --work}, the given reject share. */
  public static IngestOptions options(Arguments a) {
    return IngestOptions.defaults(a.path(WORK.name()).resolve("rejects"))
        .withMaxRejectShare(a.decimal(MAX_REJECT_SHARE.name()));
  }

  /**
   * The data folder {@code --data} names: a local folder, or a URI on any Hadoop file system
   * ({@code hdfs://nn/loyalty}, {@code s3a://bucket/loyalty}) reached with the session's Hadoop
   * configuration.
   */
  public static Location data(Arguments a, SparkSession spark) {
    return location(a, "data", spark);
  }

  /** The location option {@code name} gives, as {@link #data} reads {@code --data}. */
  public static Location location(Arguments a, String name, SparkSession spark) {
    return Location.of(a.string(name), spark);
  }

  /**
   * A command's local output folder: {@code --<option>} when given, else {@code folder} inside a
   * local data folder. A data folder on another file system has no such default: writing beside it
   * would mean writing to the cluster's storage, so the user names a folder.
   */
  public static Path outputBesideData(Arguments a, String option, String folder) {
    if (a.has(option)) {
      return a.path(option);
    }
    if (Location.uri(a.string("data")).getScheme().equals("file")) {
      return Path.of(Location.uri(a.string("data"))).resolve(folder);
    }
    throw new UsageException(
        "--data "
            + a.string("data")
            + " is not a local folder, so there is no default for --"
            + option
            + "; give --"
            + option
            + " a local folder");
  }
}
