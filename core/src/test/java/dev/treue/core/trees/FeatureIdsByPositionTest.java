package dev.treue.core.trees;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.MutableFeatureMap;

/** Ids by position equal the map's own, whatever strings, order and length the examples bring. */
class FeatureIdsByPositionTest {
  private static final ImmutableFeatureMap MAP = map("recency", "frequency", "spend");

  @Test
  void eachPositionGetsTheMapsIdEvenWhenTheExamplesChangeTheirNames() {
    FeatureIdsByPosition ids = new FeatureIdsByPosition(MAP);
    String[][] examples = {
      {"frequency", "recency", "spend"},
      {"frequency", "recency", "spend"},
      // Equal text in new string objects, another order, a name the map does not know, a longer
      // example than any before.
      {new String("spend"), "frequency", "unknown", new String("recency")},
      {"recency"},
      {"frequency", "recency", "spend"},
    };
    for (String[] names : examples) {
      for (int k = 0; k < names.length; k++) {
        assertEquals(MAP.getID(names[k]), ids.id(k, names[k]), names[k] + " at " + k);
      }
    }
    assertEquals(-1, ids.id(2, "unknown"));
  }

  @Test
  void aPositionFarBeyondTheLastGrowsTheTable() {
    FeatureIdsByPosition ids = new FeatureIdsByPosition(MAP);
    assertEquals(MAP.getID("spend"), ids.id(40, "spend"));
    assertEquals(MAP.getID("recency"), ids.id(0, "recency"));
    assertEquals(MAP.getID("spend"), ids.id(40, "spend"));
  }

  private static ImmutableFeatureMap map(String... names) {
    MutableFeatureMap m = new MutableFeatureMap();
    for (String name : names) {
      m.add(name, 1.0);
    }
    return new ImmutableFeatureMap(m);
  }
}
