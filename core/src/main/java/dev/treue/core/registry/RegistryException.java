package dev.treue.core.registry;

/**
 * The registry cannot do what was asked: an unknown kind or version, an empty registry, nothing to
 * roll back to, or a file system failure. The message names the registry input that was wrong.
 */
public class RegistryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RegistryException(String message) {
    super(message);
  }

  public RegistryException(String message, Throwable cause) {
    super(message, cause);
  }
}
