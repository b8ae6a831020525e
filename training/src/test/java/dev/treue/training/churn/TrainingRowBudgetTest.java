package dev.treue.training.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrainingRowBudgetTest {
  private static final int BUCKETS = 1_000;

  /**
   * 4,000 members at 3 cutoffs, 30% of them active at a cutoff, a budget of 1,800 rows: the old
   * sizing (budget / every member's rows = 15% of members) trained on about 540 active rows; the
   * budget now fills with active rows, up to and never past 1,800.
   */
  @Test
  void theBudgetIsSpentOnActiveRowsNotOnEveryMember() {
    SplittableRandom r = new SplittableRandom(7);
    int members = 4_000;
    int cutoffs = 3;
    int[] bucket = new int[members];
    for (int m = 0; m < members; m++) {
      bucket[m] = r.nextInt(BUCKETS);
    }
    boolean[][] active = new boolean[cutoffs][members];
    for (int c = 0; c < cutoffs; c++) {
      for (int m = 0; m < members; m++) {
        active[c][m] = r.nextDouble() < 0.3;
      }
    }
    long budgetRows = 1_800;
    TrainingRowBudget budget = new TrainingRowBudget(budgetRows, BUCKETS);
    for (int c = 0; c < cutoffs; c++) {
      for (int m = 0; m < members; m++) {
        budget.offer(bucket[m], active[c][m]);
      }
    }
    long keptActive = 0;
    long keptMembers = 0;
    for (int m = 0; m < members; m++) {
      if (budget.keeps(bucket[m])) {
        keptMembers++;
        for (int c = 0; c < cutoffs; c++) {
          keptActive += active[c][m] ? 1 : 0;
        }
      }
    }
    assertEquals(keptActive, budget.trainedOnRows());
    assertTrue(keptActive <= budgetRows, "kept " + keptActive + " active rows");
    assertTrue(keptActive >= 0.97 * budgetRows, "kept only " + keptActive + " active rows");
    double oldShare = budgetRows / (double) (members * cutoffs);
    assertTrue(
        keptMembers > 2.5 * oldShare * members,
        keptMembers + " members kept; sizing on every member kept about " + oldShare * members);
  }

  @Test
  void aMemberIsInOrOutAtEveryCutoffAlikeAndRowsOfDroppedBucketsAreRefused() {
    TrainingRowBudget budget = new TrainingRowBudget(3, BUCKETS);
    assertTrue(budget.offer(10, true));
    assertTrue(budget.offer(900, true));
    assertTrue(budget.offer(500, false));
    assertTrue(budget.offer(20, true));
    // The fourth active row breaks the budget: the highest bucket with active rows goes.
    assertTrue(budget.offer(30, true));
    assertFalse(budget.keeps(900));
    assertFalse(budget.offer(900, true), "a dropped member stays out at later cutoffs");
    assertTrue(budget.keeps(500), "the cut falls only as far as the budget needs");
    assertFalse(budget.offer(950, false), "inactive rows above the cut go with it");
    assertEquals(3, budget.trainedOnRows());
    assertTrue(budget.keeps(10) && budget.keeps(20) && budget.keeps(30));
  }

  @Test
  void withEveryRowTrainedOnNothingIsDroppedUnderTheBudget() {
    TrainingRowBudget budget = new TrainingRowBudget(1_000, BUCKETS);
    for (int b = 0; b < BUCKETS; b++) {
      assertTrue(budget.offer(b, true));
    }
    assertEquals(1.0, budget.share());
  }
}
