package dev.treue.training.triggers;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.treue.core.concurrent.DaemonThreads;
import dev.treue.core.time.Days;
import dev.treue.core.trigger.TriggerKind;
import dev.treue.training.replay.MemberReplay;
import dev.treue.training.replay.StreamedHistories;
import dev.treue.training.replay.StreamedHistories.EventIds;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;

/**
 * The batch sweep of time-driven triggers over every member of a data folder: histories grouped and
 * replayed once per member ({@link StreamedHistories}, {@link MemberReplay}), the due firings kept
 * while they are written to {@code firings.csv} and/or claimed in Redis from the executors ({@link
 * FiringClaimer}).
 */
public final class TriggerSweepJob {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The file the firings are written to in the output folder. */
  public static final String FIRINGS_CSV = "firings.csv";

  /** The columns every line of {@link #FIRINGS_CSV} starts with; the kinds' fields follow. */
  public static final List<String> FIRST_COLUMNS =
      List.of("firing_id", "kind", "customer_id", "fired_at", "held_out");

  private TriggerSweepJob() {}

  /**
   * One time-driven kind's figures.
   *
   * @param kind the wire name
   * @param due firings due on the as-of day
   * @param heldOut of them, for members of the control group
   * @param claimed of them, claimed by this run in Redis (-1 without Redis)
   */
  public record KindSummary(String kind, long due, long heldOut, long claimed) {}

  /**
   * @param members members replayed (consenting, signed up by the as-of day)
   * @param kinds one line per time-driven kind that is on, in {@link TriggerKind} order
   * @param relayed firings appended to the tenant's stream (-1 without Redis)
   */
  public record Result(long members, List<KindSummary> kinds, long relayed) {}

