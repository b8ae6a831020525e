package dev.treue.core.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventRowParserTest {
  private static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");
  private final EventRowParser parser = new EventRowParser(NOW);

  private static Map<String, String> row(String... kv) {
    Map<String, String> m = new HashMap<>();
    m.put("event_id", "e1");
    m.put("customer_id", "c1");
    m.put("ts", "2024-03-01T00:30:00+02:00");
    m.put("type", "purchase");
    m.put("amount", "12.50");
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private LoyaltyEvent valid(String... kv) {
    Parsed<LoyaltyEvent> p = parser.parse(row(kv));
    assertTrue(p.isValid(), p.reason());
    return p.value();
  }

  private String reason(String... kv) {
    Parsed<LoyaltyEvent> p = parser.parse(row(kv));
    assertFalse(p.isValid(), "expected a reject for " + row(kv));
    assertNull(p.value());
    return p.reason();
  }

  @Test
  void validRowWithOffsetLandsOnTheUtcDay() {
    LoyaltyEvent e = valid("category", " books ", "channel", "web", "points", "25");
    assertEquals("e1", e.eventId());
    assertEquals("c1", e.customerId());
    assertEquals(EventType.PURCHASE, e.type());
    assertEquals(12.5, e.amount());
    assertEquals(25, e.points());
    assertEquals("books", e.category());
    assertNull(e.offerId());
    assertEquals("web", e.channel());
    assertEquals(LocalDate.of(2024, 2, 29).toEpochDay(), e.epochDay());
    assertEquals(Instant.parse("2024-02-29T22:30:00Z"), e.ts());
  }

  @Test
  void emptyAmountAndPointsAreZero() {
    LoyaltyEvent e = valid("amount", "", "points", null, "type", "app_session");
    assertEquals(0.0, e.amount());
    assertEquals(0, e.points());
    assertEquals(0.0, valid("amount", "0.00").amount()); // CDNOW has zero-dollar purchases
    assertEquals(40, valid("type", "points_earned", "points", "40.0").points());
  }

  @Test
  void timestampForms() {
    assertEquals(Instant.parse("2024-03-01T00:00:00Z"), valid("ts", "2024-03-01").ts());
    assertEquals(Instant.parse("2024-03-01T10:00:00Z"), valid("ts", "2024-03-01 10:00:00").ts());
    assertEquals(Instant.parse("2024-02-29T10:00:00Z"), valid("ts", "2024-02-29T10:00:00Z").ts());
    assertEquals(NOW, valid("ts", "2024-06-01T12:00:00Z").ts()); // "now" itself is not the future
  }

  @Test
  void eachRejectionNamesTheColumn() {
    assertTrue(reason("event_id", " ").startsWith("event_id: missing"));
    assertTrue(reason("customer_id", "").startsWith("customer_id: missing"));
    assertTrue(reason("ts", null).startsWith("ts: missing"));
    String unparsable = reason("ts", "01/03/2024");
    assertTrue(
        unparsable.startsWith("ts: expected") && unparsable.contains("'01/03/2024'"), unparsable);
    assertTrue(reason("ts", "2023-02-29").startsWith("ts: expected"));
    assertTrue(reason("ts", "2024-03-01T10:00:00").contains("has no offset"));
    String future = reason("ts", "2024-06-01T12:00:00.001Z");
    assertTrue(future.contains("in the future") && future.contains("2024-06-01T12:00:00Z"), future);
    String type = reason("type", "refund");
    assertTrue(
        type.startsWith("type: unknown event type 'refund'") && type.contains("points_earned"),
        type);
    assertTrue(reason("type", "").startsWith("type: missing"));
    assertTrue(reason("amount", "12,50").startsWith("amount: expected a decimal"));
    assertTrue(reason("amount", "NaN").startsWith("amount: expected a decimal"));
    assertTrue(reason("amount", "1e999").startsWith("amount: expected a decimal"));
    assertTrue(reason("amount", "-3").startsWith("amount: '-3' is negative"));
    assertTrue(reason("type", "return", "amount", "-3").startsWith("amount: '-3' is negative"));
    assertTrue(reason("points", "1.5").startsWith("points: expected a whole number"));
    assertTrue(
        reason("points", "99999999999999999999").startsWith("points: expected a whole number"));
    assertTrue(reason("points", "-10").startsWith("points: '-10' is negative"));
  }

  @Test
  void negativeAmountOnOtherTypesIsAllowed() {
    // only purchase and return carry a signed meaning; other events seldom carry money at all
    assertEquals(-1.0, valid("type", "tier_change", "amount", "-1").amount());
  }

  @Test
  void firstFailingColumnWins() {
    assertTrue(reason("customer_id", "", "ts", "bad").startsWith("customer_id"));
  }

  @Test
  void layoutPicksColumnsByHeader() {
    ColumnLayout layout =
        EventRowParser.layout(
            new String[] {"\uFEFFType", " TS ", "customer_id", "event_id", "extra"}, "events.csv");
    String[] values = layout.pick(new String[] {"purchase", "2024-01-01", "c9", "e9", "x"});
    assertArrayEquals(
        new String[] {"e9", "c9", "2024-01-01", "purchase", null, null, null, null, null}, values);
    assertTrue(parser.parse(values).isValid());
    assertTrue(layout.has("ts"));
    assertFalse(layout.has("amount"));
    assertNull(layout.widthProblem(new String[5]));
    assertTrue(layout.widthProblem(new String[4]).contains("row has 4 fields; expected 5"));
  }

  @Test
  void layoutNamesMissingColumns() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                EventRowParser.layout(
                    new String[] {"event_id", "customer", "ts"}, "data/events.csv"));
    assertTrue(
        e.getMessage().startsWith("data/events.csv: the header lacks required column(s)"),
        e.getMessage());
    assertTrue(
        e.getMessage().contains("customer_id") && e.getMessage().contains("type"), e.getMessage());
  }

  /** Issue 11: amounts and points beyond the documented limits are refused, naming the field. */
  @Test
  void amountsAndPointsBeyondTheLimitsAreRefused() {
    assertTrue(reason("amount", "1e308").startsWith("amount: "), reason("amount", "1e308"));
    assertTrue(reason("amount", "1000000000000.01").contains("too large"));
    assertTrue(reason("amount", "1e-9").contains("decimal places"), reason("amount", "1e-9"));
    assertTrue(reason("amount", "0.00001").startsWith("amount: "));
    assertEquals(1e12, valid("amount", "1000000000000").amount());
    assertEquals(0.0001, valid("amount", "0.0001").amount());
    assertEquals(-1e12, valid("type", "app_session", "amount", "-1e12").amount());
    assertEquals(
        EventRowParser.MAX_POINTS,
        valid("type", "points_earned", "points", "1000000000000000").points());
    assertTrue(
        reason("type", "points_earned", "points", "1000000000000001").startsWith("points: "));
    assertTrue(reason("type", "points_earned", "points", "-1").startsWith("points: "));
  }
}
