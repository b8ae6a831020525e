package dev.treue.core.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class TimestampsTest {

  private static long millis(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  @Test
  void offsetIsApplied() {
    // 00:30 at +02:00 is still the previous day (a leap day) in UTC
    assertEquals(
        millis("2024-02-29T22:30:00Z"), Timestamps.parseEpochMillis("2024-03-01T00:30:00+02:00"));
    assertEquals(
        LocalDate.of(2024, 2, 29).toEpochDay(),
        Timestamps.parseEpochDay("2024-03-01T00:30:00+02:00"));
    assertEquals(
        millis("2024-03-01T05:30:00Z"), Timestamps.parseEpochMillis("2024-03-01T00:30:00-05:00"));
    assertEquals(
        millis("2024-03-01T05:30:00Z"), Timestamps.parseEpochMillis("2024-03-01T00:30:00-0500"));
    assertEquals(
        millis("2024-03-01T05:30:00Z"), Timestamps.parseEpochMillis("2024-03-01T00:30-05"));
    assertEquals(
        millis("2024-02-29T18:45:00Z"), Timestamps.parseEpochMillis("2024-03-01T00:30:00+05:45"));
  }

  @Test
  void instantsDatesAndSpaceForm() {
    assertEquals(
        millis("2024-03-01T10:15:30.123Z"),
        Timestamps.parseEpochMillis("2024-03-01T10:15:30.123Z"));
    assertEquals(
        millis("2024-03-01T10:15:30.123Z"),
        Timestamps.parseEpochMillis("2024-03-01T10:15:30.123456789Z"));
    assertEquals(millis("2024-03-01T00:00:00Z"), Timestamps.parseEpochMillis("2024-03-01"));
    assertEquals(millis("2024-03-01T00:00:00Z"), Timestamps.parseEpochMillis(" 2024-03-01 "));
    assertEquals(
        millis("2024-03-01T10:15:30Z"), Timestamps.parseEpochMillis("2024-03-01 10:15:30"));
    assertEquals(
        millis("2024-03-01T09:15:30Z"), Timestamps.parseEpochMillis("2024-03-01 10:15:30+01:00"));
    assertEquals(
        millis("1969-12-31T23:59:59Z"), Timestamps.parseEpochMillis("1969-12-31T23:59:59Z"));
  }

  @Test
  void leapDays() {
    assertEquals(LocalDate.of(2024, 2, 29).toEpochDay(), Timestamps.parseEpochDay("2024-02-29"));
    assertEquals(LocalDate.of(2000, 2, 29).toEpochDay(), Timestamps.parseEpochDay("2000-02-29"));
    assertEquals(Timestamps.INVALID, Timestamps.parseEpochMillis("2023-02-29"));
    assertEquals(Timestamps.INVALID, Timestamps.parseEpochMillis("1900-02-29"));
    assertEquals(Timestamps.INVALID, Timestamps.parseEpochMillis("2024-04-31"));
  }

  @Test
  void epochDayAgreesWithJavaTime() {
    for (LocalDate d = LocalDate.of(1895, 1, 1);
        d.isBefore(LocalDate.of(2105, 1, 1));
        d = d.plusDays(1)) {
      assertEquals(d.toEpochDay(), Timestamps.parseEpochDay(d.toString()), d.toString());
    }
  }

  @Test
  void agreesWithOffsetDateTime() {
    String[] samples = {
      "2024-03-31T01:59:59.999+01:00", "1997-01-01T00:00:00+14:00", "2030-12-31T23:59:59-12:00"
    };
    for (String s : samples) {
      assertEquals(
          OffsetDateTime.parse(s).toInstant().toEpochMilli(), Timestamps.parseEpochMillis(s), s);
    }
  }

  @Test
  void rejectsOtherForms() {
    assertEquals(Timestamps.NO_OFFSET, Timestamps.parseEpochMillis("2024-03-01T10:15:30"));
    String[] bad = {
      "",
      "2024-3-1",
      "01.03.2024",
      "2024/03/01",
      "2024-13-01",
      "2024-00-10",
      "2024-03-00",
      "2024-03-01T24:00:00Z",
      "2024-03-01T10:60Z",
      "2024-03-01T10:15:61Z",
      "2024-03-01T10:15:30+19:00",
      "2024-03-01T10:15:30.Z",
      "2024-03-01T10:15:30Zjunk",
      "2024-03-01X10:15",
      "1709251200000",
      "2024-03-01T10:15:30[Europe/Berlin]",
      "2024-03-01T10:15:30.1234567891Z",
      "abcd-ef-gh"
    };
    for (String s : bad) {
      assertEquals(Timestamps.INVALID, Timestamps.parseEpochMillis(s), s);
    }
    assertEquals(Timestamps.INVALID, Timestamps.parseEpochMillis(null));
    assertEquals(Timestamps.INVALID, Timestamps.parseEpochDay("2024-03-01T10:15:30"));
  }
}
