package dev.treue.training.materialize;

import dev.treue.core.customer.WindowedState;
import dev.treue.core.event.LoyaltyEvent;
import dev.treue.store.MemberEventWriter;
import dev.treue.store.RedisKeys;
import dev.treue.store.StoredState;
import dev.treue.training.ingest.IngestOptions;
import dev.treue.training.ingest.LoyaltyData;
import dev.treue.training.replay.MemberHistories;
import dev.treue.training.replay.MemberReplay;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A timing harness, not a test: the encoded size of every member's state as the materialize job
 * stores it, and the cost of what a churn-risk read does with it (decode, the state's view, the
 * churn features), per member. Two steps, so that builds can be compared in one run:
 *
 * <ol>
 *   <li>{@code encode DATA_DIR AS_OF OUT [POSTED_DAYS]}, run on each build's own classpath:
 *       materializes the programme's members at the as-of day through {@link StateEncoder} and writes
 *       their stored values to OUT (with POSTED_DAYS, the load is that many days earlier and the
 *       events since are folded as the events API folds them);
 *   <li>{@code time AS_OF ROUNDS EXT_CLASSPATH LABEL=BUILD_DIR=STATES ...}: loads each build's core
 *       and store classes in a class loader of its own and times the builds' reads in alternating
 *       passes, so load from other processes falls on all of them alike.
 * </ol>
 */
public final class StateReadCost {
  private StateReadCost() {}

  /** See the class comment. */
  public static void main(String[] args) throws Throwable {
    if (args[0].equals("encode")) {
      encode(
          Path.of(args[1]),
          LocalDate.parse(args[2]),
          Path.of(args[3]),
          args.length > 4 ? Integer.parseInt(args[4]) : 0);
    } else {
      time(
          LocalDate.parse(args[1]),
          Integer.parseInt(args[2]),
          args[3],
          Arrays.copyOfRange(args, 4, args.length));
    }
  }

