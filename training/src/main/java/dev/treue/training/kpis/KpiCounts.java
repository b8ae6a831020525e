package dev.treue.training.kpis;

import java.io.Serializable;

/**
 * The sums behind one window's KPIs for one breakdown (or one cohort's curve), added member by member and merged
 * across partitions; {@link KpiDocument} turns them into the KPIs. Money is summed in cents, so totals are exact.
 */
final class KpiCounts implements Serializable {
  private static final long serialVersionUID = 1L;

  long activeAtEnd;
  long newMembers;
  long activeAtStart;
  long retained;
  long churned;
  long scoredAtStart;
  double probabilitySumAtStart;
  long buyers;
  long repeatBuyers;
  long purchases;
  long purchaseCents;
  long valuedAtEnd;
  double clvSum;
  long scoredAtEnd;
  double valueAtRiskSum;
  long offersSent;
  long offersRedeemed;
  long pointsEarned;
  long pointsRedeemed;
  long pointsExpired;
  long pointsOutstanding;
  long engaged;

  /** Cohort curves only: members whose first purchase fell in the cohort's month. */
  long cohortSize;

  /** Cohort curves only: members of the cohort buying in the cohort's month + i; null elsewhere. */
  long[] cohortBuyers;

  /** Adds {@code o} into this and returns this. */
  KpiCounts merge(KpiCounts o) {
    activeAtEnd += o.activeAtEnd;
    newMembers += o.newMembers;
    activeAtStart += o.activeAtStart;
    retained += o.retained;
    churned += o.churned;
    scoredAtStart += o.scoredAtStart;
    probabilitySumAtStart += o.probabilitySumAtStart;
    buyers += o.buyers;
    repeatBuyers += o.repeatBuyers;
    purchases += o.purchases;
    purchaseCents += o.purchaseCents;
    valuedAtEnd += o.valuedAtEnd;
    clvSum += o.clvSum;
    scoredAtEnd += o.scoredAtEnd;
    valueAtRiskSum += o.valueAtRiskSum;
    offersSent += o.offersSent;
    offersRedeemed += o.offersRedeemed;
    pointsEarned += o.pointsEarned;
    pointsRedeemed += o.pointsRedeemed;
    pointsExpired += o.pointsExpired;
    pointsOutstanding += o.pointsOutstanding;
    engaged += o.engaged;
    cohortSize += o.cohortSize;
    if (o.cohortBuyers != null) {
      if (cohortBuyers == null || cohortBuyers.length < o.cohortBuyers.length) {
        long[] wider = new long[o.cohortBuyers.length];
        if (cohortBuyers != null) {
          System.arraycopy(cohortBuyers, 0, wider, 0, cohortBuyers.length);
        }
        cohortBuyers = wider;
      }
      for (int i = 0; i < o.cohortBuyers.length; i++) {
        cohortBuyers[i] += o.cohortBuyers[i];
      }
    }
    return this;
  }
}
