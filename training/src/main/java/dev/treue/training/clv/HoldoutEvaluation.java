package dev.treue.training.clv;

import dev.treue.core.clv.BgNbd;
import dev.treue.core.clv.PurchaseSummary;
import dev.treue.core.evaluation.RocAuc;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The BG/NBD judged out of time on its own calibration members: repeat purchases in the holdout
 * against the conditional expectation over the holdout's length (in total, per member and by
 * calibration frequency as in Fader, Hardie and Lee 2005, figure 4), and P(at least one purchase in
 * the holdout) as a ranking (AUC). Beside it the baselines a marketer would use without the model:
 * the member's own calibration rate x / T carried forward (naive_rate), and ranking by recency or
 * by frequency alone. The AUCs are also given over the repeat buyers alone (x >= 1): the BG/NBD
 * holds that a member without a repeat purchase cannot have dropped out, which ranks one-time buyers
 * above the repeat buyers it thinks are gone, and that placement rather than the ranking
 * among repeat buyers is where it can lose to recency.
 *
 * @param members calibration members
 * @param holdoutLength the holdout's length in the model's unit
 * @param expected sum of the members' conditional expectations
 * @param actual repeat purchase days in the holdout
 * @param mae mean absolute error per member
 * @param naiveExpected sum of the naive predictions
 * @param naiveMae the naive predictions' mean absolute error
 * @param buyers members with at least one holdout purchase
 * @param auc AUC of P(at least one purchase in the holdout); NaN when everyone or no one bought
 * @param recencyAuc AUC of ranking by time since the last purchase, most recent first
 * @param frequencyAuc AUC of ranking by calibration repeat purchases
 * @param repeatBuyerAucs the three AUCs (model, recency, frequency) over members with x >= 1
 * @param byFrequency members grouped by calibration frequency 0 .. 6, 7+
 */
