package dev.treue.training.churn;

/**
 * The {@code --max-train-rows} budget, spent on the rows training actually fits on (the active
 * members' rows, or every row with {@code --population all}) rather than on every member: a
 * programme where half the members have lapsed would otherwise train on half the rows it may use.
 *
 * <p>Members are sampled by hash bucket, as before, so a member is in or out at every cutoff alike
 * and the sample is stable between runs. The group sizes are only known once the snapshots have
 * streamed past, so the cut falls as rows arrive: a member is kept while their bucket is below the
 * cut, and the cut drops (whole buckets at a time) as soon as the trained-on rows of the buckets
 * below it exceed the budget. The rows kept in the end are exactly those of the buckets below the
 * final cut; at least one bucket is always kept.
 */
final class TrainingRowBudget {
  private final long budget;
  private final long[] trainedOnPerBucket;
  private long trainedOn;
  private int cut;

  /**
   * @param budget trained-on rows kept at most (one bucket's rows when a single bucket exceeds it)
   * @param buckets number of hash buckets members fall into
   */
  TrainingRowBudget(long budget, int buckets) {
    if (budget < 1) {
      throw new IllegalArgumentException("--max-train-rows must be at least 1, got " + budget);
    }
    this.budget = budget;
    this.trainedOnPerBucket = new long[buckets];
    this.cut = buckets;
  }

  /**
   * Counts one arriving row and says whether it is (still) wanted.
   *
   * @param bucket the member's hash bucket
   * @param fitOn whether training fits on the row (the member is active at its cutoff)
   */
  boolean offer(int bucket, boolean fitOn) {
    if (bucket >= cut) {
      return false;
    }
    if (fitOn) {
      trainedOnPerBucket[bucket]++;
      trainedOn++;
      while (trainedOn > budget && cut > 1) {
        cut--;
        trainedOn -= trainedOnPerBucket[cut];
      }
    }
    return bucket < cut;
  }

  /** Whether a row of this bucket is kept at the current cut. */
  boolean keeps(int bucket) {
    return bucket < cut;
  }

  /** Trained-on rows in the buckets kept so far. */
  long trainedOnRows() {
    return trainedOn;
  }

  /** Share of the buckets kept so far. */
  double share() {
    return (double) cut / trainedOnPerBucket.length;
  }
}
