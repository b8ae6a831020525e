package dev.treue.core.clv;

import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;

/**
 * A sum over many rows on all cores that gives the same digits on any machine: rows are summed in
 * fixed chunks, and the chunks' sums are added in chunk order, whatever thread computed them.
 */
final class ChunkedSum {
  private static final int CHUNK = 16_384;

  private ChunkedSum() {}

  /** The sum of {@code term(i)} for i in [0, n). */
  static double of(int n, IntToDoubleFunction term) {
    int chunks = (n + CHUNK - 1) / CHUNK;
    double[] partial = new double[chunks];
    IntStream stream = IntStream.range(0, chunks);
    (chunks > 1 ? stream.parallel() : stream)
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
}
