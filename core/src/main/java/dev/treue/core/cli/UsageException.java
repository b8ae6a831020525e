package dev.treue.core.cli;

/** The command line was wrong: an unknown option, a missing value, a value of the wrong form. */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
