package dev.treue.core.evaluation;

import java.util.Arrays;
import java.util.List;

/**
 * How well a ranking of offers puts the ones a member redeemed first, over many members: hit@1,
 * nDCG@k and mean average precision, each averaged over the members who redeemed at least one of
 * the offers they were shown (the others have nothing to find).
 *
 * <p>Ties in score are broken pessimistically: among equal scores the redeemed offers rank last. A
 * ranking that cannot tell offers apart (a constant score, a popularity count that ties) gains
 * nothing from the order rows happen to come in.
 */
public final class RankingMetrics {
  private RankingMetrics() {}

  /**
   * One member's candidate offers.
   *
   * @param scores the ranking's score of each offer, higher first
   * @param redeemed whether the member redeemed each offer
   */
  public record Query(double[] scores, boolean[] redeemed) {
    public Query {
      if (scores.length != redeemed.length) {
        throw new IllegalArgumentException(
            scores.length + " scores for " + redeemed.length + " labels");
      }
    }
  }

  /**
   * The averages.
   *
   * @param hitAt1 share of members whose top offer was redeemed
   * @param ndcgAtK normalised discounted cumulative gain of the top {@code k}
   * @param map mean average precision
   * @param queries members counted (those with a redemption)
   * @param k the cut-off of nDCG
   */
  public record Summary(double hitAt1, double ndcgAtK, double map, int queries, int k) {}

  /** The three metrics over the members with at least one redemption; NaN when there are none. */
  public static Summary of(List<Query> queries, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, was " + k);
    }
    double hits = 0;
    double ndcg = 0;
    double ap = 0;
    int counted = 0;
    for (Query q : queries) {
      boolean[] ranked = rankedLabels(q);
      int relevant = 0;
      for (boolean r : ranked) {
        relevant += r ? 1 : 0;
      }
      if (relevant == 0) {
        continue;
      }
      counted++;
      hits += ranked[0] ? 1 : 0;
      ndcg += dcg(ranked, k) / idealDcg(relevant, k);
      ap += averagePrecision(ranked, relevant);
    }
    if (counted == 0) {
      return new Summary(Double.NaN, Double.NaN, Double.NaN, 0, k);
    }
    return new Summary(hits / counted, ndcg / counted, ap / counted, counted, k);
  }

  /** Labels in ranked order: by score descending, redeemed last among ties. */
  static boolean[] rankedLabels(Query q) {
    int n = q.scores().length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        (a, b) -> {
          int byScore = Double.compare(q.scores()[b], q.scores()[a]);
          return byScore != 0 ? byScore : Boolean.compare(q.redeemed()[a], q.redeemed()[b]);
        });
    boolean[] ranked = new boolean[n];
    for (int i = 0; i < n; i++) {
      ranked[i] = q.redeemed()[order[i]];
    }
    return ranked;
  }

  private static double dcg(boolean[] ranked, int k) {
    double sum = 0;
    for (int i = 0; i < Math.min(k, ranked.length); i++) {
      if (ranked[i]) {
        sum += 1 / log2(i + 2);
      }
    }
    return sum;
  }

  private static double idealDcg(int relevant, int k) {
    double sum = 0;
    for (int i = 0; i < Math.min(k, relevant); i++) {
      sum += 1 / log2(i + 2);
    }
    return sum;
  }

  private static double averagePrecision(boolean[] ranked, int relevant) {
    double sum = 0;
    int found = 0;
    for (int i = 0; i < ranked.length; i++) {
      if (ranked[i]) {
        found++;
        sum += (double) found / (i + 1);
      }
    }
    return sum / relevant;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
