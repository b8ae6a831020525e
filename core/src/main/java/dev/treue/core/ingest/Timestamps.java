package dev.treue.core.ingest;

import static dev.treue.core.time.Days.DAY_MILLIS;

/**
 * Parses the timestamp and date forms of the data contract into epoch milliseconds (UTC) without
 * regular expressions, exceptions or allocation, since imports call it once per row.
 *
 * <p>Accepted forms:
 *
 * <ul>
 *   <li>{@code 2024-03-01T10:15:30+01:00} (ISO-8601 with offset; also {@code +0100}, {@code +01},
 *       seconds and a fraction of up to 9 digits are optional)
 *   <li>{@code 2024-03-01T09:15:30Z} (ISO instant)
 *   <li>{@code 2024-03-01} (a date: the start of that day in UTC)
 *   <li>{@code 2024-03-01 09:15:30} (a space instead of {@code T} and no offset: read as UTC, the way
 *       databases export timestamps); an offset after the space form is honoured
 * </ul>
 *
 * A {@code T} form without an offset is rejected: it names a local time in an unknown zone, and
 * guessing UTC would shift events by hours without anyone noticing.
 */
public final class Timestamps {
  /** Returned for text that is not one of the accepted forms. */
  public static final long INVALID = Long.MIN_VALUE;

  /** Returned by {@link #parseEpochMillis} for a {@code T} form without offset, to say so. */
  public static final long NO_OFFSET = Long.MIN_VALUE + 1;

  /** What the accepted forms are, for rejection reasons. */
  public static final String EXPECTED =
      "an ISO-8601 timestamp with offset (2024-03-01T10:15:30+01:00 or 2024-03-01T09:15:30Z),"
          + " a date yyyy-MM-dd (start of day UTC) or yyyy-MM-dd HH:mm:ss (UTC)";

  private Timestamps() {}

