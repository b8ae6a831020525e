package dev.treue.serving.config;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The service clock: {@code system}, a fixed day {@code 2024-06-30} (the clock stands at the last
 * millisecond of that UTC day, so events of the day are not "in the future"), or a fixed instant
 * {@code 2024-06-30T12:00:00Z}. Fixed clocks make demos and tests reproducible: features are
 * computed for the clock's UTC day.
 *
 * @param text the configured value
 * @param clock the clock it gives
 */
public record ClockSetting(String text, Clock clock) {

  /** The system clock. */
  public static ClockSetting system() {
    return new ClockSetting("system", Clock.systemUTC());
  }

  /**
   * Parses a setting.
   *
   * @throws IllegalArgumentException naming the value and the accepted forms
   */
  public static ClockSetting parse(String text) {
    if (text == null || text.equals("system")) {
      return system();
    }
    try {
      if (text.length() == 10) {
        Instant endOfDay =
            LocalDate.parse(text)
                .plusDays(1)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant()
                .minusMillis(1);
        return new ClockSetting(text, Clock.fixed(endOfDay, ZoneOffset.UTC));
      }
      return new ClockSetting(text, Clock.fixed(Instant.parse(text), ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "clock '"
              + text
              + "': expected system, a date like 2024-06-30 or an"
              + " instant like 2024-06-30T12:00:00Z",
          e);
    }
  }
}
