package dev.treue.serving.models;

/** A model bundle cannot be served; the message says which file or check failed and why. */
public final class ModelRefusedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String version;

  public ModelRefusedException(String version, String message, Throwable cause) {
    super(message, cause);
    this.version = version;
  }

  /** The version that was refused, or null when CURRENT itself was unreadable. */
  public String version() {
    return version;
  }
}
