package dev.treue.core.trees;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Every split of an ensemble filed under its column, thresholds ascending, to decide all turns of
 * a vector column by column: a value goes right exactly at the splits whose threshold is at or below
 * it ({@code !(v < threshold)}), a prefix of the column's list, so only those splits are touched
 * (the idea of QuickScorer, Lucchese et al., SIGIR 2015). A missing value turns each split its
 * default way. Padding slots are not filed: they turn left, onto a copy of the same leaf.
 */
final class SplitsByColumn implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int[] start;
  private final float[] threshold;
  private final int[] treeSlot;
  private final int[] missingTurn;

  /**
   * @param nodes the ensemble's packed internal slots, {@code internal} per tree
   * @param real which slots are splits rather than padding
   * @param columns how many columns vectors have
   */
  SplitsByColumn(long[] nodes, boolean[] real, int internal, int columns) {
    Integer[] order =
        java.util.stream.IntStream.range(0, nodes.length)
            .filter(s -> real[s])
            .boxed()
            .toArray(Integer[]::new);
    Arrays.sort(
        order,
        Comparator.comparingInt((Integer s) -> column(nodes[s]))
            .thenComparing(s -> threshold(nodes[s]), Float::compare));
    start = new int[columns + 1];
    threshold = new float[order.length];
    treeSlot = new int[order.length];
    missingTurn = new int[order.length];
    for (int k = 0; k < order.length; k++) {
      long node = nodes[order[k]];
      start[column(node) + 1]++;
      threshold[k] = threshold(node);
      // Tree in the high bits, slot in the low 5 (at most 31 internal slots a tree).
      treeSlot[k] = order[k] / internal << 5 | order[k] % internal;
      missingTurn[k] = (int) node >>> 31;
    }
    for (int c = 0; c < columns; c++) {
      start[c + 1] += start[c];
    }
  }

  static int column(long node) {
    return (int) node & 0x7fffffff;
  }

  static float threshold(long node) {
    return Float.intBitsToFloat((int) (node >>> 32));
  }

  /** How many columns vectors have. */
  int columns() {
    return start.length - 1;
  }

  /** How many splits decide on column {@code c}. */
  int splitsOn(int c) {
    return start[c + 1] - start[c];
  }

  /** How many splits the ensemble has (padding not counted). */
  int splits() {
    return threshold.length;
  }

  /**
   * Sets in {@code turns} the bits of column {@code c}'s splits that send the value {@code v} right,
   * as {@link #turns} does for that column; other bits are left as they are.
   */
  void addTurns(int c, float v, int[] turns) {
    int k = start[c];
    int end = start[c + 1];
    if (v != v) {
      for (; k < end; k++) {
        turns[treeSlot[k] >>> 5] |= missingTurn[k] << (treeSlot[k] & 31);
      }
    } else {
      for (; k < end && threshold[k] <= v; k++) {
        turns[treeSlot[k] >>> 5] |= 1 << (treeSlot[k] & 31);
      }
    }
  }

  /**
   * Per tree, bit {@code s} set when slot {@code s} sends {@code x} right, into {@code turns}.
   *
   * @param ranks receives per column how many of its thresholds {@code x} reaches, -1 when missing:
   *     two vectors with equal ranks on a column turn alike at all its splits
   * @param turns receives the first {@code trees} values (its earlier contents do not matter)
   */
  int[] turns(float[] x, int trees, int[] ranks, int[] turns) {
    Arrays.fill(turns, 0, trees, 0);
    for (int c = 0; c < start.length - 1; c++) {
      float v = x[c];
      int k = start[c];
      int end = start[c + 1];
      if (v != v) {
        for (; k < end; k++) {
          turns[treeSlot[k] >>> 5] |= missingTurn[k] << (treeSlot[k] & 31);
        }
        ranks[c] = -1;
      } else {
        for (; k < end && threshold[k] <= v; k++) {
          turns[treeSlot[k] >>> 5] |= 1 << (treeSlot[k] & 31);
        }
        ranks[c] = k - start[c];
      }
    }
    return turns;
  }
}
