package dev.treue.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CalibrationTableTest {
  private static final double TOLERANCE = 1e-12;

  @Test
  void twoBinsByHand() {
    CalibrationTable table =
        CalibrationTable.equalFrequency(
            new double[] {0.4, 0.1, 0.3, 0.2}, new boolean[] {true, false, true, false}, 2);
    assertEquals(2, table.bins().size());
    CalibrationBin low = table.bins().get(0);
    assertEquals(2, low.count());
    assertEquals(0.1, low.lower(), TOLERANCE);
    assertEquals(0.2, low.upper(), TOLERANCE);
    assertEquals(0.15, low.meanPredicted(), TOLERANCE);
    assertEquals(0.0, low.observedRate(), TOLERANCE);
    assertEquals(0.35, table.bins().get(1).meanPredicted(), TOLERANCE);
    assertEquals(1.0, table.bins().get(1).observedRate(), TOLERANCE);
    // Half the rows are off by 0.15, half by 0.65.
    assertEquals(0.4, table.expectedCalibrationError(), TOLERANCE);
  }

  @Test
  void tiedPredictionsStayInOneBin() {
    double[] p = {0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.7, 0.7, 0.7, 0.7};
    boolean[] y = {false, false, false, true, false, true, true, true, false, true};
    CalibrationTable table = CalibrationTable.of(p, y);
    assertEquals(2, table.bins().size());
    assertEquals(6, table.bins().get(0).count());
    assertEquals(1.0 / 3, table.bins().get(0).observedRate(), TOLERANCE);
    assertEquals(0.75, table.bins().get(1).observedRate(), TOLERANCE);
    double ece = 0.6 * Math.abs(0.2 - 1.0 / 3) + 0.4 * Math.abs(0.7 - 0.75);
    assertEquals(ece, table.expectedCalibrationError(), TOLERANCE);
  }

  @Test
  void tenEqualBinsOnHundredDistinctRows() {
    double[] p = new double[100];
    boolean[] y = new boolean[100];
    for (int i = 0; i < 100; i++) {
      p[i] = i / 100.0;
      y[i] = i % 2 == 0;
    }
    CalibrationTable table = CalibrationTable.of(p, y);
    assertEquals(10, table.bins().size());
    table.bins().forEach(bin -> assertEquals(10, bin.count()));
    assertEquals(0, CalibrationTable.of(new double[0], new boolean[0]).bins().size());
  }
}
