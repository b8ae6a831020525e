package dev.treue.core.trees;

/**
 * Adds up rows of leaf values, each row in tree order onto the base margin, the way XGBoost sums
 * one vector. Six rows at a time keep six independent float additions in flight; one row alone
 * would wait on each addition's latency.
 */
final class VariantSums {
  private static final int BLOCK = 6;

  private VariantSums() {}

  /** Rows to allocate so every block of the sum loop is whole. */
  static int paddedRows(int rows) {
    return (rows + BLOCK - 1) / BLOCK * BLOCK;
  }

  /**
   * @param leaves row {@code r} at {@code leaves[r * stride ...]}, {@code count} values
   * @param sums receives row {@code r}'s sum at {@code sums[r * margins + m]}
   */
  static void add(
      float[] leaves,
      int stride,
      int count,
      int rows,
      float baseMargin,
      float[] sums,
      int margins,
      int m) {
    for (int r = 0; r < rows; r += BLOCK) {
      float s0 = baseMargin;
      float s1 = baseMargin;
      float s2 = baseMargin;
      float s3 = baseMargin;
      float s4 = baseMargin;
      float s5 = baseMargin;
      int a = r * stride;
      for (int i = 0; i < count; i++) {
        s0 += leaves[a + i];
        s1 += leaves[a + stride + i];
        s2 += leaves[a + 2 * stride + i];
        s3 += leaves[a + 3 * stride + i];
        s4 += leaves[a + 4 * stride + i];
        s5 += leaves[a + 5 * stride + i];
      }
      float[] block = {s0, s1, s2, s3, s4, s5};
      for (int k = 0; k < BLOCK && r + k < rows; k++) {
        sums[(r + k) * margins + m] = block[k];
      }
    }
  }
}
