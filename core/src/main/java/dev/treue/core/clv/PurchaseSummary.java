package dev.treue.core.clv;

/**
 * One member as the buy-till-you-die models see them, in one time unit (days or weeks).
 *
 * @param frequency repeat purchases x (purchase occasions after the first)
 * @param recency t_x: time from the first purchase to the last
 * @param age T: time from the first purchase to the end of the calibration period
 */
public record PurchaseSummary(int frequency, double recency, double age) {

  public PurchaseSummary {
    if (frequency < 0 || !(recency >= 0) || !(age >= recency)) {
      throw new IllegalArgumentException(
          "purchase summary needs x >= 0 and 0 <= t_x <= T, got x="
              + frequency
              + ", t_x="
              + recency
              + ", T="
              + age);
    }
    if (frequency == 0 && recency != 0) {
      throw new IllegalArgumentException(
          "a member without repeat purchases has t_x = 0, got " + recency);
    }
  }
}
