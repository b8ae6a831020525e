package dev.treue.core.cli;

import java.util.Locale;

/**
 * A command-line option: {@code --name VALUE}, a flag when {@code flag} is true, or a positional
 * argument ({@code hash-key SECRET}) when {@code positional} is true.
 *
 * @param name without the leading dashes
 * @param defaultValue shown in help and used when absent; null means "no default"
 * @param help one line
 * @param required the command cannot run without it
 * @param flag takes no value; present means "true"
 * @param positional given without a name, in the order the command lists its positional options
 * @param valueName how help shows the value, e.g. {@code FILE}
 * @param repeatable may be given more than once; the values are joined by commas, in order
 */
public record Option(
    String name,
    String defaultValue,
    String help,
    boolean required,
    boolean flag,
    boolean positional,
    String valueName,
    boolean repeatable) {

  /** An optional option with a default. */
  public static Option of(String name, String defaultValue, String help) {
    return new Option(
        name, defaultValue, help, false, false, false, valueNameFor(name, defaultValue), false);
  }

  /** A required option. */
  public static Option required(String name, String help) {
    return new Option(name, null, help, true, false, false, valueNameFor(name, null), false);
  }

  /** A boolean flag, off unless given. */
  public static Option flag(String name, String help) {
    return new Option(name, "false", help, false, true, false, "", false);
  }

  /** A required argument given without a name, e.g. the secret of {@code hash-key SECRET}. */
  public static Option positional(String name, String help) {
    return new Option(name, null, help, true, false, true, name.toUpperCase(Locale.ROOT), false);
  }

  /**
   * How help shows a value when the command does not say: {@code N} for a whole-number default,
   * {@code X} for a decimal one, otherwise the option's name in capitals ({@code --data DATA}), as
   * most command lines write it; a command names a clearer one with {@link #shownAs}.
   */
  static String valueNameFor(String name, String defaultValue) {
    if (defaultValue != null && defaultValue.matches("-?\\d+")) {
      return "N";
    }
    if (defaultValue != null && defaultValue.matches("-?\\d*\\.\\d+")) {
      return "X";
    }
    return name.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /** The same option with its value shown as {@code valueName} in help (e.g. {@code --port N}). */
  public Option shownAs(String newValueName) {
    return new Option(
        name, defaultValue, help, required, flag, positional, newValueName, repeatable);
  }

  /** The same option, allowed more than once ({@code --trigger a --trigger b} reads as {@code a,b}). */
  public Option asRepeatable() {
    return new Option(name, defaultValue, help, required, flag, positional, valueName, true);
  }

  /** How the option is written in a synopsis: {@code SECRET}, {@code --out FILE}, {@code [--port N]}. */
  public String synopsis() {
    String written = positional ? valueName : flag ? "--" + name : "--" + name + " " + valueName;
    return required ? written : "[" + written + "]";
  }
}
