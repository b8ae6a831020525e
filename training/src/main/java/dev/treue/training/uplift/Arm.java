package dev.treue.training.uplift;

/**
 * One side of the comparison, as sums over its members (all the estimator needs): members assigned to it,
 * how many were contacted, retained (bought at least once in the outcome window), and the sums and sums of
 * squares of purchases and spend.
 *
 * @param members members assigned to the arm
 * @param contacted of them, members with a contact ({@code offer_sent}) in the period
 * @param retained of them, members with at least one purchase in the outcome window
 * @param purchases purchases in the outcome window, summed over the members
 * @param purchasesSquared the sum of each member's purchase count squared
 * @param spend spend in the outcome window, summed over the members
 * @param spendSquared the sum of each member's spend squared
 */
public record Arm(
    long members,
    long contacted,
    long retained,
    double purchases,
    double purchasesSquared,
    double spend,
    double spendSquared) {

  /** An empty arm. */
  public static final Arm EMPTY = new Arm(0, 0, 0, 0, 0, 0, 0);

  /** This arm with one more member. */
  public Arm plus(boolean wasContacted, long memberPurchases, double memberSpend) {
    return new Arm(
        members + 1,
        contacted + (wasContacted ? 1 : 0),
        retained + (memberPurchases > 0 ? 1 : 0),
        purchases + memberPurchases,
        purchasesSquared + (double) memberPurchases * memberPurchases,
        spend + memberSpend,
        spendSquared + memberSpend * memberSpend);
  }

  /** Share of the members contacted, 0 for an empty arm. */
  public double contactShare() {
    return members == 0 ? 0 : (double) contacted / members;
  }
}
