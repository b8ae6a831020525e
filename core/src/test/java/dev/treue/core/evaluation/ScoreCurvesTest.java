package dev.treue.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScoreCurvesTest {
  private static final double TOLERANCE = 1e-12;
  private static final double[] P = {0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05};
  private static final boolean[] Y = {
    true, true, false, true, false, false, true, false, false, false
  };

  @Test
  void rocCurveRunsFromOriginToCornerAndItsAreaIsTheAuc() {
    List<RocPoint> points = RocCurve.of(P, Y).points();
    assertEquals(11, points.size());
    assertEquals(0.0, points.get(0).falsePositiveRate());
    assertEquals(0.0, points.get(0).truePositiveRate());
    assertEquals(1.0, points.get(10).falsePositiveRate());
    assertEquals(1.0, points.get(10).truePositiveRate());
    assertEquals(RocAuc.of(P, Y), trapezoid(points), TOLERANCE);
  }

  @Test
  void largeRocCurveIsThinnedButKeepsItsEndsAndOrder() {
    Random random = new Random(7);
    int n = 20_000;
    double[] s = new double[n];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      y[i] = random.nextDouble() < 0.2;
      s[i] = random.nextGaussian() + (y[i] ? 1 : 0);
    }
    List<RocPoint> points = RocCurve.of(s, y).points();
    assertTrue(points.size() <= RocCurve.MAX_POINTS, "points: " + points.size());
    assertTrue(points.size() > 100, "points: " + points.size());
    assertEquals(0.0, points.get(0).falsePositiveRate());
    assertEquals(1.0, points.get(points.size() - 1).truePositiveRate());
    for (int i = 1; i < points.size(); i++) {
      assertTrue(points.get(i).falsePositiveRate() >= points.get(i - 1).falsePositiveRate());
      assertTrue(points.get(i).truePositiveRate() >= points.get(i - 1).truePositiveRate());
    }
    assertEquals(RocAuc.of(s, y), trapezoid(points), 0.002);
    assertTrue(PrecisionRecallCurve.of(s, y).points().size() <= RocCurve.MAX_POINTS);
  }

  @Test
  void precisionRecallPointsAtEachThreshold() {
    List<PrecisionRecallPoint> points = PrecisionRecallCurve.of(P, Y).points();
    assertEquals(10, points.size());
    assertEquals(0.25, points.get(0).recall(), TOLERANCE);
    assertEquals(1.0, points.get(0).precision(), TOLERANCE);
    assertEquals(0.75, points.get(3).recall(), TOLERANCE);
    assertEquals(0.75, points.get(3).precision(), TOLERANCE);
    assertEquals(0.4, points.get(9).precision(), TOLERANCE);
  }

  @Test
  void gainsByDecile() {
    List<GainsPoint> points = GainsCurve.of(P, Y).points();
    assertEquals(10, points.size());
    double[] expectedGain = {0.25, 0.5, 0.5, 0.75, 0.75, 0.75, 1, 1, 1, 1};
    for (int b = 0; b < 10; b++) {
      assertEquals((b + 1) / 10.0, points.get(b).depth(), TOLERANCE);
      assertEquals(expectedGain[b], points.get(b).gain(), TOLERANCE);
      assertEquals(expectedGain[b] / points.get(b).depth(), points.get(b).lift(), TOLERANCE);
    }
    assertEquals(Lift.topDecile(P, Y), points.get(0).lift(), TOLERANCE);
    assertEquals(20, ScoreCurves.of(P, Y, 20).gains().points().size());
  }

  private static double trapezoid(List<RocPoint> points) {
    double area = 0;
    for (int i = 1; i < points.size(); i++) {
      RocPoint a = points.get(i - 1);
      RocPoint b = points.get(i);
      area +=
          (b.falsePositiveRate() - a.falsePositiveRate())
              * (a.truePositiveRate() + b.truePositiveRate())
              / 2;
    }
    return area;
  }
}