  /**
   * Runs the sweep.
   *
   * @param models the models that fill the payloads' churn figures and best reward, or null
   * @param out the folder for {@link #FIRINGS_CSV}, or null for none
   * @param target the Redis and tenant to claim and relay in, or null for none
   * @param progress told of progress every {@code progressSeconds} while the job runs
   */
  public static Result run(
      SparkSession spark,
      Dataset<Row> members,
      Dataset<Row> events,
      SweepSettings settings,
      SweepModels models,
      Path out,
      StreamTarget target,
      Consumer<String> progress,
      int progressSeconds) {
    LongAccumulator replayed = spark.sparkContext().longAccumulator("members replayed");
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("triggers-sweep-progress"));
    long start = System.nanoTime();
    ticker.scheduleAtFixedRate(
        () ->
            progress.accept(
                String.format(
                    java.util.Locale.ROOT,
                    "  ... %,d members replayed after %.0f s",
                    replayed.value(),
                    (System.nanoTime() - start) / 1e9)),
        progressSeconds,
        progressSeconds,
        TimeUnit.SECONDS);
    Dataset<Row> firings = dueFirings(spark, members, events, settings, models, replayed);
    try {
      Map<String, long[]> counts = counts(firings);
      Map<String, Long> claimed = new HashMap<>();
      long relayed = -1;
      if (out != null) {
        writeCsv(firings, settings, out);
      }
      if (target != null) {
        Map<String, LongAccumulator> byKind = new LinkedHashMap<>();
        for (TriggerKind k : settings.timeDrivenKinds()) {
          byKind.put(k.wireName(), spark.sparkContext().longAccumulator("claimed " + k.wireName()));
        }
        LongAccumulator appended = spark.sparkContext().longAccumulator("relayed");
        firings.foreachPartition(new FiringClaimer(target, settings, byKind, appended));
        byKind.forEach((k, a) -> claimed.put(k, a.value()));
        relayed = appended.value();
      }
      List<KindSummary> kinds = new ArrayList<>();
      for (TriggerKind k : settings.timeDrivenKinds()) {
        long[] c = counts.getOrDefault(k.wireName(), new long[2]);
        kinds.add(
            new KindSummary(
                k.wireName(), c[0], c[1], target == null ? -1 : claimed.get(k.wireName())));
      }
      return new Result(replayed.value(), kinds, relayed);
    } finally {
      ticker.shutdownNow();
      firings.unpersist();
    }
  }

  /**
   * Every due firing of the as-of day in {@link DueFirings#SCHEMA}, persisted (the caller
   * unpersists): each member's history up to the end of the as-of day grouped and replayed once.
   */
  static Dataset<Row> dueFirings(
      SparkSession spark,
      Dataset<Row> members,
      Dataset<Row> events,
      SweepSettings settings,
      SweepModels models,
      LongAccumulator replayed) {
    Dataset<Row> upToAsOf =
        MemberReplay.eventsForReplayBefore(events, (settings.asOfDay() + 1L) * Days.DAY_MILLIS);
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    DueFirings due =
        models == null
            ? new DueFirings(settings, replayed, null, null, null, 0)
            : new DueFirings(
                settings,
                replayed,
                context.broadcast(models.scorer()),
                models.retention() == null ? null : context.broadcast(models.retention()),
                models.version(),
                models.reasonsFrom());
    return spark
        .createDataFrame(
            StreamedHistories.histories(members, upToAsOf, EventIds.NOT_NEEDED).mapPartitions(due),
            DueFirings.SCHEMA)
        .persist(StorageLevel.MEMORY_AND_DISK());
  }

  /** Kind to {due, held out}. */
  private static Map<String, long[]> counts(Dataset<Row> firings) {
    Map<String, long[]> counts = new HashMap<>();
    for (Row r :
        firings
            .groupBy(col(DueFirings.KIND))
            .agg(
                count("*").as("due"),
                sum(when(col(DueFirings.HELD_OUT), 1L).otherwise(0L)).as("held"))
            .collectAsList()) {
      counts.put(r.getString(0), new long[] {r.<Long>getAs("due"), r.<Long>getAs("held")});
    }
    return counts;
  }

  /**
   * Writes {@link #FIRINGS_CSV}: {@link #FIRST_COLUMNS}, then each kind's own fields (in the order
   * the evaluator gives them, kinds in {@link TriggerKind} order; empty for other kinds), one line
   * per firing ordered by member and firing id. Lines are streamed to the driver a partition at a
   * time and the file is moved into place once complete.
   */
  static void writeCsv(Dataset<Row> firings, SweepSettings settings, Path out) {
    List<String> fields = kindFields(firings, settings);
    Path target = out.resolve(FIRINGS_CSV).toAbsolutePath();
    Path partial = target.resolveSibling(FIRINGS_CSV + ".partial");
    try {
      Files.createDirectories(target.getParent());
      try (BufferedWriter w = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
        List<String> header = new ArrayList<>(FIRST_COLUMNS);
        header.addAll(fields);
        w.write(line(header));
        Iterator<Row> rows =
            firings
                .orderBy(col(DueFirings.CUSTOMER_ID), col(DueFirings.FIRING_ID))
                .toLocalIterator();
        String firedAt = settings.firedAt().toString();
        while (rows.hasNext()) {
          Row r = rows.next();
          Map<String, Object> details = details(r.getAs(DueFirings.DETAILS));
          List<String> cells = new ArrayList<>(header.size());
          cells.add(r.getAs(DueFirings.FIRING_ID));
          cells.add(r.getAs(DueFirings.KIND));
          cells.add(r.getAs(DueFirings.CUSTOMER_ID));
          cells.add(firedAt);
          cells.add(Boolean.toString(r.getAs(DueFirings.HELD_OUT)));
          for (String f : fields) {
            Object v = details.get(f);
            cells.add(v == null ? "" : v.toString());
          }
          w.write(line(cells));
        }
      }
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the firings to " + target, e);
    }
  }

  /** The kinds' own field names: for each kind that fired, its fields in the evaluator's order. */
  private static List<String> kindFields(Dataset<Row> firings, SweepSettings settings) {
    Map<String, String> sample = new HashMap<>();
    for (Row r :
        firings
            .groupBy(col(DueFirings.KIND))
            .agg(first(col(DueFirings.DETAILS)).as(DueFirings.DETAILS))
            .collectAsList()) {
      sample.put(r.getString(0), r.getString(1));
    }
    Set<String> fields = new LinkedHashSet<>();
    for (TriggerKind k : settings.timeDrivenKinds()) {
      String details = sample.get(k.wireName());
      if (details != null) {
        fields.addAll(details(details).keySet());
      }
    }
    return List.copyOf(fields);
  }

  private static Map<String, Object> details(String json) {
    try {
      return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (IOException e) {
      throw new IllegalStateException("unreadable firing details: " + json, e);
    }
  }

  /** One CSV line (RFC 4180: cells with a comma, quote or line break quoted, quotes doubled). */
  private static String line(List<String> cells) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      String c = cells.get(i);
      if (c.indexOf(',') >= 0
          || c.indexOf('"') >= 0
          || c.indexOf('\n') >= 0
          || c.indexOf('\r') >= 0) {
        b.append('"').append(c.replace("\"", "\"\"")).append('"');
      } else {
        b.append(c);
      }
    }
    return b.append('\n').toString();
  }
}
