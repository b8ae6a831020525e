package dev.treue.serving.config;

import java.util.Locale;

/**
 * One service configuration key: the single place its name, type, default, bounds and help live.
 * {@link ConfigKeys#ALL} lists them; reading ({@link ServingConfig#fromJson}), the usage text and the
 * README table are all made from that list.
 *
 * @param name the JSON key, e.g. {@code redis_url}
 * @param type how the value is read
 * @param defaultValue the default as it would be written, or null for none
 * @param min the lowest value allowed (numbers and durations), or null
 * @param max the highest value allowed (numbers and durations), or null
 * @param help one line
 */
public record ConfigKey(
    String name, Type type, String defaultValue, String min, String max, String help) {

  /** The default of {@code event_loops}: the number of cores, known only when the service starts. */
  static final String CORES = "cores";

  /** How a key's value is read. */
  public enum Type {
    TEXT("text"),
    WHOLE("whole number"),
    DECIMAL("number"),
    BOOLEAN("true/false"),
    DURATION("ISO-8601 duration"),
    API_KEYS("list of keys"),
    OBJECT("object"),
    HOLDOUTS("tenant map");

    private final String shown;

    Type(String shown) {
      this.shown = shown;
    }

    /** How the type is named in help. */
    public String shown() {
      return shown;
    }
  }

  /** The environment variable that overrides the key, or null when the key is file-only. */
  public String envVar() {
    return type == Type.API_KEYS || type == Type.OBJECT || type == Type.HOLDOUTS
        ? null
        : "TREUE_" + name.toUpperCase(Locale.ROOT);
  }

  /** The default as shown in help: {@code none} when there is none. */
  public String shownDefault() {
    return defaultValue == null ? "none" : defaultValue;
  }

  /** The allowed range as shown in help, e.g. {@code 0 to 65535}, or empty when any value of the type is allowed. */
  public String bounds() {
    return min == null ? "" : min + " to " + max;
  }
}
