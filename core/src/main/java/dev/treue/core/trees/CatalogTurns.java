package dev.treue.core.trees;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The turns of a model's catalogue columns, kept per combination of their values: columns that
 * describe the thing being ranked (an offer's kind, value, cost, days left) take the same few
 * combinations call after call, while a batch's rows differ on them, so deciding their splits row by
 * row was a large part of a ranking's tree work ({@link SplitsByColumn#addTurns}: 16% of the rewards
 * call's CPU samples). A combination's turns are a function of the values alone, so nothing goes
 * stale; the map is bounded (emptied when full) against callers whose values never repeat. Thread
 * safe; a racing miss computes the same turns twice.
 */
final class CatalogTurns {
  /** Combinations kept at most: a catalogue of a few thousand offers, a few days each. */
  static final int MAX = 8_192;

  private static final ThreadLocal<Key> PROBE = ThreadLocal.withInitial(Key::new);

  private final TreeEnsemble trees;
  private final int[] columns;
  private final boolean[] catalogColumn;
  private final ConcurrentHashMap<Key, int[]> known = new ConcurrentHashMap<>();

  /**
   * @param columns the booster columns of the catalogue features, each at most once
   * @param width how many columns vectors have
   */
  CatalogTurns(TreeEnsemble trees, int[] columns, int width) {
    this.trees = trees;
    this.columns = columns.clone();
    this.catalogColumn = new boolean[width];
    for (int c : columns) {
      catalogColumn[c] = true;
    }
  }

  /** Per column, whether it is a catalogue column. */
  boolean[] catalogColumns() {
    return catalogColumn;
  }

  /** Per row of {@code xs} (the first {@code n}), the turns its catalogue columns decide. */
  int[][] of(float[][] xs, int n) {
    int[][] out = new int[n][];
    Key probe = PROBE.get();
    for (int i = 0; i < n; i++) {
      probe.set(xs[i], columns);
      int[] turns = known.get(probe);
      if (turns == null) {
        turns = trees.turnsOn(xs[i], columns);
        if (known.size() >= MAX) {
          known.clear();
        }
        known.put(probe.copy(), turns);
      }
      out[i] = turns;
    }
    return out;
  }

  /** How many combinations are kept now. */
  int size() {
    return known.size();
  }

  /** The raw bits of a row's catalogue values: equal keys turn alike at every catalogue split. */
  private static final class Key {
    private int[] bits = new int[0];
    private int hash;

    void set(float[] x, int[] columns) {
      if (bits.length != columns.length) {
        bits = new int[columns.length];
      }
      int h = 1;
      for (int j = 0; j < columns.length; j++) {
        int b = Float.floatToRawIntBits(x[columns[j]]);
        bits[j] = b;
        h = 31 * h + b;
      }
      hash = h;
    }

    Key copy() {
      Key k = new Key();
      k.bits = bits.clone();
      k.hash = hash;
      return k;
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.hash == hash && Arrays.equals(k.bits, bits);
    }
  }
}
