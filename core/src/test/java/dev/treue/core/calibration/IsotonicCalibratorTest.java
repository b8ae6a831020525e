package dev.treue.core.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsotonicCalibratorTest {
  private static final double EPS = IsotonicCalibrator.EPSILON;
  private static final double TOLERANCE = 1e-12;

  @Test
  void poolsAdjacentViolatorsByHand() {
    // Labels by raw score: 0 | 1 0 0 | 1 | 1. The 1 at raw 2 is pooled with the two 0s after it.
    IsotonicCalibrator c =
        IsotonicCalibrator.fit(
            new double[] {6, 5, 4, 3, 2, 1}, new boolean[] {true, true, false, false, true, false});
    assertArrayEquals(new double[] {1, 3, 5, 6}, c.thresholds(), TOLERANCE);
    assertArrayEquals(new double[] {EPS, 1.0 / 3, 1 - EPS, 1 - EPS}, c.values(), TOLERANCE);
    // Interpolated between block centres, held flat outside them.
    assertEquals(EPS + 0.5 * (1.0 / 3 - EPS), c.calibrate(2), TOLERANCE);
    assertEquals(1.0 / 3 + 0.5 * (1 - EPS - 1.0 / 3), c.calibrate(4), TOLERANCE);
    assertEquals(EPS, c.calibrate(-100), TOLERANCE);
    assertEquals(1 - EPS, c.calibrate(100), TOLERANCE);
  }

  @Test
  void weightsMoveBlockMeansAndCentres() {
    IsotonicCalibrator c =
        IsotonicCalibrator.fit(
            new double[] {1, 2}, new boolean[] {true, false}, new double[] {3, 1});
    assertArrayEquals(new double[] {1.25}, c.thresholds(), TOLERANCE);
    assertArrayEquals(new double[] {0.75}, c.values(), TOLERANCE);
    assertEquals(0.75, c.calibrate(0.1), TOLERANCE);
  }

  @Test
  void equalRawScoresGetOneValue() {
    IsotonicCalibrator c =
        IsotonicCalibrator.fit(
            new double[] {0.5, 0.5, 0.5, 0.5}, new boolean[] {true, false, false, false});
    assertEquals(1, c.thresholds().length);
    assertEquals(0.25, c.calibrate(0.5), TOLERANCE);
  }

  @Test
  void isMonotoneAndInsideTheOpenInterval() {
    Random random = new Random(3);
    int n = 5_000;
    double[] raw = new double[n];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      raw[i] = random.nextDouble();
      y[i] = random.nextDouble() < raw[i] * raw[i];
    }
    IsotonicCalibrator c = IsotonicCalibrator.fit(raw, y);
    double previous = 0;
    for (double r = -0.1; r <= 1.1; r += 1e-4) {
      double p = c.calibrate(r);
      assertTrue(p >= previous, "not monotone at " + r);
      assertTrue(p >= EPS && p <= 1 - EPS, "outside [eps, 1 - eps] at " + r);
      previous = p;
    }
  }

  @Test
  void improvesLogLossOfMiscalibratedScores() {
    MiscalibratedSample train = MiscalibratedSample.draw(20_000, 11);
    MiscalibratedSample test = MiscalibratedSample.draw(20_000, 12);
    IsotonicCalibrator c = IsotonicCalibrator.fit(train.raw(), train.churned());
    double before = test.logLoss(test.raw());
    double after = test.logLoss(c.calibrateAll(test.raw()));
    assertTrue(after < before - 0.01, "log loss before " + before + ", after " + after);
  }

  @Test
  void roundTripsThroughItsMapFormAndJavaSerialisation() throws Exception {
    MiscalibratedSample sample = MiscalibratedSample.draw(2_000, 5);
    IsotonicCalibrator c = IsotonicCalibrator.fit(sample.raw(), sample.churned());
    ProbabilityCalibrator fromMap = ProbabilityCalibrator.fromMap(c.toMap());
    assertEquals(IsotonicCalibrator.KIND, fromMap.kind());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(c);
    }
    ProbabilityCalibrator deserialised;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      deserialised = (ProbabilityCalibrator) in.readObject();
    }
    for (double r = 0; r <= 1; r += 0.01) {
      assertEquals(c.calibrate(r), fromMap.calibrate(r));
      assertEquals(c.calibrate(r), deserialised.calibrate(r));
    }
  }

  @Test
  void readsIntegersAsAJsonReaderGivesThemAndNamesBadEntries() {
    IsotonicCalibrator c =
        IsotonicCalibrator.fromMap(
            Map.of(
                "kind",
                "isotonic",
                "thresholds",
                List.of(0, 0.5, 1),
                "values",
                List.of(0, 0.5, 1)));
    assertEquals(0.5, c.calibrate(0.5), TOLERANCE);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> IsotonicCalibrator.fromMap(Map.of("kind", "isotonic", "thresholds", List.of(1))));
    assertTrue(e.getMessage().contains("\"values\""), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> ProbabilityCalibrator.fromMap(Map.of("kind", "beta")));
    assertThrows(
        IllegalArgumentException.class,
        () -> new IsotonicCalibrator(new double[] {0, 1}, new double[] {0.6, 0.4}));
  }
}
