package dev.treue.serving.config;

import java.util.List;

/** The service configuration is invalid; the message lists every problem with the key and what was expected. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String source, List<String> problems) {
    super("invalid configuration (" + source + "):\n  - " + String.join("\n  - ", problems));
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
