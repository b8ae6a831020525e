package dev.treue.training.spark;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.apache.spark.Dependency;
import org.apache.spark.ShuffleDependency;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import scala.jdk.javaapi.CollectionConverters;

/** What a dataset's RDD lineage costs, for tests that hold a job to a number of shuffles. */
public final class Lineage {
  private Lineage() {}

  /** The shuffles behind {@code rows}: each distinct shuffle dependency in its lineage, once. */
  public static int shuffles(Dataset<?> rows) {
    return shuffles(rows.rdd());
  }

  /** The shuffles behind {@code rdd}, each counted once however many paths reach it. */
  public static int shuffles(RDD<?> rdd) {
    Set<RDD<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    return shuffles(rdd, seen);
  }

  private static int shuffles(RDD<?> rdd, Set<RDD<?>> seen) {
    if (!seen.add(rdd)) {
      return 0;
    }
    int n = 0;
    for (Dependency<?> d : CollectionConverters.asJava(rdd.dependencies())) {
      if (d instanceof ShuffleDependency) {
        n++;
      }
      n += shuffles(d.rdd(), seen);
    }
    return n;
  }
}
