package dev.treue.training.uplift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.treue.core.trigger.Holdout;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Money in {@code uplift.json} (and so in {@code GET /v1/uplift}) is written to the cent. */
class UpliftReportMoneyTest {
  @Test
  void spendTotalsAreWholeCentsNotADoublesSum() {
    Arm treated = Arm.EMPTY;
    for (int i = 0; i < 1_000; i++) {
      treated = treated.plus(true, 1, 0.1); // 1,000 x 0.10 summed in doubles: 99.9999999999986
    }
    Arm heldOut = Arm.EMPTY.plus(false, 1, 0.1).plus(false, 1, 0.2); // 0.30000000000000004
    UpliftReport report =
        new UpliftReport(
            LocalDate.parse("2025-01-01"),
            LocalDate.parse("2025-03-31"),
            60,
            Holdout.of(0.1, "s"),
            UpliftEstimate.of(treated, heldOut),
            LocalDate.parse("2025-06-30"));
    ObjectNode json = report.json(new ObjectMapper());
    assertEquals("100.00", json.get("treated").get("spend").toString());
    assertEquals("0.30", json.get("held_out").get("spend").toString());
  }
}
