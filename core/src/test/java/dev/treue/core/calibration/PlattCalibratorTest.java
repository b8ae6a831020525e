package dev.treue.core.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PlattCalibratorTest {

  @Test
  void recoversTheSlopeOfUnderConfidentScoresAndImprovesLogLoss() {
    MiscalibratedSample train = MiscalibratedSample.draw(20_000, 21);
    MiscalibratedSample test = MiscalibratedSample.draw(20_000, 22);
    PlattCalibrator c = PlattCalibrator.fit(train.raw(), train.churned());
    assertEquals(2.0, c.a(), 0.15);
    assertEquals(0.0, c.b(), 0.1);
    double before = test.logLoss(test.raw());
    double after = test.logLoss(c.calibrateAll(test.raw()));
    assertTrue(after < before - 0.01, "log loss before " + before + ", after " + after);
  }

  @Test
  void identityParametersLeaveProbabilitiesAlone() {
    PlattCalibrator identity = new PlattCalibrator(1, 0);
    assertEquals(0.3, identity.calibrate(0.3), 1e-12);
    assertEquals(PlattCalibrator.EPSILON, identity.calibrate(0.0), 1e-12);
    assertEquals(1 - PlattCalibrator.EPSILON, identity.calibrate(1.0), 1e-12);
  }

  @Test
  void staysFiniteOnSeparableRowsAndIsMonotone() {
    PlattCalibrator c =
        PlattCalibrator.fit(
            new double[] {0.1, 0.2, 0.8, 0.9}, new boolean[] {false, false, true, true});
    assertTrue(Double.isFinite(c.a()) && c.a() > 0, c.toString());
    double previous = 0;
    for (double r = 0; r <= 1; r += 0.001) {
      assertTrue(c.calibrate(r) >= previous);
      previous = c.calibrate(r);
    }
  }

  @Test
  void roundTripsThroughItsMapForm() {
    PlattCalibrator c = new PlattCalibrator(1.7, -0.4);
    Map<String, Object> map = c.toMap();
    assertEquals(Map.of("kind", "platt", "a", 1.7, "b", -0.4), map);
    ProbabilityCalibrator back = ProbabilityCalibrator.fromMap(map);
    assertEquals(c.calibrate(0.42), back.calibrate(0.42));
    assertEquals(2.0, PlattCalibrator.fromMap(Map.of("kind", "platt", "a", 2, "b", 0)).a());
    assertThrows(
        IllegalArgumentException.class,
        () -> PlattCalibrator.fromMap(Map.of("kind", "platt", "a", 1)));
    assertThrows(IllegalArgumentException.class, () -> c.calibrate(1.5));
  }
}
