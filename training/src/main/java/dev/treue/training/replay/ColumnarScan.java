package dev.treue.training.replay;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.And;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.AttributeReference;
import org.apache.spark.sql.catalyst.expressions.BasePredicate;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.expressions.Predicate$;
import org.apache.spark.sql.execution.ColumnarToRowExec;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.FilterExec;
import org.apache.spark.sql.execution.InputAdapter;
import org.apache.spark.sql.execution.ProjectExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.WholeStageCodegenExec;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A bucketed table's rows as Parquet's column batches, with the filters the job put on them, for a
 * replay that reads the columns it needs straight from the batches ({@link ColumnarHistories})
 * instead of having Spark copy every row into a binary row first: that copy, with the event type's
 * translation to a code, was more than half of reading a bucket.
 *
 * <p>Only a plain plan is read this way: a bucketed Parquet scan Spark reads in batches, under
 * filters and projections of columns. Anything else (a join, a computed column, a scan Spark reads
 * row by row) leaves {@link #of} empty, and the replay reads Spark's rows as before.
 */
final class ColumnarScan {
  private final RDD<ColumnarBatch> batches;
  private final Reading reading;

  private ColumnarScan(RDD<ColumnarBatch> batches, Reading reading) {
    this.batches = batches;
    this.reading = reading;
  }

  /**
   * @param rows a table read from member buckets, maybe filtered
   * @param columns the columns the replay reads, each in the scan's output
   * @return the scan, or empty when the plan is not one this class reads
   */
  static Optional<ColumnarScan> of(Dataset<Row> rows, List<String> columns) {
    if (!List.of(rows.columns()).containsAll(columns)) {
      return Optional.empty();
    }
    // Planned afresh, with only the columns read: the scan then decodes no other column (but those
    // its filters read), and reads with the session's settings of now.
    SparkPlan node =
        rows.select(columns.stream().map(functions::col).toArray(Column[]::new))
            .queryExecution()
            .executedPlan();
    List<Expression> conditions = new ArrayList<>();
    while (!(node instanceof FileSourceScanExec)) {
      if (node instanceof WholeStageCodegenExec w) {
        node = w.child();
      } else if (node instanceof InputAdapter a) {
        node = a.child();
      } else if (node instanceof ColumnarToRowExec c) {
        node = c.child();
      } else if (node instanceof FilterExec f) {
        conditions.add(f.condition());
        node = f.child();
      } else if (node instanceof ProjectExec p && onlyColumns(p.projectList())) {
        node = p.child();
      } else {
        return Optional.empty();
      }
    }
    FileSourceScanExec scan = (FileSourceScanExec) node;
    if (!scan.bucketedScan() || !scan.supportsColumnar()) {
      return Optional.empty();
    }
    List<Attribute> output = CollectionConverters.asJava(scan.output());
    int[] ordinals = new int[columns.size()];
    for (int i = 0; i < ordinals.length; i++) {
      ordinals[i] = ordinal(output, columns.get(i));
      if (ordinals[i] < 0) {
        return Optional.empty();
      }
    }
    Expression condition = null;
    for (Expression c : conditions) {
      condition = condition == null ? c : new And(condition, c);
    }
    return Optional.of(
        new ColumnarScan(scan.executeColumnar(), new Reading(condition, scan.output(), ordinals)));
  }

  private static boolean onlyColumns(Seq<NamedExpression> projectList) {
    for (NamedExpression e : CollectionConverters.asJava(projectList)) {
      if (!(e instanceof AttributeReference)) {
        return false;
      }
    }
    return true;
  }

  private static int ordinal(List<Attribute> output, String name) {
    for (int i = 0; i < output.size(); i++) {
      if (output.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The scan's batches, one partition a bucket. */
  RDD<ColumnarBatch> batches() {
    return batches;
  }

  /** What a task needs to read a batch's rows: the filter and where the columns are. */
  Reading reading() {
    return reading;
  }

  /**
   * The filter of the scan's rows and the place of each column the replay asked for, sent to the
   * tasks.
   *
   * @param condition the filters, bound to the scan's columns in a task; null for none
   * @param output the scan's columns
   * @param ordinals where each column asked for is in a batch, in the order asked
   */
  record Reading(Expression condition, Seq<Attribute> output, int[] ordinals)
      implements Serializable {
    /** The filter for one task, or null when every row is kept. */
    BasePredicate predicate(int partition) {
      if (condition == null) {
        return null;
      }
      BasePredicate p = Predicate$.MODULE$.create(condition, output);
      p.initialize(partition);
      return p;
    }
  }
}
