package dev.treue.training.generate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneRules;

/**
 * Per-day lookups over the simulated period, computed once so the hot loop never touches
 * {@code java.time}: the date as ASCII bytes, the seasonality index, month starts (tier
 * re-evaluation), newsletter days, and the Europe/Berlin UTC offset used to render local times.
 */
final class ProgrammeCalendar {
  /** Newsletters go out every fourth Thursday (epoch day 0 was a Thursday). */
  private static final int NEWSLETTER_EVERY_DAYS = 28;

  /** Berlin switches between +01:00 and +02:00 at 01:00 UTC. */
  static final int OFFSET_SWITCH_SECOND = 3600;

  private final int firstDay;
  private final byte[][] dates;
  private final byte[] season;
  private final boolean[] monthStart;
  private final boolean[] newsletter;
  private final int[] offsetBefore;
  private final int[] offsetAfter;

  /** Covers [firstDay, lastDay] plus one day either side for local dates that roll over. */
  ProgrammeCalendar(int firstDay, int lastDay) {
    this.firstDay = firstDay - 1;
    int n = lastDay - firstDay + 3;
    dates = new byte[n][];
    season = new byte[n];
    monthStart = new boolean[n];
    newsletter = new boolean[n];
    offsetBefore = new int[n];
    offsetAfter = new int[n];
    ZoneRules berlin = ZoneId.of("Europe/Berlin").getRules();
    for (int i = 0; i < n; i++) {
      int day = this.firstDay + i;
      LocalDate date = LocalDate.ofEpochDay(day);
      dates[i] = date.toString().getBytes(StandardCharsets.US_ASCII);
      season[i] = (byte) Seasonality.index(date);
      monthStart[i] = date.getDayOfMonth() == 1;
      newsletter[i] = Math.floorMod(day, NEWSLETTER_EVERY_DAYS) == 0;
      long midnight = day * 86_400L;
      offsetBefore[i] = berlin.getOffset(Instant.ofEpochSecond(midnight)).getTotalSeconds();
      offsetAfter[i] =
          berlin
              .getOffset(Instant.ofEpochSecond(midnight + OFFSET_SWITCH_SECOND))
              .getTotalSeconds();
    }
  }

  byte[] date(int day) {
    return dates[day - firstDay];
  }

  int seasonIndex(int day) {
    return season[day - firstDay];
  }

  boolean isMonthStart(int day) {
    return monthStart[day - firstDay];
  }

  boolean isNewsletterDay(int day) {
    return newsletter[day - firstDay];
  }

  /** Europe/Berlin offset in seconds at {@code second} (UTC) of {@code day}. */
  int berlinOffset(int day, int second) {
    return second < OFFSET_SWITCH_SECOND
        ? offsetBefore[day - firstDay]
        : offsetAfter[day - firstDay];
  }
}
