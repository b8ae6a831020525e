package dev.treue.serving.auth;

import java.util.Locale;

/** What an API key may do. */
public enum Scope {
  /** Read churn risk, features and model information. */
  SCORE,
  /** Post events. */
  EVENTS,
  /** Read at-risk lists. */
  LISTS,
  /** Reload models, export and erase members. */
  ADMIN;

  // Once per constant: the name is asked for on every request that answers with it.
  private final String wireName = name().toLowerCase(Locale.ROOT);

  /** Lower-case name used in config. */
  public String wireName() {
    return wireName;
  }

  /**
   * Parses a config name.
   *
   * @throws IllegalArgumentException naming the value and the accepted names
   */
  public static Scope fromWire(String name) {
    for (Scope s : values()) {
      if (s.wireName().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown scope '" + name + "', expected one of score, events, lists, admin");
  }
}