  /**
   * Epoch milliseconds of a timestamp or date in one of the accepted forms.
   *
   * @return the instant, or {@link #INVALID}, or {@link #NO_OFFSET} for {@code yyyy-MM-ddTHH:mm:ss}
   *     without an offset
   */
  public static long parseEpochMillis(String text) {
    if (text == null) {
      return INVALID;
    }
    int start = 0;
    int end = text.length();
    while (start < end && text.charAt(start) <= ' ') {
      start++;
    }
    while (end > start && text.charAt(end - 1) <= ' ') {
      end--;
    }
    if (end - start < 10) {
      return INVALID;
    }
    long day = epochDayAt(text, start);
    if (day == INVALID) {
      return INVALID;
    }
    long millis = day * DAY_MILLIS;
    int p = start + 10;
    if (p == end) {
      return millis;
    }
    char sep = text.charAt(p);
    boolean spaceForm = sep == ' ';
    if (!spaceForm && sep != 'T' && sep != 't') {
      return INVALID;
    }
    p++;
    // HH:mm
    if (end - p < 5 || text.charAt(p + 2) != ':') {
      return INVALID;
    }
    int hour = twoDigits(text, p);
    int minute = twoDigits(text, p + 3);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
      return INVALID;
    }
    p += 5;
    int second = 0;
    int nanos = 0;
    if (p < end && text.charAt(p) == ':') {
      if (end - p < 3) {
        return INVALID;
      }
      second = twoDigits(text, p + 1);
      if (second < 0 || second > 59) {
        return INVALID;
      }
      p += 3;
      if (p < end && (text.charAt(p) == '.' || text.charAt(p) == ',')) {
        p++;
        int digits = 0;
        while (p < end && isDigit(text.charAt(p))) {
          if (digits < 9) {
            nanos = nanos * 10 + (text.charAt(p) - '0');
          }
          digits++;
          p++;
        }
        if (digits == 0 || digits > 9) {
          return INVALID;
        }
        for (int i = digits; i < 9; i++) {
          nanos *= 10;
        }
      }
    }
    millis += hour * 3_600_000L + minute * 60_000L + second * 1000L + nanos / 1_000_000;
    if (p == end) {
      return spaceForm ? millis : NO_OFFSET;
    }
    int offsetSeconds = offsetSeconds(text, p, end);
    if (offsetSeconds == Integer.MIN_VALUE) {
      return INVALID;
    }
    return millis - offsetSeconds * 1000L;
  }

  /**
   * The UTC epoch day of a date {@code yyyy-MM-dd} or of a timestamp in one of the accepted forms.
   *
   * @return the day, or {@link #INVALID}
   */
  public static long parseEpochDay(String text) {
    long millis = parseEpochMillis(text);
    if (millis == INVALID || millis == NO_OFFSET) {
      return INVALID;
    }
    return Math.floorDiv(millis, DAY_MILLIS);
  }

  /** Epoch day of {@code yyyy-MM-dd} at {@code p}, or {@link #INVALID}; checks the calendar. */
  static long epochDayAt(CharSequence s, int p) {
    if (s.charAt(p + 4) != '-' || s.charAt(p + 7) != '-') {
      return INVALID;
    }
    int y1 = twoDigits(s, p);
    int y2 = twoDigits(s, p + 2);
    int month = twoDigits(s, p + 5);
    int day = twoDigits(s, p + 8);
    if (y1 < 0 || y2 < 0 || month < 1 || month > 12 || day < 1) {
      return INVALID;
    }
    int year = y1 * 100 + y2;
    if (day > daysInMonth(year, month)) {
      return INVALID;
    }
    return epochDay(year, month, day);
  }

  /** Days in a month of the proleptic Gregorian calendar. */
  static int daysInMonth(int year, int month) {
    switch (month) {
      case 2:
        return isLeap(year) ? 29 : 28;
      case 4:
      case 6:
      case 9:
      case 11:
        return 30;
      default:
        return 31;
    }
  }

  static boolean isLeap(int year) {
    return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
  }

  /** Same arithmetic as {@code LocalDate.toEpochDay}, without creating the object. */
  static long epochDay(int year, int month, int day) {
    long y = year;
    long total = 365 * y;
    if (y >= 0) {
      total += (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
    } else {
      total -= y / -4 - y / -100 + y / -400;
    }
    total += (367 * month - 362) / 12;
    total += day - 1;
    if (month > 2) {
      total--;
      if (!isLeap(year)) {
        total--;
      }
    }
    return total - 719_528; // days from 0000-01-01 to 1970-01-01
  }

  /** Seconds east of UTC for {@code Z}, {@code +HH}, {@code +HHmm}, {@code +HH:mm}; MIN_VALUE if bad. */
  private static int offsetSeconds(CharSequence s, int p, int end) {
    char c = s.charAt(p);
    if (c == 'Z' || c == 'z') {
      return p + 1 == end ? 0 : Integer.MIN_VALUE;
    }
    if (c != '+' && c != '-') {
      return Integer.MIN_VALUE;
    }
    int sign = c == '-' ? -1 : 1;
    int len = end - p - 1;
    int hours;
    int minutes = 0;
    if (len == 2) {
      hours = twoDigits(s, p + 1);
    } else if (len == 4) {
      hours = twoDigits(s, p + 1);
      minutes = twoDigits(s, p + 3);
    } else if (len == 5 && s.charAt(p + 3) == ':') {
      hours = twoDigits(s, p + 1);
      minutes = twoDigits(s, p + 4);
    } else {
      return Integer.MIN_VALUE;
    }
    if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59) {
      return Integer.MIN_VALUE;
    }
    return sign * (hours * 3600 + minutes * 60);
  }

  private static int twoDigits(CharSequence s, int p) {
    char a = s.charAt(p);
    char b = s.charAt(p + 1);
    if (!isDigit(a) || !isDigit(b)) {
      return -1;
    }
    return (a - '0') * 10 + (b - '0');
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
