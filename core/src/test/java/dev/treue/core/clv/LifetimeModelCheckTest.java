package dev.treue.core.clv;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The check every lifetime model read from a file passes before anything scores with it. */
class LifetimeModelCheckTest {
  private static final BgNbd CDNOW = new BgNbd(0.243, 4.414, 0.793, 2.426);
  private static final GammaGamma CDNOW_SPEND = new GammaGamma(6.25, 3.74, 15.44);

  private static LifetimeModel model(BgNbd bg, GammaGamma gg, double unitDays) {
    return new LifetimeModel(bg, gg, unitDays, ClvHorizon.DEFAULT);
  }

  @Test
  void publishedAndFittedModelsPass() {
    assertDoesNotThrow(() -> LifetimeModelCheck.check(model(CDNOW, CDNOW_SPEND, 7)));
    assertDoesNotThrow(() -> LifetimeModelCheck.check(model(CDNOW, CDNOW_SPEND, 1)));
    // A fit on simulated members is within the range by construction, and values everyone.
    SplittableRandom rnd = new SplittableRandom(11);
    List<PurchaseSummary> members = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      members.add(BgNbdSimulation.member(CDNOW, 39, rnd));
    }
    BgNbdFit fit = BgNbdFit.fit(members);
    assertDoesNotThrow(() -> LifetimeModelCheck.check(model(fit.model(), CDNOW_SPEND, 7)));
  }

  @Test
  void parametersOutsideTheFitsRangeAreRefusedByName() {
    IllegalArgumentException huge =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                LifetimeModelCheck.check(
                    model(new BgNbd(1e308, 4.414, 0.793, 2.426), CDNOW_SPEND, 7)));
    assertTrue(huge.getMessage().startsWith("bgnbd.r = 1.0E308 is outside"), huge.getMessage());
    IllegalArgumentException tiny =
        assertThrows(
            IllegalArgumentException.class,
            () -> LifetimeModelCheck.check(model(CDNOW, new GammaGamma(6.25, 3.74, 1e-300), 7)));
    assertTrue(tiny.getMessage().startsWith("gamma_gamma.v = 1.0E-300"), tiny.getMessage());
    IllegalArgumentException unit =
        assertThrows(
            IllegalArgumentException.class,
            () -> LifetimeModelCheck.check(model(CDNOW, CDNOW_SPEND, 1e6)));
    assertTrue(unit.getMessage().startsWith("unit_days"), unit.getMessage());
  }

  @Test
  void aModelInsideTheRangeThatCannotValueMembersIsRefused() {
    // a = 1 is inside the box, but the expected purchases divide by a - 1.
    IllegalArgumentException singular =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                LifetimeModelCheck.check(
                    model(new BgNbd(0.243, 4.414, 1.0, 2.426), CDNOW_SPEND, 7)));
    assertTrue(singular.getMessage().contains("expected purchases"), singular.getMessage());
    assertTrue(singular.getMessage().contains("repeat purchase days"), singular.getMessage());
  }

  @Test
  void readingTheJsonFormRunsTheCheck() {
    Map<String, Object> map = LifetimeParameters.toMap(model(CDNOW, CDNOW_SPEND, 7));
    @SuppressWarnings("unchecked")
    Map<String, Object> bg = (Map<String, Object>) map.get("bgnbd");
    bg.put("r", 1e308);
    assertThrows(IllegalArgumentException.class, () -> LifetimeParameters.fromMap(map));
  }
}
