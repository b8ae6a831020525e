package dev.treue.core.concurrent;

import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;

/**
 * A sum over many rows on all cores that gives the same digits on any machine: rows are summed in
 * fixed chunks, and the chunks' sums are added in chunk order, whatever thread computed them. The
 * lifetime models' likelihoods and the logistic regression's Newton passes sum this way.
 */
public final class ChunkedSum {
  private static final int CHUNK = 16_384;

  private ChunkedSum() {}

  /** The sum of {@code term(i)} for i in [0, n). */
  public static double of(int n, IntToDoubleFunction term) {
    double[] partial = new double[chunks(n)];
    stream(partial.length)
        .forEach(
            c -> {
              double sum = 0;
              int end = Math.min(n, (c + 1) * CHUNK);
              for (int i = c * CHUNK; i < end; i++) {
                sum += term.applyAsDouble(i);
              }
              partial[c] = sum;
            });
    double total = 0;
    for (double p : partial) {
      total += p;
    }
    return total;
  }

  /** Sums of several values over the rows {@code [from, to)}. */
  @FunctionalInterface
  public interface RangeSums {
    /** A new array of {@code width} sums over the rows from {@code from} to {@code to}. */
    double[] over(int from, int to);
  }

  /**
   * Element by element, the sum over rows [0, n) of {@code width} values, each chunk's sums given
   * by {@code sums} and the chunks added in order.
   */
  public static double[] ofVectors(int n, int width, RangeSums sums) {
    double[][] partial = new double[chunks(n)][];
    stream(partial.length)
        .forEach(c -> partial[c] = sums.over(c * CHUNK, Math.min(n, (c + 1) * CHUNK)));
    double[] total = new double[width];
    for (double[] p : partial) {
      for (int k = 0; k < width; k++) {
        total[k] += p[k];
      }
    }
    return total;
  }

  private static int chunks(int n) {
    return (n + CHUNK - 1) / CHUNK;
  }

  private static IntStream stream(int chunks) {
    IntStream stream = IntStream.range(0, chunks);
    return chunks > 1 ? stream.parallel() : stream;
  }
}
