package dev.treue.core.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * What a retention campaign that contacts the highest-scored members would have reached on labelled
 * rows: for every whole percent of members contacted, the churners among them, the false alarms and
 * the value at risk covered. The marketer's targeting simulator reads it ("contact the top 10%:
 * 2,310 churners reached, 690 false alarms, 41% of the value at risk").
 *
 * <p>Members with the same score form one group that is contacted in the same proportion, so a cut
 * through a tie counts that group's churners and value pro rata (as {@link Lift} does), never in an
 * order that depends on the input order; counts can therefore be fractional.
 *
 * @param members labelled rows
 * @param churners churned rows among them
 * @param valueAtRisk the summed value at risk of every row
 * @param steps one per percent, 1 to 100
 */
public record TargetingTable(
    long members, long churners, double valueAtRisk, List<TargetingStep> steps) {

  /** Copies the steps. */
  public TargetingTable {
    steps = List.copyOf(steps);
  }

  /**
   * The table for rows ranked by {@code scores}.
   *
   * @param scores churn probabilities (any score: only the order matters)
   * @param churned the labels
   * @param valueAtRisk each row's value at risk (probability times CLV), never negative
   */
  public static TargetingTable of(double[] scores, boolean[] churned, double[] valueAtRisk) {
    LabelledScores.check(scores, churned);
    int n = scores.length;
    if (valueAtRisk.length != n) {
      throw new IllegalArgumentException(
          "valueAtRisk has " + valueAtRisk.length + " rows, scores " + n);
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
      if (!(valueAtRisk[i] >= 0) || Double.isInfinite(valueAtRisk[i])) {
        throw new IllegalArgumentException("valueAtRisk[" + i + "] is " + valueAtRisk[i]);
      }
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
    // Cumulative counts at the end of each tie group, then the cut at each percent.
    long[] groupEnd = new long[n];
    double[] positivesAt = new double[n];
    double[] valueAt = new double[n];
    int groups = 0;
    double hits = 0;
    double value = 0;
    for (int i = 0; i < n; i++) {
      hits += churned[order[i]] ? 1 : 0;
      value += valueAtRisk[order[i]];
      if (i + 1 == n || scores[order[i + 1]] != scores[order[i]]) {
        groupEnd[groups] = i + 1;
        positivesAt[groups] = hits;
        valueAt[groups] = value;
        groups++;
      }
    }
    List<TargetingStep> steps = new ArrayList<>(100);
    int g = 0;
    for (int percent = 1; percent <= 100; percent++) {
      long contacted = Math.round(n * percent / 100.0);
      while (g < groups && groupEnd[g] < contacted) {
        g++;
      }
      double reached;
      double covered;
      if (contacted == 0) {
        reached = 0;
        covered = 0;
      } else {
        long before = g == 0 ? 0 : groupEnd[g - 1];
        double hitsBefore = g == 0 ? 0 : positivesAt[g - 1];
        double valueBefore = g == 0 ? 0 : valueAt[g - 1];
        double share = (double) (contacted - before) / (groupEnd[g] - before);
        reached = hitsBefore + share * (positivesAt[g] - hitsBefore);
        covered = valueBefore + share * (valueAt[g] - valueBefore);
      }
      steps.add(new TargetingStep(percent, contacted, reached, contacted - reached, covered));
    }
    return new TargetingTable(n, Math.round(hits), value, steps);
  }

  /** The step for a whole percent from 1 to 100. */
  public TargetingStep at(int percent) {
    if (percent < 1 || percent > 100) {
      throw new IllegalArgumentException("percent is " + percent + ", expected 1 to 100");
    }
    return steps.get(percent - 1);
  }
}
