package dev.treue.training.bench;

import static dev.treue.core.time.Days.DAY_MILLIS;

import dev.treue.core.cli.Arguments;
import dev.treue.core.cli.Command;
import dev.treue.core.cli.Option;
import dev.treue.core.cli.UsageException;
import dev.treue.core.clv.BgNbd;
import dev.treue.core.clv.BgNbdFit;
import dev.treue.core.clv.BgNbdSimulation;
import dev.treue.core.clv.GammaGamma;
import dev.treue.core.clv.GammaGammaFit;
import dev.treue.core.clv.PurchaseSummary;
import dev.treue.core.event.EventType;
import dev.treue.training.clv.PurchaseSummaries;
import dev.treue.training.spark.SparkSessions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code ./treue bench clv-fit}: the lifetime model at scale. Spark simulates the purchase events of
 * N members from known BG/NBD and Gamma-Gamma parameters (CDNOW's, in days), computes the
 * per-member summaries with the product's job, and the driver fits both models on them. Printed:
 * the summary job's time, each fit's time (target: both under {@value #TARGET_SECONDS} s for 1M
 * members), the parameters recovered against the true ones, and as the reference measured in the
 * same run, one log-likelihood evaluation summed member by member against the grouped, parallel
 * evaluation the fit uses. Days are whole, so purchases on one day merge and times round down: the
 * recovered parameters land near the continuous-time truth, not within its standard errors.
 */
public final class ClvFitBenchmarkCommand implements Command {
  static final double TARGET_SECONDS = 30;
  private static final BgNbd TRUE_PURCHASES = new BgNbd(0.27, 38, 0.6, 2.2);
  private static final GammaGamma TRUE_SPEND = new GammaGamma(6.25, 3.74, 15.44);
  private static final LocalDate END = LocalDate.parse("2026-06-30");
  private static final int WINDOW_DAYS = 730;

  @Override
  public String name() {
    return "bench clv-fit";
  }

  @Override
  public String summary() {
    return "simulate N members' purchases, summarise them with Spark and time the BG/NBD and Gamma-Gamma fits";
  }

  @Override
  public List<Option> options() {
    return List.of(
        Option.of("members", "1000000", "members to simulate"),
        Option.of("seed", "42", "random seed"));
  }

  @Override
  public int run(Arguments a) throws Exception {
    long members = a.longValue("members");
    if (members < 1_000) {
      throw new UsageException("option --members expects at least 1000, got " + members);
    }
    long seed = a.longValue("seed");
    SparkSession spark = SparkSessions.forJob("bench clv-fit");
    try {
      Dataset<Row> events =
          spark.range(members).flatMap(new SimulatedMember(seed), Encoders.row(EVENTS)).cache();
      long simStart = System.nanoTime();
      long nEvents = events.count();
      double simSeconds = seconds(simStart);

      long summaryStart = System.nanoTime();
      List<PurchaseSummary> summaries =
          PurchaseSummaries.collect(PurchaseSummaries.of(events, END, 1));
      List<GammaGammaFit.Spend> spends =
          PurchaseSummaries.collectSpends(PurchaseSummaries.spends(events, END));
      double summarySeconds = seconds(summaryStart);
      events.unpersist();

      long fitStart = System.nanoTime();
      BgNbdFit purchases = BgNbdFit.fit(summaries);
      double purchasesSeconds = seconds(fitStart);
      long spendStart = System.nanoTime();
      GammaGammaFit spend = GammaGammaFit.fit(spends);
      double spendSeconds = seconds(spendStart);

      BgNbd m = purchases.model();
      long naiveStart = System.nanoTime();
      double naive = 0;
      for (PurchaseSummary s : summaries) {
        naive += m.logLikelihood(s);
      }
      double naiveSeconds = seconds(naiveStart);

      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("members", summaries.size());
      figures.put("events", nEvents);
      figures.put("distinct_summaries", purchases.distinctSummaries());
      figures.put("simulate_seconds", round(simSeconds));
      figures.put("summary_seconds", round(summarySeconds));
      figures.put("bgnbd_fit_seconds", round(purchasesSeconds));
      figures.put("gamma_gamma_fit_seconds", round(spendSeconds));
      figures.put("fit_seconds", round(purchasesSeconds + spendSeconds));
      figures.put("naive_evaluation_seconds", round(naiveSeconds));
      System.out.printf(
          Locale.ROOT,
          "CLV fit benchmark: %,d members, %,d purchase events, %d cores%n",
          summaries.size(),
          nEvents,
          Runtime.getRuntime().availableProcessors());
      System.out.printf(
          Locale.ROOT, "Simulate events (Spark, cached):       %8.2f s%n", simSeconds);
      System.out.printf(
          Locale.ROOT, "Summaries (Spark groupBy) + collect:   %8.2f s%n", summarySeconds);
      System.out.printf(
          Locale.ROOT,
          "BG/NBD fit:     %8.2f s  (%,d distinct summaries, %d iterations, converged %s, "
              + "LL %.1f)%n",
          purchasesSeconds,
          purchases.distinctSummaries(),
          purchases.iterations(),
          purchases.converged(),
          purchases.logLikelihood());
      System.out.printf(
          Locale.ROOT,
          "Gamma-Gamma fit:%8.2f s  (%,d repeat buyers, converged %s)%n",
          spendSeconds,
          spend.members(),
          spend.converged());
      double fit = purchasesSeconds + spendSeconds;
      System.out.printf(
          Locale.ROOT,
          "Both fits:      %8.2f s  target < %.0f s: %s%n",
          fit,
          TARGET_SECONDS,
          fit < TARGET_SECONDS ? "PASS" : "FAIL");
      System.out.printf(
          Locale.ROOT,
          "Reference: one log-likelihood summed member by member takes %.3f s (LL %.1f); "
              + "the fit makes about %d such evaluations on the full data%n",
          naiveSeconds,
          naive,
          purchases.iterations() * 2 + 33);
      double[] se = purchases.standardErrors();
      System.out.printf(
          Locale.ROOT,
          "Recovered  r=%.4f (+-%.4f, true %.2f)  alpha=%.2f (+-%.2f, true %.0f)  "
              + "a=%.4f (+-%.4f, true %.2f)  b=%.4f (+-%.4f, true %.2f)%n",
          m.r(),
          se[0],
          TRUE_PURCHASES.r(),
          m.alpha(),
          se[1],
          TRUE_PURCHASES.alpha(),
          m.a(),
          se[2],
          TRUE_PURCHASES.a(),
          m.b(),
          se[3],
          TRUE_PURCHASES.b());
      GammaGamma g = spend.model();
      System.out.printf(
          Locale.ROOT,
          "Recovered  p=%.3f (true %.2f)  q=%.3f (true %.2f)  v=%.3f (true %.2f)%n",
          g.p(),
          TRUE_SPEND.p(),
          g.q(),
          TRUE_SPEND.q(),
          g.v(),
          TRUE_SPEND.v());
      figures.forEach((k, v) -> System.out.println("bench.clv." + k + "=" + v));
      return fit < TARGET_SECONDS ? 0 : 1;
    } finally {
      spark.stop();
    }
  }

  private static final StructType EVENTS =
      new StructType()
          .add("customer_id", DataTypes.StringType, false)
          .add("ts_millis", DataTypes.LongType, false)
          .add("type", DataTypes.StringType, false)
          .add("amount", DataTypes.DoubleType, false);

  /** One member's purchases: first purchase uniform in the window, repeats from the BG/NBD in days. */
  private record SimulatedMember(long seed) implements FlatMapFunction<Long, Row> {
    @Override
    public java.util.Iterator<Row> call(Long id) {
      SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + id);
      long end = END.toEpochDay();
      long first = end - rnd.nextInt(WINDOW_DAYS);
      double[] times = BgNbdSimulation.purchaseTimes(TRUE_PURCHASES, end - first, rnd);
      double nu = BgNbdSimulation.spendScale(TRUE_SPEND, rnd);
      String customer = "m" + id;
      String purchase = EventType.PURCHASE.wireName();
      List<Row> rows = new ArrayList<>(times.length + 1);
      rows.add(
          RowFactory.create(
              customer,
              first * DAY_MILLIS,
              purchase,
              BgNbdSimulation.transactionValue(TRUE_SPEND, nu, rnd)));
      for (double t : times) {
        // Purchases keep their time of day, so two on one day are one transaction, as in real data.
        rows.add(
            RowFactory.create(
                customer,
                first * DAY_MILLIS + (long) (t * DAY_MILLIS),
                purchase,
                BgNbdSimulation.transactionValue(TRUE_SPEND, nu, rnd)));
      }
      return rows.iterator();
    }
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
