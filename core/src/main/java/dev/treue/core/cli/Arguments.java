package dev.treue.core.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Parsed options of one command, with typed getters that name the option in their errors. */
public final class Arguments {
  private final Map<String, String> values;

  private Arguments(Map<String, String> values) {
    this.values = values;
  }

  /**
   * Parses {@code --name value} pairs (also {@code --name=value}) and positional arguments against a
   * command's options.
   *
   * @throws UsageException for unknown options, missing values or missing required options
   */
  public static Arguments parse(Command command, List<String> args) {
    Map<String, Option> known = new HashMap<>();
    List<Option> positional = new ArrayList<>();
    for (Option o : command.options()) {
      if (o.positional()) {
        positional.add(o);
      } else {
        known.put(o.name(), o);
      }
    }
    String help = "see ./treue " + command.name() + " --help";
    Map<String, String> values = new HashMap<>();
    int given = 0;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--")) {
        if (given >= positional.size()) {
          throw new UsageException(
              "unexpected argument '"
                  + arg
                  + "' for '"
                  + command.name()
                  + "'; options start with --, "
                  + help);
        }
        values.put(positional.get(given++).name(), arg);
        continue;
      }
      String name = arg.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      Option option = known.get(name);
      if (option == null) {
        throw new UsageException(
            "unknown option '--" + name + "' for '" + command.name() + "', " + help);
      }
      if (option.flag()) {
        values.put(name, value == null ? "true" : value);
        continue;
      }
      if (value == null) {
        if (i + 1 >= args.size()) {
          throw new UsageException("option --" + name + " needs a value (" + option.help() + ")");
        }
        value = args.get(++i);
      }
      if (option.repeatable()) {
        values.merge(name, value, (a, b) -> a + "," + b);
      } else {
        values.put(name, value);
      }
    }
    List<String> missing = new ArrayList<>();
    for (Option o : command.options()) {
      if (!values.containsKey(o.name())) {
        if (o.required()) {
          missing.add(o.synopsis());
        } else if (o.defaultValue() != null) {
          values.put(o.name(), o.defaultValue());
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new UsageException(
          String.join(" and ", missing)
              + (missing.size() == 1 ? " is" : " are")
              + " required, "
              + help);
    }
    return new Arguments(values);
  }

  /** The raw value, or null when absent and without default. */
  public String get(String name) {
    return values.get(name);
  }

  /** True when the option has a non-empty value. */
  public boolean has(String name) {
    String v = values.get(name);
    return v != null && !v.isEmpty();
  }

  public String string(String name) {
    String v = values.get(name);
    if (v == null || v.isEmpty()) {
      throw new UsageException("option --" + name + " is required here");
    }
    return v;
  }

  public int integer(String name) {
    try {
      return Integer.parseInt(string(name).replace("_", ""));
    } catch (NumberFormatException e) {
      throw new UsageException(
          "option --" + name + " expects a whole number, got '" + get(name) + "'");
    }
  }

  public long longValue(String name) {
    try {
      return Long.parseLong(string(name).replace("_", ""));
    } catch (NumberFormatException e) {
      throw new UsageException(
          "option --" + name + " expects a whole number, got '" + get(name) + "'");
    }
  }

  public double decimal(String name) {
    try {
      return Double.parseDouble(string(name));
    } catch (NumberFormatException e) {
      throw new UsageException("option --" + name + " expects a number, got '" + get(name) + "'");
    }
  }

  public boolean flag(String name) {
    return Boolean.parseBoolean(values.getOrDefault(name, "false"));
  }

  public Path path(String name) {
    return Path.of(string(name));
  }

  public LocalDate date(String name) {
    return parseDate(name, string(name));
  }

  /** A comma separated list of dates. */
  public List<LocalDate> dates(String name) {
    List<LocalDate> out = new ArrayList<>();
    for (String part : string(name).split(",")) {
      out.add(parseDate(name, part.trim()));
    }
    return out;
  }

  private static LocalDate parseDate(String name, String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new UsageException(
          "option --" + name + " expects a date yyyy-MM-dd, got '" + text + "'");
    }
  }
}
