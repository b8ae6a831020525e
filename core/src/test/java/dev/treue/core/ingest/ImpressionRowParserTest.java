package dev.treue.core.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Impressions rows: what is accepted, and that each rejection names the column. */
class ImpressionRowParserTest {
  private final ImpressionRowParser parser =
      new ImpressionRowParser(Instant.parse("2026-07-01T00:00:00Z"));

  @Test
  void aLoggedSendIsRead() {
    ImpressionRowParser.Impression i =
        parser
            .parse(
                new String[] {"r1", "c1", "o007", "2026-03-01T09:00:00+01:00", "0.25", "campaign"})
            .orElseThrow();
    assertEquals(Instant.parse("2026-03-01T08:00:00Z").toEpochMilli(), i.tsMillis());
    assertEquals(0.25, i.propensity());
    assertEquals("campaign", i.policy());
    assertEquals("r1/o007", i.key());
    assertNull(
        parser
            .parse(new String[] {"r1", "c1", "o7", "2026-03-01", "1", ""})
            .orElseThrow()
            .policy());
  }

  @Test
  void badRowsNameTheColumn() {
    assertReject("customer_id", new String[] {"r1", " ", "o1", "2026-03-01", "0.5", null});
    assertReject("ts", new String[] {"r1", "c1", "o1", "2026-03-01T09:00:00", "0.5", null});
    assertReject("ts", new String[] {"r1", "c1", "o1", "2027-03-01", "0.5", null});
    assertReject("propensity", new String[] {"r1", "c1", "o1", "2026-03-01", "0", null});
    assertReject("propensity", new String[] {"r1", "c1", "o1", "2026-03-01", "1.5", null});
    assertReject("propensity", new String[] {"r1", "c1", "o1", "2026-03-01", "NaN", null});
    assertReject("propensity", new String[] {"r1", "c1", "o1", "2026-03-01", null, null});
  }

  private void assertReject(String column, String[] row) {
    Parsed<ImpressionRowParser.Impression> p = parser.parse(row);
    assertFalse(p.isValid(), String.join(",", String.valueOf(row[0])));
    assertTrue(p.reason().startsWith(column + ":"), p.reason());
  }
}
