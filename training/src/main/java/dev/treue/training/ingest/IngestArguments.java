package dev.treue.training.ingest;

import dev.treue.core.cli.Arguments;
import dev.treue.core.cli.Option;

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
}
