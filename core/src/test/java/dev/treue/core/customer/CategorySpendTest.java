package dev.treue.core.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import dev.treue.core.time.Days;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A state's categories, kept in sorted arrays, are the sorted map of boxed sums the state kept
 * before: the same names in the same order, the same sums, and the same category folded into
 * "other" over the cap, checked against that map's own rules (written out below) over random
 * purchases and returns with more names than the cap, repeated sums, zeros of both signs and
 * names that sort by case and accents.
 */
class CategorySpendTest {
  private static final double[] AMOUNTS = {0, -0.0, 1, 1, 2.5, 10, 0.1, 0.2, 1e9, 1e-9, 3};

  @Test
  void keepsWhatTheSortedMapOfSumsKept() {
    int folded = 0;
    for (long seed = 1; seed <= 30; seed++) {
      Random random = new Random(seed);
      CustomerState state = new CustomerState("m");
      Reference expected = new Reference();
      int names = 20 + random.nextInt(80);
      for (int step = 0; step < 600; step++) {
        String category = name(random.nextInt(names));
        double amount = AMOUNTS[random.nextInt(AMOUNTS.length)];
        boolean purchase = random.nextInt(5) > 0;
        state.apply(
            new LoyaltyEvent(
                "e" + step,
                "m",
                19_000L * Days.DAY_MILLIS + step,
                purchase ? EventType.PURCHASE : EventType.RETURN,
                amount,
                0,
                category,
                null,
                null));
        expected.add(category, purchase ? amount : -amount);
        assertEquals(expected.spend, state.categorySpend(), "seed " + seed + " step " + step);
        assertEquals(expected.other, state.otherCategorySpend(), "seed " + seed);
      }
      folded += expected.folded;
      CustomerState back = CustomerStateCodec.decode(CustomerStateCodec.encode(state));
      assertEquals(expected.spend, back.categorySpend(), "decoded, seed " + seed);
      assertEquals(expected.spend, state.copy().categorySpend(), "copied, seed " + seed);
    }
    assertTrue(folded > 100, "only " + folded + " categories were folded into other");
  }

  @Test
  void namesComeInAnyOrderAndRepeated() {
    CategorySpend c = new CategorySpend();
    Map<String, Double> expected = new TreeMap<>();
    Random random = new Random(7);
    for (int i = 0; i < 500; i++) {
      String name = name(random.nextInt(40));
      double value = random.nextInt(100) - 50;
      c.put(name, value); // a decoder meeting a state written in any order
      expected.put(name, value);
      if (random.nextInt(10) == 0) {
        String gone = name(random.nextInt(40));
        c.remove(gone);
        expected.remove(gone);
      }
      assertEquals(expected, c.asMap());
      String asked = name(random.nextInt(40));
      assertEquals(expected.getOrDefault(asked, -1.0), c.get(asked, -1.0), asked);
    }
  }

  @Test
  void aStateFromBeforeTheCapKeepsItsLargestCategories() {
    // As a state written before the cap decodes: any number of names, trimmed once.
    CustomerState state = new CustomerState("m");
    Map<String, Double> all = new TreeMap<>();
    Random random = new Random(11);
    for (int i = 0; i < 90; i++) {
      double value = random.nextInt(6) - 1; // many ties, some negative
      state.categorySpend.put(name(i), value);
      all.put(name(i), value);
    }
    state.trimCategories();
    List<Map.Entry<String, Double>> byValue = new ArrayList<>(all.entrySet());
    byValue.sort(
        Map.Entry.<String, Double>comparingByValue()
            .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())));
    double other = 0;
    for (Map.Entry<String, Double> c :
        byValue.subList(0, all.size() - CustomerState.MAX_CATEGORIES)) {
      other += c.getValue();
      all.remove(c.getKey());
    }
    assertEquals(all, state.categorySpend());
    assertEquals(other, state.otherCategorySpend());
  }

  private static String name(int i) {
    String[] stems = {"Books", "books", "Bücher", "Ärger", "z", "Z", "kaffee ☕", "a"};
    return stems[i % stems.length] + (i / stems.length);
  }

  /** The state's rules for categories as they were, on a sorted map of boxed sums. */
  private static final class Reference {
    final Map<String, Double> spend = new TreeMap<>();
    double other;
    int folded;

    void add(String category, double amount) {
      if (spend.merge(category, amount, Double::sum) != null
          && spend.size() > CustomerState.MAX_CATEGORIES) {
        Map.Entry<String, Double> smallest = null;
        for (Map.Entry<String, Double> c : new ArrayList<>(spend.entrySet())) {
          if (smallest == null
              || c.getValue() < smallest.getValue()
              || c.getValue().equals(smallest.getValue())
                  && c.getKey().compareTo(smallest.getKey()) > 0) {
            smallest = c;
          }
        }
        other += smallest.getValue();
        spend.remove(smallest.getKey());
        folded++;
      }
    }
  }
}
