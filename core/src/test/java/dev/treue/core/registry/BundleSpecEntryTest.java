package dev.treue.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.treue.core.feature.ChurnFeatures;
import dev.treue.core.offers.OfferFeatures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The feature-spec entry of {@code bundle.json} is written in one order, so equal models give equal files. */
class BundleSpecEntryTest {
  @Test
  void theSpecEntryKeepsItsKeysInOneOrder() {
    for (var spec : List.of(ChurnFeatures.SPEC, OfferFeatures.spec())) {
      assertEquals(
          List.of("version", "names", "hash"), List.copyOf(BundleFormat.specEntry(spec).keySet()));
      assertEquals(spec.hash(), BundleFormat.specEntry(spec).get("hash"));
    }
  }
}
