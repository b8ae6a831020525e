package dev.treue.training.ingest;

import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/** Counts the input records Spark's tasks read, to tell how many passes a job made over a source. */
final class SourceRecords {
  private SourceRecords() {}

  /** The records every task that ended while {@code work} ran read from its input. */
  static long readWhile(SparkSession spark, Runnable work) throws TimeoutException {
    AtomicLong records = new AtomicLong();
    SparkListener listener =
        new SparkListener() {
          @Override
          public void onTaskEnd(SparkListenerTaskEnd end) {
            if (end.taskMetrics() != null) {
              records.addAndGet(end.taskMetrics().inputMetrics().recordsRead());
            }
          }
        };
    spark.sparkContext().addSparkListener(listener);
    try {
      work.run();
      spark.sparkContext().listenerBus().waitUntilEmpty(); // task ends are delivered afterwards
      return records.get();
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
  }
}
