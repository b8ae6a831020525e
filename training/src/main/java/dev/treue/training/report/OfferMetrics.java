package dev.treue.training.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The out-of-time metrics of one offer ranking (the model or a baseline) on the evaluation
 * exposures. A metric that cannot be computed is null (JSON has no NaN).
 *
 * @param auc AUC of its scores over all evaluation exposures
 * @param logLoss log loss of its probabilities; null when it has none
 * @param ranking how it orders the offers each member was sent, over the members who redeemed one
 * @param membersWithAChoice the same over the members sent two or more offers
 */
public record OfferMetrics(
    Double auc, Double logLoss, Ranking ranking, Ranking membersWithAChoice) {

  /**
   * How a ranking orders the offers each member was sent in the window.
   *
   * @param hitAt1 share of members whose top-ranked offer was redeemed
   * @param ndcgAt3 normalised discounted cumulative gain at 3
   * @param map mean average precision
   * @param queries members ranked (those who redeemed at least one offer)
   */
  public record Ranking(Double hitAt1, Double ndcgAt3, Double map, int queries) {

    /** The {@code metrics.json} entries, in their order. */
    public Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("hit_at_1", hitAt1);
      m.put("ndcg_at_3", ndcgAt3);
      m.put("map", map);
      m.put("queries", queries);
      return m;
    }
  }

  /** The {@code metrics.json} object of this ranking, in its order. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("auc", auc);
    m.put("log_loss", logLoss);
    m.putAll(ranking.toJson());
    m.put("members_with_a_choice", membersWithAChoice.toJson());
    return m;
  }
}
