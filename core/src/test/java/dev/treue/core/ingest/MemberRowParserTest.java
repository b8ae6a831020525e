package dev.treue.core.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.Member;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemberRowParserTest {
  private final MemberRowParser parser = new MemberRowParser(Instant.parse("2024-06-01T12:00:00Z"));

  private static Map<String, String> row(String... kv) {
    Map<String, String> m = new HashMap<>();
    m.put("customer_id", "00042");
    m.put("signup_date", "2024-02-29");
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private Member valid(String... kv) {
    Parsed<Member> p = parser.parse(row(kv));
    assertTrue(p.isValid(), p.reason());
    return p.value();
  }

  private String reason(String... kv) {
    Parsed<Member> p = parser.parse(row(kv));
    assertFalse(p.isValid(), "expected a reject for " + row(kv));
    return p.reason();
  }

  @Test
  void defaults() {
    Member m = valid();
    assertEquals("00042", m.customerId()); // ids are text: zero padding stays
    assertEquals(LocalDate.of(2024, 2, 29).toEpochDay(), m.signupEpochDay());
    assertEquals("basic", m.tier());
    assertEquals(CustomerState.NONE, m.birthEpochDay());
    assertNull(m.segment());
    assertNull(m.channel());
    assertTrue(m.profilingConsent());
  }

  @Test
  void allColumns() {
    Member m =
        valid(
            "signup_date",
            "2024-03-01T00:30:00+02:00",
            "tier",
            "Gold",
            "birth_date",
            "1980-05-17",
            "segment",
            "family",
            "channel",
            "store",
            "profiling_consent",
            "NO");
    assertEquals(LocalDate.of(2024, 2, 29).toEpochDay(), m.signupEpochDay());
    assertEquals("gold", m.tier());
    assertEquals(LocalDate.of(1980, 5, 17).toEpochDay(), m.birthEpochDay());
    assertEquals("family", m.segment());
    assertEquals("store", m.channel());
    assertFalse(m.profilingConsent());
  }

  @Test
  void consentSpellings() {
    for (String yes : new String[] {"true", "TRUE", "1", "yes", "Yes", ""}) {
      assertTrue(valid("profiling_consent", yes).profilingConsent(), yes);
    }
    for (String no : new String[] {"false", "0", "no", "False"}) {
      assertFalse(valid("profiling_consent", no).profilingConsent(), no);
    }
  }

  @Test
  void rejections() {
    assertTrue(reason("customer_id", "").startsWith("customer_id: missing"));
    assertTrue(reason("signup_date", "").startsWith("signup_date: missing"));
    assertTrue(reason("signup_date", "29.02.2024").startsWith("signup_date: expected a date"));
    assertTrue(reason("signup_date", "2024-06-02").contains("is in the future"));
    assertTrue(
        reason("tier", "bronze")
            .startsWith("tier: expected one of [basic, silver, gold, platinum]"));
    assertTrue(reason("birth_date", "1980-02-30").startsWith("birth_date: expected a date"));
    assertTrue(reason("birth_date", "2030-01-01").contains("is in the future"));
    assertTrue(
        reason("profiling_consent", "maybe").startsWith("profiling_consent: expected true/false"));
  }
}