  /**
   * With {@code postedDays} > 0 the load is that many days before the as-of day and each member's
   * later events up to the end of the as-of day are then offered in time order, as the events API
   * folds them ({@link MemberEventWriter}), so the stored values carry those events in their window.
   */
  private static void encode(Path data, LocalDate asOf, Path out, int postedDays) throws Exception {
    int asOfDay = Math.toIntExact(asOf.toEpochDay());
    long endMillis = (asOfDay + 1L) * 86_400_000L;
    SparkSession spark =
        SparkSession.builder()
            .appName("state-read-cost")
            .master("local[1]")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    LoyaltyData loyalty =
        LoyaltyData.read(
            spark, data, IngestOptions.defaults(Files.createTempDirectory("state-read-cost")));
    MaterializeSettings settings =
        new MaterializeSettings(
            "redis://127.0.0.1:1",
            RedisKeys.DEFAULT_NAMESPACE,
            "cost",
            Duration.ZERO,
            100,
            asOfDay - postedDays,
            System.currentTimeMillis(),
            0.4);
    List<Row> histories =
        MemberHistories.join(loyalty.memberRows(), loyalty.eventRows()).collectAsList();
    List<Row> encoded =
        MaterializeJob.replay(
                spark, loyalty.memberRows(), loyalty.eventRows(), settings, null, null)
            .collectAsList();
    spark.stop();
    Map<String, List<LoyaltyEvent>> posted = new HashMap<>();
    for (Row h : histories) {
      List<LoyaltyEvent> later = new ArrayList<>();
      for (LoyaltyEvent e : MemberReplay.sortedEvents(h)) {
        if (e.tsMillis() >= settings.coveredUntilMillis() && e.tsMillis() < endMillis) {
          later.add(e);
        }
      }
      posted.put(MemberReplay.member(h).customerId(), later);
    }
    long windowed = 0;
    long windowEvents = 0;
    try (DataOutputStream o =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(out)))) {
      Iterator<Row> rows = encoded.iterator();
      while (rows.hasNext()) {
        Row r = rows.next();
        if (!r.isNullAt(LoadRows.STATE)) {
          byte[] b = (byte[]) r.get(LoadRows.STATE);
          List<LoyaltyEvent> later = posted.get(r.getString(LoadRows.ID));
          if (!later.isEmpty()) {
            StoredState loaded = StoredState.decodeForUpdate(b);
            WindowedState window = loaded.window();
            later.forEach(window::offer);
            b = loaded.next(window).encode();
            windowed++;
            windowEvents += window.window().size();
          }
          o.writeInt(b.length);
          o.write(b);
        }
      }
    }
    System.out.printf(
        "%d states with a window, %.1f window events on average%n",
        windowed, windowed == 0 ? 0.0 : (double) windowEvents / windowed);
  }

  private static void time(LocalDate asOf, int rounds, String extClasspath, String[] builds)
      throws Throwable {
    int asOfDay = Math.toIntExact(asOf.toEpochDay());
    ClassLoader ext =
        new URLClassLoader(
            urls(extClasspath.split(File.pathSeparator)), ClassLoader.getPlatformClassLoader());
    int n = builds.length;
    String[] labels = new String[n];
    MethodHandle[] read = new MethodHandle[n];
    List<List<byte[]>> states = new ArrayList<>();
    for (int b = 0; b < n; b++) {
      String[] parts = builds[b].split("=", 3);
      labels[b] = parts[0];
      ClassLoader loader =
          new URLClassLoader(
              urls(parts[1] + "/core/target/classes", parts[1] + "/store/target/classes"), ext);
      Class<?> stored = loader.loadClass("dev.treue.store.StoredState");
      Class<?> state = loader.loadClass("dev.treue.core.customer.CustomerState");
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      MethodHandle decode =
          lookup.findStatic(stored, "decode", MethodType.methodType(stored, byte[].class));
      MethodHandle view = lookup.findVirtual(stored, "state", MethodType.methodType(state));
      MethodHandle features =
          lookup.findStatic(
              loader.loadClass("dev.treue.core.feature.ChurnFeatures"),
              "compute",
              MethodType.methodType(double[].class, state, int.class));
      // bytes -> decode -> state (the view) -> features at the as-of day
      read[b] =
          MethodHandles.insertArguments(
                  MethodHandles.filterArguments(
                      features, 0, MethodHandles.filterReturnValue(decode, view)),
                  1,
                  asOfDay)
              .asType(MethodType.methodType(double[].class, byte[].class));
      List<byte[]> list = new ArrayList<>();
      try (DataInputStream in =
          new DataInputStream(new BufferedInputStream(Files.newInputStream(Path.of(parts[2]))))) {
        while (in.available() > 0) {
          byte[] v = new byte[in.readInt()];
          in.readFully(v);
          list.add(v);
        }
      }
      states.add(list);
    }
    long[][] perMember = new long[n][];
    double[] sums = new double[n];
    int warmup = 10;
    for (int b = 0; b < n; b++) {
      perMember[b] = new long[states.get(b).size() * rounds];
    }
    for (int round = -warmup; round < rounds; round++) {
      for (int b = 0; b < n; b++) {
        List<byte[]> list = states.get(b);
        for (int i = 0; i < list.size(); i++) {
          long t = System.nanoTime();
          double[] f = (double[]) read[b].invokeExact(list.get(i));
          long spent = System.nanoTime() - t;
          if (round >= 0) {
            perMember[b][round * list.size() + i] = spent;
            sums[b] += f[0] + f[f.length - 1];
          }
        }
      }
    }
    for (int b = 0; b < n; b++) {
      long[] bytes = states.get(b).stream().mapToLong(v -> v.length).sorted().toArray();
      long[] t = perMember[b];
      Arrays.sort(t);
      System.out.printf(
          "%-8s members %d  bytes median %d p90 %d mean %.0f  decode+view+features us median %.2f"
              + " p90 %.2f mean %.2f  (%d rounds, feature checksum %.6e)%n",
          labels[b],
          bytes.length,
          bytes[bytes.length / 2],
          bytes[bytes.length * 9 / 10],
          Arrays.stream(bytes).average().orElse(0),
          t[t.length / 2] / 1e3,
          t[t.length * 9 / 10] / 1e3,
          Arrays.stream(t).average().orElse(0) / 1e3,
          rounds,
          sums[b]);
    }
  }

  private static URL[] urls(String... paths) throws Exception {
    URL[] out = new URL[paths.length];
    for (int i = 0; i < paths.length; i++) {
      out[i] = Path.of(paths[i]).toUri().toURL();
    }
    return out;
  }
}
