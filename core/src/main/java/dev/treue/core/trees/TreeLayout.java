package dev.treue.core.trees;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Writes one XGBoost JSON tree into {@link TreeEnsemble}'s padded arrays: slot {@code s} has
 * children {@code 2s + 1} and {@code 2s + 2}, and a leaf above the bottom level fills every slot
 * beneath it, so both ways from a padding split end on the same value.
 */
final class TreeLayout {
  private final int depth;
  private final int internal;
  private final long[] nodes;
  private final boolean[] real;
  private final int[] splitGroup;
  private final float[] leaves;
  private final int[] groupOfColumn;

  TreeLayout(
      int depth,
      long[] nodes,
      boolean[] real,
      int[] splitGroup,
      float[] leaves,
      int[] groupOfColumn) {
    this.depth = depth;
    this.internal = (1 << depth) - 1;
    this.nodes = nodes;
    this.real = real;
    this.splitGroup = splitGroup;
    this.leaves = leaves;
    this.groupOfColumn = groupOfColumn;
  }

  /** Places {@code tree} as tree number {@code t} of the ensemble. */
  void place(JsonNode tree, int t) throws XGBoostJsonTrees.UnsupportedTrees {
    place(tree, t, 0, 0, 0);
  }

  private void place(JsonNode tree, int t, int node, int slot, int level)
      throws XGBoostJsonTrees.UnsupportedTrees {
    int left = tree.path("left_children").get(node).asInt();
    float value = XGBoostJsonTrees.number(tree.path("split_conditions").get(node));
    if (level == depth) {
      // XGBoost keeps a leaf's value where a split keeps its threshold.
      leaves[t * (internal + 1) + slot - internal] = value;
      return;
    }
    int at = t * internal + slot;
    if (left < 0) {
      // Padding: column 0, any threshold; both children repeat this leaf.
      place(tree, t, node, 2 * slot + 1, level + 1);
      place(tree, t, node, 2 * slot + 2, level + 1);
      return;
    }
    int col = tree.path("split_indices").get(node).asInt();
    int missingRight = tree.path("default_left").get(node).asInt() == 0 ? 1 << 31 : 0;
    nodes[at] = (long) Float.floatToRawIntBits(value) << 32 | (col | missingRight) & 0xffffffffL;
    splitGroup[at] = groupOfColumn[col];
    real[at] = true;
    place(tree, t, left, 2 * slot + 1, level + 1);
    place(tree, t, tree.path("right_children").get(node).asInt(), 2 * slot + 2, level + 1);
  }
}
