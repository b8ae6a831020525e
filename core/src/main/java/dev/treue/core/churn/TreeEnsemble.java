package dev.treue.core.churn;

import java.io.Serializable;

/**
 * Gradient-boosted trees in flat arrays, evaluated the way XGBoost's CPU predictor does: every
 * tree padded to one depth (a leaf above the bottom is copied into all the slots below it), so a
 * walk is a fixed number of steps with no object per node and no branch on the split outcome.
 * Arithmetic is float32 like XGBoost's: {@code value < threshold} goes left, a missing value (NaN)
 * follows the node's default direction, each margin adds its trees' leaves in tree order onto the
 * base margin. Trees are stored grouped by the margin they add to, in their original order within
 * it, which keeps every sum's order. Immutable, so threads share one instance.
 */
final class TreeEnsemble implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int COLUMN = 0x7fffffff;

  /** Deepest trees whose turns index a table (2^15 entries at depth 4). */
  static final int TABLE_DEPTH = 4;

  private final TreeObjective objective;
  private final int outputs;
  private final float baseMargin;
  private final int depth;
  private final int internal;
  private final int[] firstTreeOf;
  private final long[] nodes;
  private final int variants;
  private final int[] groupSlots;
  private final byte[] leafOfTurns;
  private final float[] leafValue;

  /**
   * @param firstTreeOf the trees of margin {@code m} are {@code firstTreeOf[m]} up to {@code firstTreeOf[m + 1]}
   * @param nodes per tree {@code 2^depth - 1} internal slots, breadth first: threshold bits in the
   *     high half, the column in the low 31 bits, bit 31 set when a missing value goes right
   * @param variants how many column groups there are
   * @param splitVariant per internal slot, the group of its column, or {@code variants} for a column
   *     in no group and for padding
   * @param leafValue per tree, {@code 2^depth} leaves left to right
   */
  TreeEnsemble(TreeObjective objective, int outputs, float baseMargin, int depth, int[] firstTreeOf, long[] nodes,
      int variants, int[] splitVariant, float[] leafValue) {
    this.objective = objective;
    this.outputs = outputs;
    this.baseMargin = baseMargin;
    this.depth = depth;
    this.internal = (1 << depth) - 1;
    this.firstTreeOf = firstTreeOf;
    this.nodes = nodes;
    this.variants = variants;
    this.groupSlots = groupSlots(splitVariant, variants, firstTreeOf[firstTreeOf.length - 1], internal);
    this.leafOfTurns = depth <= TABLE_DEPTH ? leafOfTurns(depth) : null;
    this.leafValue = leafValue;
  }

  /** Margins XGBoost keeps per vector: one for logistic, one per label for softprob. */
  int margins() {
    return firstTreeOf.length - 1;
  }

  /** The probability of label {@code output} from the margins at {@code sums[from...]}. */
  double probability(float[] sums, int from, int output) {
    return objective.probability(sums, from, outputs, output);
  }

  /** Margin {@code m} of the vector at {@code x[off...]}: the base, then each tree's leaf in order. */
  float margin(int m, float[] x, int off) {
    float sum = baseMargin;
    for (int t = firstTreeOf[m], end = firstTreeOf[m + 1]; t < end; t++) {
      sum += leafValue[(t << depth) + walk(t, x, off, 0, 0)];
    }
    return sum;
  }

  /** Whether {@link #marginsWithVariants} can run: trees at most {@link #TABLE_DEPTH} deep. */
  boolean evaluatesVariants() {
    return leafOfTurns != null;
  }

  /**
   * Which way every split of every tree sends the vector at {@code x}: per tree, bit {@code s} set
   * when internal slot {@code s} goes right. Splits off the vector's path are decided too, since
   * its variants may take them.
   */
  int[] turns(float[] x) {
    int trees = firstTreeOf[margins()];
    int[] turns = new int[trees];
    for (int t = 0; t < trees; t++) {
      int base = t * internal;
      int bits = 0;
      for (int s = 0; s < internal; s++) {
        long node = nodes[base + s];
        bits |= goesRight(node, x[(int) node & COLUMN]) << s;
      }
      turns[t] = bits;
    }
    return turns;
  }

  /**
   * Margins of a vector and of one variant per column group, the variant taking that group's
   * columns from a reference: {@code sums} gets {@link #margins()} values for the vector, then for
   * variant 0, 1, ... Needs {@link #evaluatesVariants()}.
   *
   * <p>A split decides on one column, so the variant of group {@code g} turns like the reference at
   * splits on group {@code g}'s columns and like the vector elsewhere: its turns are the vector's
   * with those bits taken from the reference's, and a table maps turns to the leaf. No walk, no
   * branch on the data; sums are exactly those {@link #margin} gives the variant vectors.
   *
   * @param turns {@link #turns} of the vector
   * @param referenceTurns {@link #turns} of the reference
   */
  void marginsWithVariants(int[] turns, int[] referenceTurns, float[] sums) {
    int rows = 1 + variants;
    int stride = VariantSums.paddedRows(rows);
    int maxTrees = 0;
    for (int m = 0; m < margins(); m++) {
      maxTrees = Math.max(maxTrees, firstTreeOf[m + 1] - firstTreeOf[m]);
    }
    // Leaf values tree by tree, one per row (vector, then variants), rows padded to the sum's blocks.
    float[] leaves = new float[stride * maxTrees];
    for (int m = 0; m < margins(); m++) {
      int first = firstTreeOf[m];
      int count = firstTreeOf[m + 1] - first;
      for (int i = 0; i < count; i++) {
        int t = first + i;
        int own = turns[t];
        int ref = referenceTurns[t];
        int leaf = t << depth;
        int at = i * stride;
        int slotsAt = t * variants;
        leaves[at] = leafValue[leaf + leafOfTurns[own]];
        for (int g = 0; g < variants; g++) {
          int slots = groupSlots[slotsAt + g];
          leaves[at + 1 + g] = leafValue[leaf + leafOfTurns[own & ~slots | ref & slots]];
        }
      }
      VariantSums.add(leaves, stride, count, rows, baseMargin, sums, margins(), m);
    }
  }

  /** Tree-local leaf index of the vector at {@code x[off...]}, walking from node {@code n} at {@code level}. */
  @SuppressWarnings("fallthrough")
  private int walk(int t, float[] x, int off, int n, int level) {
    int base = t * internal;
    // Straight-line steps: a loop's exit branch would mispredict once a walk.
    switch (depth - level) {
      case 8: n = step(base, n, x, off);
      case 7: n = step(base, n, x, off);
      case 6: n = step(base, n, x, off);
      case 5: n = step(base, n, x, off);
      case 4: n = step(base, n, x, off);
      case 3: n = step(base, n, x, off);
      case 2: n = step(base, n, x, off);
      case 1: n = step(base, n, x, off);
      default: break;
    }
    return n - internal;
  }

  private int step(int base, int n, float[] x, int off) {
    long node = nodes[base + n];
    return 2 * n + 1 + goesRight(node, x[off + ((int) node & COLUMN)]);
  }

  /** Per tree and group, the internal slots that split on the group's columns. */
  private static int[] groupSlots(int[] splitVariant, int variants, int trees, int internal) {
    int[] slots = new int[variants * trees];
    for (int t = 0; t < trees; t++) {
      for (int s = 0; s < internal; s++) {
        int g = splitVariant[t * internal + s];
        if (g < variants) {
          slots[t * variants + g] |= 1 << s;
        }
      }
    }
    return slots;
  }

  /** For every combination of turns, the leaf a walk from the root reaches. */
  private static byte[] leafOfTurns(int depth) {
    int internal = (1 << depth) - 1;
    byte[] table = new byte[1 << internal];
    for (int bits = 0; bits < table.length; bits++) {
      int n = 0;
      for (int d = 0; d < depth; d++) {
        n = 2 * n + 1 + (bits >>> n & 1);
      }
      table[bits] = (byte) (n - internal);
    }
    return table;
  }

  /**
   * 1 when {@code v} goes right. The sign bit of {@code v - threshold} is exactly
   * {@code v < threshold} for every non-NaN float once -0 is folded into +0 (a float difference is
   * zero only for equal floats, and keeps its sign when it overflows), with no branch to mispredict.
   */
  private static int goesRight(long node, float v) {
    int right = (Float.floatToRawIntBits(v - Float.intBitsToFloat((int) (node >>> 32))) >>> 31) ^ 1;
    return v != v ? (int) node >>> 31 : right;
  }
}
