package dev.treue.serving.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of raw configuration values by {@link ConfigKey}: the key's default when absent, its bounds
 * checked, and a problem naming the key recorded (never thrown) when a value is wrong.
 */
record ConfigValues(Map<String, Object> values, List<String> problems) {

  String text(ConfigKey key) {
    Object v = values.get(key.name());
    if (v == null) {
      return key.defaultValue();
    }
    if (v instanceof String s) {
      return s;
    }
    problems.add(key.name() + ": expected a string, got " + v);
    return key.defaultValue();
  }

  long whole(ConfigKey key) {
    long fallback =
        ConfigKey.CORES.equals(key.defaultValue())
            ? Runtime.getRuntime().availableProcessors()
            : Long.parseLong(key.defaultValue());
    long min = Long.parseLong(key.min());
    long max = Long.parseLong(key.max());
    Object v = values.get(key.name());
    if (v == null) {
      return fallback;
    }
    long n;
    if (v instanceof Number num && num.doubleValue() == num.longValue()) {
      n = num.longValue();
    } else if (v instanceof String s && s.trim().matches("-?[0-9]{1,18}")) {
      n = Long.parseLong(s.trim());
    } else {
      problems.add(
          key.name()
              + ": expected a whole number from "
              + min
              + " to "
              + max
              + ", got '"
              + v
              + "'");
      return fallback;
    }
    if (n < min || n > max) {
      problems.add(key.name() + ": " + n + " is out of range; expected " + key.bounds());
      return fallback;
    }
    return n;
  }

  double decimal(ConfigKey key) {
    double fallback = Double.parseDouble(key.defaultValue());
    double min = Double.parseDouble(key.min());
    double max = Double.parseDouble(key.max());
    Object v = values.get(key.name());
    if (v == null) {
      return fallback;
    }
    double d;
    try {
      d =
          v instanceof Number num
              ? num.doubleValue()
              : Double.parseDouble(String.valueOf(v).trim());
    } catch (NumberFormatException e) {
      problems.add(key.name() + ": expected a number from " + key.bounds() + ", got '" + v + "'");
      return fallback;
    }
    if (!(d >= min && d <= max)) {
      problems.add(key.name() + ": " + d + " is out of range; expected " + key.bounds());
      return fallback;
    }
    return d;
  }

  boolean bool(ConfigKey key) {
    boolean fallback = Boolean.parseBoolean(key.defaultValue());
    Object v = values.get(key.name());
    if (v == null) {
      return fallback;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if ("true".equals(v) || "false".equals(v)) {
      return Boolean.parseBoolean((String) v);
    }
    problems.add(key.name() + ": expected true or false, got '" + v + "'");
    return fallback;
  }

  Duration duration(ConfigKey key) {
    String text = text(key);
    Duration fallback = Duration.parse(key.defaultValue());
    try {
      Duration d = Duration.parse(text);
      if (d.compareTo(Duration.parse(key.min())) < 0
          || d.compareTo(Duration.parse(key.max())) > 0) {
        problems.add(key.name() + ": " + text + " is out of range; expected " + key.bounds());
        return fallback;
      }
      return d;
    } catch (DateTimeParseException e) {
      problems.add(
          key.name()
              + ": '"
              + text
              + "' is not an ISO-8601 duration; expected e.g. PT0.5S, PT30S, P2D");
      return fallback;
    }
  }
}
