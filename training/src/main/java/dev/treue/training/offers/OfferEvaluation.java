package dev.treue.training.offers;

import dev.treue.core.evaluation.LogLoss;
import dev.treue.core.evaluation.RankingMetrics;
import dev.treue.core.evaluation.RocAuc;
import dev.treue.training.report.OfferMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The out-of-time metrics of one ranking of the evaluation exposures: AUC of its scores, log loss
 * of its probabilities, and how it orders the offers each member was actually sent in the window
 * (hit@1, nDCG@3, MAP over the members who redeemed at least one; {@link RankingMetrics}).
 */
final class OfferEvaluation {
  /** The nDCG cut-off. */
  static final int K = 3;

  private OfferEvaluation() {}

  /**
   * @param eval the evaluation exposures
   * @param scores the ranking's score of each exposure (higher = more likely redeemed)
   * @param probabilities its probability of each, for log loss; null when it has none
   */
  static OfferMetrics metrics(Exposures eval, double[] scores, double[] probabilities) {
    // Most members are sent one or two offers in a window, and a one-offer query is always ranked
    // right: the members with a real choice show the differences between rankings more clearly.
    return new OfferMetrics(
        finite(RocAuc.of(scores, eval.redeemed())),
        probabilities == null ? null : finite(LogLoss.of(probabilities, eval.redeemed())),
        ranking(queries(eval, scores)),
        ranking(queries(eval, scores).stream().filter(q -> q.scores().length >= 2).toList()));
  }

  private static OfferMetrics.Ranking ranking(List<RankingMetrics.Query> queries) {
    RankingMetrics.Summary r = RankingMetrics.of(queries, K);
    return new OfferMetrics.Ranking(
        finite(r.hitAt1()), finite(r.ndcgAtK()), finite(r.map()), r.queries());
  }

  /** One query per member: the offers sent to them in the window, with the ranking's scores. */
  static List<RankingMetrics.Query> queries(Exposures eval, double[] scores) {
    Map<String, List<Integer>> byMember = new LinkedHashMap<>();
    for (int i = 0; i < eval.size(); i++) {
      byMember.computeIfAbsent(eval.customerIds()[i], c -> new ArrayList<>()).add(i);
    }
    List<RankingMetrics.Query> out = new ArrayList<>(byMember.size());
    for (List<Integer> rows : byMember.values()) {
      double[] s = new double[rows.size()];
      boolean[] y = new boolean[rows.size()];
      for (int k = 0; k < s.length; k++) {
        s[k] = scores[rows.get(k)];
        y[k] = eval.redeemed()[rows.get(k)];
      }
      out.add(new RankingMetrics.Query(s, y));
    }
    return out;
  }

  /** JSON has no NaN: a metric that cannot be computed is null. */
  static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
