package dev.treue.core.trees;

import java.util.Arrays;
import org.tribuo.ImmutableFeatureMap;

/**
 * The Tribuo feature ids of a dataset's examples, feature by feature, without a map lookup for
 * each: the examples of one dataset carry the same name strings in the same order, so the id found
 * for a position is kept while the next example has the same string there, and looked up again
 * when it has another. Turning rows into a booster's matrix or a solver's rows did a string hash
 * and a map lookup a feature and row before; at 1M members those lookups were most of the logistic
 * candidate's reading of its rows (479 of a backtest's 4,418 Java samples, 98 after). Not for use
 * by several threads at once.
 */
public final class FeatureIdsByPosition {
  private final ImmutableFeatureMap features;
  private String[] names = new String[0];
  private int[] ids = new int[0];

  /** Ids from {@code features}. */
  public FeatureIdsByPosition(ImmutableFeatureMap features) {
    this.features = features;
  }

  /**
   * The id of the feature named {@code name} at {@code position} of an example, or -1 when the map
   * does not know it.
   */
  public int id(int position, String name) {
    if (position >= names.length) {
      int size = Math.max(position + 1, 2 * names.length);
      names = Arrays.copyOf(names, size);
      ids = Arrays.copyOf(ids, size);
    }
    if (names[position] != name) {
      names[position] = name;
      ids[position] = features.getID(name);
    }
    return ids[position];
  }
}
