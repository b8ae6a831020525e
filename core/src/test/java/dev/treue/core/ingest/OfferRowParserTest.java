package dev.treue.core.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.offers.Offer;
import dev.treue.core.offers.OfferKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OfferRowParserTest {
  private final OfferRowParser parser = new OfferRowParser();

  private static Map<String, String> row(String... pairs) {
    Map<String, String> m =
        new HashMap<>(
            Map.of(
                "offer_id",
                "o7",
                "kind",
                "discount",
                "value",
                "5.00",
                "cost",
                "3.20",
                "valid_from",
                "2025-03-01",
                "valid_to",
                "2025-03-31"));
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }

  @Test
  void theCommittedSampleParsesWithoutRejects() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("..", "data", "sample", "offers.csv"));
    ColumnLayout layout = OfferRowParser.layout(Csv.split(lines.get(0), ',').value(), "offers.csv");
    assertTrue(lines.size() > 10);
    for (String line : lines.subList(1, lines.size())) {
      String[] values = layout.pick(Csv.split(line, ',').value());
      Parsed<Offer> p = parser.parse(values);
      assertTrue(p.isValid(), line + ": " + p.reason());
    }
  }

  @Test
  void fillsDefaultsAndReadsEveryColumn() {
    Offer o =
        parser
            .parse(
                row(
                    "kind",
                    "Bonus_Points",
                    "category",
                    " coffee ",
                    "points_cost",
                    "1500",
                    "min_tier",
                    "Gold",
                    "budget",
                    "30000",
                    "per_customer_cap",
                    "2",
                    "channels",
                    "Email|app"))
            .value();
    assertEquals(OfferKind.BONUS_POINTS, o.kind());
    assertEquals("coffee", o.category());
    assertEquals(1500, o.pointsCost());
    assertEquals(2, o.minTierRank());
    assertEquals(30000, o.budget());
    assertEquals(2, o.perCustomerCap());
    assertEquals(Set.of("email", "app"), o.channels());
    assertTrue(o.validOn((int) LocalDate.parse("2025-03-31").toEpochDay()));
    assertFalse(o.validOn((int) LocalDate.parse("2025-04-01").toEpochDay()));

    Offer plain = parser.parse(row()).value();
    assertNull(plain.category());
    assertEquals(0, plain.pointsCost());
    assertEquals(0, plain.minTierRank());
    assertEquals(Double.POSITIVE_INFINITY, plain.budget());
    assertEquals(1, plain.perCustomerCap());
    assertTrue(plain.allowsChannel("sms"), "no channels listed: any");
  }

  @Test
  void rejectsNamingTheColumnAndWhatWasExpected() {
    Map<String, String> reasons =
        Map.of(
            "offer_id", "offer_id: missing",
            "kind", "kind: expected one of discount, bonus_points",
            "value", "value: expected money",
            "cost", "cost: expected money",
            "valid_from", "valid_from: expected a date");
    for (Map.Entry<String, String> e : reasons.entrySet()) {
      Parsed<Offer> p = parser.parse(row(e.getKey(), ""));
      assertFalse(p.isValid(), e.getKey());
      assertTrue(p.reason().startsWith(e.getValue()), p.reason());
    }
    assertTrue(parser.parse(row("kind", "voucher")).reason().contains("'voucher'"));
    assertTrue(parser.parse(row("value", "-1")).reason().startsWith("value:"));
    assertTrue(parser.parse(row("cost", "NaN")).reason().startsWith("cost:"));
    assertTrue(parser.parse(row("points_cost", "1.5")).reason().startsWith("points_cost:"));
    assertTrue(parser.parse(row("min_tier", "diamond")).reason().startsWith("min_tier:"));
    assertTrue(parser.parse(row("valid_to", "2025-02-28")).reason().contains("before valid_from"));
    assertTrue(parser.parse(row("budget", "lots")).reason().startsWith("budget:"));
    assertTrue(parser.parse(row("per_customer_cap", "0")).reason().startsWith("per_customer_cap:"));
    assertTrue(parser.parse(row("channels", "email||app")).reason().startsWith("channels:"));
  }
}
