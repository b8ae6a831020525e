package dev.treue.core.trees;

import java.io.Serializable;

/**
 * Gradient-boosted trees in flat arrays, evaluated the way XGBoost's CPU predictor does: every
 * tree padded to one depth (a leaf above the bottom is copied into all the slots below it). Trees
 * up to {@link #TABLE_DEPTH} deep are not walked: all splits' turns are decided column by column
 * ({@link SplitsByColumn}) and a table maps a tree's turns to its leaf; deeper trees are walked.
 * Arithmetic is float32 like XGBoost's: {@code value < threshold} goes left, a missing value (NaN)
 * follows the node's default direction, each margin adds its trees' leaves in tree order onto the
 * base margin. Trees are stored grouped by the margin they add to, in their original order within
 * it, which keeps every sum's order. Immutable, so threads share one instance.
 */
final class TreeEnsemble implements Serializable {
  private static final ThreadLocal<float[]> LEAVES = ThreadLocal.withInitial(() -> new float[0]);
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
  private final VariantPatches patches;
  private final SplitsByColumn splits;
  private final byte[] leafOfTurns;
  private final float[] leafValue;

  /**
   * @param firstTreeOf the trees of margin {@code m} are {@code firstTreeOf[m]} up to {@code firstTreeOf[m + 1]}
   * @param nodes per tree {@code 2^depth - 1} internal slots, breadth first: threshold bits in the
   *     high half, the column in the low 31 bits, bit 31 set when a missing value goes right
   * @param real which internal slots are splits rather than padding
   * @param columns how many columns vectors have
   * @param variants how many column groups there are
   * @param splitVariant per internal slot, the group of its column, or {@code variants} for a column
   *     in no group and for padding
   * @param leafValue per tree, {@code 2^depth} leaves left to right
   */
  TreeEnsemble(
      TreeObjective objective,
      int outputs,
      float baseMargin,
      int depth,
      int[] firstTreeOf,
      long[] nodes,
      boolean[] real,
      int columns,
      int variants,
      int[] splitVariant,
      float[] leafValue) {
    this.objective = objective;
    this.outputs = outputs;
    this.baseMargin = baseMargin;
    this.depth = depth;
    this.internal = (1 << depth) - 1;
    this.firstTreeOf = firstTreeOf;
    this.nodes = nodes;
    this.variants = variants;
    this.patches = new VariantPatches(splitVariant, variants, firstTreeOf, internal);
    this.leafOfTurns = depth <= TABLE_DEPTH ? leafOfTurns(depth) : null;
    this.splits = new SplitsByColumn(nodes, real, internal, columns);
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

  /** Every margin of the vector {@code x} into {@code sums}: the base, then each tree's leaf in order. */
  void margins(float[] x, float[] sums) {
    if (leafOfTurns != null) {
      Scratch scratch = Scratch.get();
      marginsOfTurns(
          turns(x, scratch.ranks(x.length), scratch.turns(firstTreeOf[margins()])), sums, 0);
      return;
    }
    for (int m = 0; m < margins(); m++) {
      float sum = baseMargin;
      for (int t = firstTreeOf[m], end = firstTreeOf[m + 1]; t < end; t++) {
        sum += leafValue[(t << depth) + walk(t, x)];
      }
      sums[m] = sum;
    }
  }

  /**
   * Every margin of the vector whose {@link #turns} are {@code turns}, into {@code sums} from {@code
   * from}: the base, then each tree's leaf in tree order, which is what {@link #margins} gives that
   * vector, to the bit. Needs {@link #evaluatesVariants()}.
   */
  void marginsOfTurns(int[] turns, float[] sums, int from) {
    for (int m = 0; m < margins(); m++) {
      float sum = baseMargin;
      for (int t = firstTreeOf[m], end = firstTreeOf[m + 1]; t < end; t++) {
        sum += leafValue[(t << depth) + leafOfTurns[turns[t]]];
      }
      sums[from + m] = sum;
    }
  }

  /**
   * Every margin of many vectors at once: {@code sums[i * margins() + m]} for vector {@code xs[i]},
   * {@code i < n}.
   * Tree by tree over the whole batch, so a tree's nodes stay in cache while independent walks of
   * different vectors overlap; each vector's sum still adds its leaves in tree order, so the result
   * equals {@link #margins} bit for bit.
   */
  void marginsOfBatch(float[][] xs, int n, float[] sums) {
    int margins = margins();
    int[] at = Scratch.get().at(n);
    for (int m = 0; m < margins; m++) {
      for (int i = 0; i < n; i++) {
        sums[i * margins + m] = baseMargin;
      }
      for (int t = firstTreeOf[m], end = firstTreeOf[m + 1]; t < end; t++) {
        // Level by level over the batch: the vectors' walks are independent, so the CPU overlaps
        // them instead of waiting on one chain of node loads at a time.
        int base = t * internal;
        java.util.Arrays.fill(at, 0, n, 0);
        for (int d = 0; d < depth; d++) {
          for (int i = 0; i < n; i++) {
            long node = nodes[base + at[i]];
            at[i] = 2 * at[i] + 1 + goesRight(node, xs[i][(int) node & COLUMN]);
          }
        }
        int leaves = (t << depth) - internal;
        for (int i = 0; i < n; i++) {
          sums[i * margins + m] += leafValue[leaves + at[i]];
        }
      }
    }
  }

  /**
   * {@link #marginsOfBatch} for a batch whose rows agree on many columns, as a ranking's offer
   * vectors share the member's part: the splits on columns equal in every row are decided once for
   * the batch, those on the other columns row by row ({@link SplitsByColumn#addTurns}), and a table
   * maps each tree's turns to its leaf, so no row walks a tree. Needs {@link #evaluatesVariants()}.
   * Leaves are added in tree order as in {@link #margins}, so the sums equal it bit for bit. A batch
   * whose equal columns hold less than a quarter of the splits (unrelated members, as training
   * evaluates) is walked by {@link #marginsOfBatch} as before.
   */
  void marginsOfBatchSharingColumns(float[][] xs, int n, float[] sums) {
    marginsOfBatchSharingColumns(xs, n, sums, null, null);
  }

  /**
   * {@link #marginsOfBatchSharingColumns(float[][], int, float[])} with the turns of some columns
   * already known per row ({@link #turnsOn}): row {@code i}'s splits on the columns marked in
   * {@code preset} turn as {@code presetTurns[i]} says, and only the other columns are decided here.
   * The sums are the same to the bit, since the same bits are set.
   *
   * @param preset per column, whether its turns come from {@code presetTurns}; null for none
   * @param presetTurns per row, {@link #turnsOn} of that row for the preset columns
   */
  void marginsOfBatchSharingColumns(
      float[][] xs, int n, float[] sums, boolean[] preset, int[][] presetTurns) {
    int margins = margins();
    int trees = trees();
    int columns = splits.columns();
    Scratch scratch = Scratch.get();
    int[] shared = scratch.at(trees);
    int[] turns = scratch.turns(trees);
    int[] varying = scratch.ranks(columns);
    int varyingCount = 0;
    int sharedSplits = 0;
    float[] first = xs[0];
    for (int c = 0; c < columns; c++) {
      if (splits.splitsOn(c) == 0) {
        continue;
      }
      if (preset != null && preset[c]) {
        // Decided already, row by row: as good as shared for the choice below.
        sharedSplits += splits.splitsOn(c);
        continue;
      }
      int bits = Float.floatToRawIntBits(first[c]);
      boolean same = true;
      for (int i = 1; i < n && same; i++) {
        same = Float.floatToRawIntBits(xs[i][c]) == bits;
      }
      if (same) {
        sharedSplits += splits.splitsOn(c);
      } else {
        varying[varyingCount++] = c;
      }
    }
    if (4 * sharedSplits < splits.splits()) {
      marginsOfBatch(xs, n, sums);
      return;
    }
    java.util.Arrays.fill(shared, 0, trees, 0);
    for (int c = 0, j = 0; c < columns; c++) {
      if (j < varyingCount && varying[j] == c) {
        j++;
      } else if (splits.splitsOn(c) > 0 && (preset == null || !preset[c])) {
        splits.addTurns(c, first[c], shared);
      }
    }
    for (int i = 0; i < n; i++) {
      float[] x = xs[i];
      if (presetTurns == null) {
        System.arraycopy(shared, 0, turns, 0, trees);
      } else {
        int[] known = presetTurns[i];
        for (int t = 0; t < trees; t++) {
          turns[t] = shared[t] | known[t];
        }
      }
      for (int j = 0; j < varyingCount; j++) {
        int c = varying[j];
        splits.addTurns(c, x[c], turns);
      }
      marginsOfTurns(turns, sums, i * margins);
    }
  }

  /**
   * Per tree, the bits of the splits on {@code columns} that send {@code x} right, every other bit
   * clear: the part of {@link #turns} those columns decide.
   */
  int[] turnsOn(float[] x, int[] columns) {
    int[] turns = new int[trees()];
    for (int c : columns) {
      if (splits.splitsOn(c) > 0) {
        splits.addTurns(c, x[c], turns);
      }
    }
    return turns;
  }

  /** Whether {@link #marginsWithVariants} can run: trees at most {@link #TABLE_DEPTH} deep. */
  boolean evaluatesVariants() {
    return leafOfTurns != null;
  }

  /**
   * Which way every split of every tree sends the vector at {@code x}: per tree, bit {@code s} set
   * when internal slot {@code s} goes right. Splits off the vector's path are decided too, since
   * its variants may take them.
   *
   * @param ranks receives per column how far up its thresholds {@code x} reaches (see
   *     {@link SplitsByColumn#turns}); equal ranks on a column mean equal turns at its splits
   */
  int[] turns(float[] x, int[] ranks) {
    return turns(x, ranks, new int[firstTreeOf[margins()]]);
  }

  /** {@link #turns(float[], int[])} into {@code turns}, at least one value per tree. */
  int[] turns(float[] x, int[] ranks, int[] turns) {
    return splits.turns(x, firstTreeOf[margins()], ranks, turns);
  }

  /** How many trees the ensemble holds: the length {@link #turns} fills. */
  int trees() {
    return firstTreeOf[margins()];
  }

  /**
   * The reference's turns at every split a variant takes from it, in the order of
   * {@link #marginsWithVariants}'s patches: per margin, per group, per tree splitting on the group.
   */
  int[] referencePatches(float[] reference) {
    return patches.fromReference(turns(reference, new int[reference.length]));
  }

  /**
   * Margins of a vector and of one variant per column group, the variant taking that group's
   * columns from a reference: {@code sums} gets {@link #margins()} values for the vector, then for
   * variant 0, 1, ... Needs {@link #evaluatesVariants()}.
   *
   * <p>A split decides on one column, so the variant of group {@code g} turns like the reference at
   * splits on group {@code g}'s columns and like the vector elsewhere: its turns are the vector's
   * with those bits taken from the reference's, and a table maps turns to the leaf. No walk, no
   * branch on the data; sums are exactly those {@link #margins} gives the variant vectors.
   *
   * @param turns {@link #turns} of the vector
   * @param referencePatches {@link #referencePatches} of the reference
   * @param unchanged bit {@code g} set when the vector already turns like the reference at every
   *     split on group {@code g}'s columns: that variant is the vector, nothing to patch
   */
  void marginsWithVariants(int[] turns, int[] referencePatches, int unchanged, float[] sums) {
    int rows = 1 + variants;
    int maxTrees = 0;
    for (int m = 0; m < margins(); m++) {
      maxTrees = Math.max(maxTrees, firstTreeOf[m + 1] - firstTreeOf[m]);
    }
    // Leaf values row by row (vector, then variants), rows padded to whole blocks of the sum loop.
    // A per-thread buffer: this runs for every scored member, and a fresh 20 KB array each time
    // was most of the service's garbage. Padding rows hold stale values; their sums are discarded.
    int size = VariantSums.paddedRows(rows) * maxTrees;
    float[] leaves = LEAVES.get();
    if (leaves.length < size) {
      leaves = new float[size];
      LEAVES.set(leaves);
    }
    for (int m = 0; m < margins(); m++) {
      int first = firstTreeOf[m];
      int count = firstTreeOf[m + 1] - first;
      for (int i = 0; i < count; i++) {
        int t = first + i;
        leaves[i] = leafValue[(t << depth) + leafOfTurns[turns[t]]];
      }
      // A variant differs from the vector only in trees that split on its group's columns.
      int[] patchStart = patches.start;
      int[] patchTree = patches.tree;
      int[] patchKeep = patches.keep;
      for (int g = 0; g < variants; g++) {
        int row = (1 + g) * maxTrees - first;
        System.arraycopy(leaves, 0, leaves, row + first, count);
        int end = (unchanged >>> g & 1) != 0 ? 0 : patchStart[m * variants + g + 1];
        for (int k = patchStart[m * variants + g]; k < end; k++) {
          int t = patchTree[k];
          int mixed = turns[t] & patchKeep[k] | referencePatches[k];
          leaves[row + t] = leafValue[(t << depth) + leafOfTurns[mixed]];
        }
      }
      VariantSums.add(leaves, maxTrees, count, rows, baseMargin, sums, margins(), m);
    }
  }

  /** Tree-local leaf index of {@code x}, walked from the root (trees too deep for the turn table). */
  private int walk(int t, float[] x) {
    int base = t * internal;
    int n = 0;
    for (int d = 0; d < depth; d++) {
      long node = nodes[base + n];
      n = 2 * n + 1 + goesRight(node, x[(int) node & COLUMN]);
    }
    return n - internal;
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