public record HoldoutEvaluation(
    int members,
    double holdoutLength,
    double expected,
    long actual,
    double mae,
    double naiveExpected,
    double naiveMae,
    int buyers,
    double auc,
    double recencyAuc,
    double frequencyAuc,
    Aucs repeatBuyerAucs,
    List<FrequencyGroup> byFrequency) {
  /** Groups 0 .. LAST_GROUP - 1 are one frequency each; LAST_GROUP collects the rest. */
  static final int LAST_GROUP = 7;

  public HoldoutEvaluation {
    byFrequency = List.copyOf(byFrequency);
  }

  /**
   * AUCs of P(a purchase in the holdout) and of the two ranking baselines over some of the members.
   *
   * @param members members counted
   * @param model the BG/NBD's
   * @param recency most recent first
   * @param frequency most repeat purchases first
   */
  public record Aucs(int members, double model, double recency, double frequency) {}

  /**
   * One row of the by-frequency table: means per member of the group.
   *
   * @param frequency {@code "0"} .. {@code "6"}, {@code "7+"}
   * @param members members in the group
   * @param actualMean mean holdout repeat purchases
   * @param predictedMean mean BG/NBD conditional expectation
   * @param naiveMean mean naive prediction
   */
  public record FrequencyGroup(
      String frequency, int members, double actualMean, double predictedMean, double naiveMean) {}

  /** Evaluates {@code model} on the members over a holdout of {@code holdoutLength} units. */
  public static HoldoutEvaluation of(
      BgNbd model, HoldoutPurchases.Members members, double holdoutLength) {
    List<PurchaseSummary> summaries = members.summaries();
    int[] actual = members.holdoutPurchases();
    int n = summaries.size();
    if (n == 0) {
      throw new IllegalArgumentException(
          "a holdout evaluation needs calibration members; got none");
    }
    double[] pBuy = new double[n];
    double[] recency = new double[n];
    double[] frequency = new double[n];
    boolean[] bought = new boolean[n];
    double[][] groups = new double[LAST_GROUP + 1][4];
    double expected = 0;
    double naiveExpected = 0;
    double absError = 0;
    double naiveAbsError = 0;
    long actualTotal = 0;
    int buyers = 0;
    for (int i = 0; i < n; i++) {
      PurchaseSummary s = summaries.get(i);
      double predicted = model.expectedPurchases(s, holdoutLength);
      double naive = s.age() > 0 ? s.frequency() / s.age() * holdoutLength : 0;
      expected += predicted;
      naiveExpected += naive;
      absError += Math.abs(actual[i] - predicted);
      naiveAbsError += Math.abs(actual[i] - naive);
      actualTotal += actual[i];
      bought[i] = actual[i] > 0;
      buyers += bought[i] ? 1 : 0;
      pBuy[i] = 1 - model.probabilityNoPurchase(s, holdoutLength);
      // Most recent first: a shorter silence scores higher.
      recency[i] = -(s.age() - s.recency());
      frequency[i] = s.frequency();
      double[] g = groups[Math.min(s.frequency(), LAST_GROUP)];
      g[0]++;
      g[1] += actual[i];
      g[2] += predicted;
      g[3] += naive;
    }
    List<FrequencyGroup> byFrequency = new ArrayList<>();
    for (int x = 0; x <= LAST_GROUP; x++) {
      double[] g = groups[x];
      double count = g[0];
      byFrequency.add(
          new FrequencyGroup(
              x == LAST_GROUP ? LAST_GROUP + "+" : String.valueOf(x),
              (int) count,
              count > 0 ? g[1] / count : Double.NaN,
              count > 0 ? g[2] / count : Double.NaN,
              count > 0 ? g[3] / count : Double.NaN));
    }
    return new HoldoutEvaluation(
        n,
        holdoutLength,
        expected,
        actualTotal,
        absError / n,
        naiveExpected,
        naiveAbsError / n,
        buyers,
        RocAuc.of(pBuy, bought),
        RocAuc.of(recency, bought),
        RocAuc.of(frequency, bought),
        repeatBuyers(frequency, pBuy, recency, bought),
        byFrequency);
  }

  private static Aucs repeatBuyers(
      double[] frequency, double[] pBuy, double[] recency, boolean[] bought) {
    int[] rows = IntStream.range(0, frequency.length).filter(i -> frequency[i] >= 1).toArray();
    boolean[] label = new boolean[rows.length];
    for (int k = 0; k < rows.length; k++) {
      label[k] = bought[rows[k]];
    }
    return new Aucs(
        rows.length,
        RocAuc.of(pick(pBuy, rows), label),
        RocAuc.of(pick(recency, rows), label),
        RocAuc.of(pick(frequency, rows), label));
  }

  private static double[] pick(double[] values, int[] rows) {
    return IntStream.of(rows).mapToDouble(i -> values[i]).toArray();
  }

  /**
   * The evaluation's part of {@code metrics.json}: {@code auc}, {@code holdout_expected},
   * {@code holdout_actual}, {@code mae}, {@code members}, {@code holdout_buyers},
   * {@code holdout_length}, {@code baselines: {recency: {auc, auc_repeat_buyers}, frequency:
   * {auc, auc_repeat_buyers}, naive_rate: {mae, holdout_expected}}} and {@code by_frequency}. NaN becomes null: JSON has none, and the gate
   * reads a missing AUC as no AUC.
   */
  public Map<String, Object> metrics() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("auc", finite(auc));
    out.put("auc_repeat_buyers", finite(repeatBuyerAucs.model()));
    out.put("repeat_buyers", repeatBuyerAucs.members());
    out.put("holdout_expected", expected);
    out.put("holdout_actual", actual);
    out.put("mae", mae);
    out.put("members", members);
    out.put("holdout_buyers", buyers);
    out.put("holdout_length", holdoutLength);
    Map<String, Object> baselines = new LinkedHashMap<>();
    baselines.put("recency", aucs(recencyAuc, repeatBuyerAucs.recency()));
    baselines.put("frequency", aucs(frequencyAuc, repeatBuyerAucs.frequency()));
    Map<String, Object> naive = new LinkedHashMap<>();
    naive.put("mae", naiveMae);
    naive.put("holdout_expected", naiveExpected);
    baselines.put("naive_rate", naive);
    out.put("baselines", baselines);
    List<Map<String, Object>> groups = new ArrayList<>();
    for (FrequencyGroup g : byFrequency) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("frequency", g.frequency());
      row.put("members", g.members());
      row.put("actual_mean", finite(g.actualMean()));
      row.put("predicted_mean", finite(g.predictedMean()));
      row.put("naive_mean", finite(g.naiveMean()));
      groups.add(row);
    }
    out.put("by_frequency", groups);
    return out;
  }

  private static Map<String, Object> aucs(double all, double repeatBuyers) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("auc", finite(all));
    out.put("auc_repeat_buyers", finite(repeatBuyers));
    return out;
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
