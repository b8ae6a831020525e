package dev.treue.training.cli;

/**
 * A command-line option: {@code --name VALUE}, or a flag when {@code flag} is true.
 *
 * @param name without the leading dashes
 * @param defaultValue shown in help and used when absent; null means "no default"
 * @param help one line
 * @param required the command cannot run without it
 * @param flag takes no value; present means "true"
 */
public record Option(String name, String defaultValue, String help, boolean required, boolean flag) {

  /** An optional option with a default. */
  public static Option of(String name, String defaultValue, String help) {
    return new Option(name, defaultValue, help, false, false);
  }

  /** A required option. */
  public static Option required(String name, String help) {
    return new Option(name, null, help, true, false);
  }

  /** A boolean flag, off unless given. */
  public static Option flag(String name, String help) {
    return new Option(name, "false", help, false, true);
  }
}
