package dev.treue.core.trees;

import java.util.Arrays;

/**
 * Per-thread working arrays of the tree evaluator, grown on demand and reused by every call on the
 * thread: scoring runs for every request, and fresh arrays per vector were a large share of the
 * service's garbage (JFR allocation profile, issue 17). Contents are stale between calls; a user
 * fills what it reads. Calls on one thread never nest, so one set per thread suffices.
 */
final class Scratch {
  private static final ThreadLocal<Scratch> OF_THREAD = ThreadLocal.withInitial(Scratch::new);

  private int[] turns = new int[0];
  private int[] ranks = new int[0];
  private int[] at = new int[0];
  private float[] x = new float[0];
  private float[] sums = new float[0];
  private float[][] xs = new float[0][];

  private Scratch() {}

  /** The calling thread's arrays. */
  static Scratch get() {
    return OF_THREAD.get();
  }

  /** An int array of at least {@code n} values for the turns of every tree. */
  int[] turns(int n) {
    if (turns.length < n) {
      turns = new int[n];
    }
    return turns;
  }

  /** An int array of at least {@code n} values for the ranks of every column. */
  int[] ranks(int n) {
    if (ranks.length < n) {
      ranks = new int[n];
    }
    return ranks;
  }

  /** An int array of at least {@code n} values for the walk positions of a batch. */
  int[] at(int n) {
    if (at.length < n) {
      at = new int[n];
    }
    return at;
  }

  /** A float array of at least {@code n} values for one vector's columns. */
  float[] x(int n) {
    if (x.length < n) {
      x = new float[n];
    }
    return x;
  }

  /** A float array of at least {@code n} values for margins. */
  float[] sums(int n) {
    if (sums.length < n) {
      sums = new float[n];
    }
    return sums;
  }

  /** At least {@code n} rows of at least {@code width} floats, for a batch of vectors. */
  float[][] rows(int n, int width) {
    if (xs.length < n) {
      xs = Arrays.copyOf(xs, Math.max(n, 2 * xs.length));
    }
    for (int i = 0; i < n; i++) {
      if (xs[i] == null || xs[i].length < width) {
        xs[i] = new float[width];
      }
    }
    return xs;
  }
}
