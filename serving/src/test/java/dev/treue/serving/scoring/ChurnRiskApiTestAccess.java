package dev.treue.serving.scoring;

/** Lets tests of other packages batch-load members the way {@link ChurnRiskApiTest} does. */
public final class ChurnRiskApiTestAccess {
  private ChurnRiskApiTestAccess() {}

  /** See {@code ChurnRiskApiTest.batchLoad}. */
  public static void batchLoad(String id, int daysAgo, long syncedAgoMillis) {
    ChurnRiskApiTest.batchLoad(id, daysAgo, syncedAgoMillis);
  }
}
