package dev.treue.core.trees;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a variant can leave the vector's leaves: per margin and column group, the trees
 * that split on one of the group's columns (about four in ten), in order, with the turns the
 * variant keeps from the vector there. Only these trees are looked up again for the variant, and
 * they are read in sequence.
 */
final class VariantPatches implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Patches of margin {@code m}, group {@code g}: {@code start[m * groups + g]} up to the next entry. */
  final int[] start;

  /** The tree of each patch. */
  final int[] tree;

  /** The turn bits the variant keeps from the vector (splits on other groups' columns). */
  final int[] keep;

  /**
   * @param splitGroup per internal slot, the group of its column, or {@code groups} for none
   * @param firstTreeOf the trees of margin {@code m} are {@code firstTreeOf[m]} up to {@code firstTreeOf[m + 1]}
   */
  VariantPatches(int[] splitGroup, int groups, int[] firstTreeOf, int internal) {
    int margins = firstTreeOf.length - 1;
    start = new int[margins * groups + 1];
    List<int[]> patches = new ArrayList<>();
    for (int m = 0; m < margins; m++) {
      for (int g = 0; g < groups; g++) {
        for (int t = firstTreeOf[m]; t < firstTreeOf[m + 1]; t++) {
          int slots = 0;
          for (int s = 0; s < internal; s++) {
            slots |= splitGroup[t * internal + s] == g ? 1 << s : 0;
          }
          if (slots != 0) {
            patches.add(new int[] {t, ~slots});
          }
        }
        start[m * groups + g + 1] = patches.size();
      }
    }
    tree = patches.stream().mapToInt(p -> p[0]).toArray();
    keep = patches.stream().mapToInt(p -> p[1]).toArray();
  }

  /** Per patch, the reference's turns at the splits the variant takes from it. */
  int[] fromReference(int[] referenceTurns) {
    int[] parts = new int[tree.length];
    for (int k = 0; k < parts.length; k++) {
      parts[k] = referenceTurns[tree[k]] & ~keep[k];
    }
    return parts;
  }
}
