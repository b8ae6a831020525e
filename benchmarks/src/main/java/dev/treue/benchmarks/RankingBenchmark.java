package dev.treue.benchmarks;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.offers.Offer;
import dev.treue.core.offers.OfferCatalog;
import dev.treue.core.offers.OfferFeatures;
import dev.treue.core.offers.OfferKind;
import dev.treue.core.offers.OfferPriors;
import dev.treue.core.offers.OfferResponseScorer;
import dev.treue.core.offers.RankingInput;
import dev.treue.core.offers.RankingPolicy;
import dev.treue.core.offers.RewardRanker;
import dev.treue.core.offers.RewardRanking;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the service does for {@code GET /v1/customers/{id}/rewards} once the member's state is read:
 * rank {@code candidates} live offers ({@link RewardRanker#rank}: the member's offer features, one
 * batched prediction over every eligible offer through the Java tree evaluator, the eligibility rules,
 * expected value, exploration and explanations). Members cycle through a few thousand synthetic states
 * with offer histories; the response model (150 trees of depth 6, the largest train offers candidate) is trained at setup on synthetic exposures.
 * {@code features} alone (member part plus one vector per candidate) is the floor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RankingBenchmark {
  /** Synthetic members to cycle through. */
  @Param("4000")
  public int members;

  /** Live offers ranked per request. */
  @Param("50")
  public int candidates;

  private static final String[] CATEGORIES = {
    "grocery", "fashion", "home", "beauty", "electronics", "toys"
  };
  private static final int DAY = SyntheticProgramme.AS_OF_DAY;

  private CustomerState[] states;
  private OfferCatalog catalog;
  private List<Offer> live;
  private OfferResponseScorer scorer;
  private RewardRanker ranker;

  /** One member after another, and the exploration draws, per benchmark thread. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;
    final SplittableRandom rng = new SplittableRandom(7);

    CustomerState advance(CustomerState[] states) {
      next = next + 1 == states.length ? 0 : next + 1;
      return states[next];
    }
  }

  /** Builds members and offers and trains the response model on synthetic exposures. */
  @Setup(Level.Trial)
  public void setUp() {
    states =
        SyntheticProgramme.customers(members, 42).stream()
            .map(SyntheticProgramme.Customer::state)
            .toArray(CustomerState[]::new);
    SplittableRandom r = new SplittableRandom(3);
    List<Offer> all = new ArrayList<>();
    // The synthetic histories refer to offers o0..o96; the last `candidates` of them are live
    // today.
    int total = Math.max(97, candidates);
    for (int i = 0; i < total; i++) {
      OfferKind kind = OfferKind.values()[r.nextInt(OfferKind.values().length)];
      double value = 5 + r.nextInt(40);
      boolean isLive = i >= total - candidates;
      int from = isLive ? DAY - r.nextInt(20) : DAY - 700 + 7 * (i % 90);
      all.add(
          new Offer(
              "o" + i,
              kind,
              r.nextInt(4) == 0 ? null : CATEGORIES[r.nextInt(CATEGORIES.length)],
              value,
              value * (0.3 + 0.6 * r.nextDouble()),
              r.nextInt(5) == 0 ? 200 : 0,
              r.nextInt(6) == 0 ? 1 : 0,
              from,
              from + 14 + r.nextInt(30),
              1e9,
              2,
              Set.of("email", "app")));
    }
    catalog = OfferCatalog.of(all);
    live = all.subList(total - candidates, total);
    List<double[]> vectors = new ArrayList<>();
    boolean[] redeemed = new boolean[20_000];
    for (int i = 0; i < redeemed.length; i++) {
      CustomerState s = states[r.nextInt(states.length)];
      Offer o = all.get(r.nextInt(all.size()));
      OfferFeatures.Member m = OfferFeatures.member(s, DAY, catalog, OfferPriors.NONE);
      double[] v = m.vectorFor(o);
      vectors.add(v);
      // A latent response: category fit, kind history, value and recent activity.
      double logit =
          -2.2
              + 2.5 * m.categoryShare(o.category())
              + 0.6 * m.kindRedeemed(o.kind())
              + 0.03 * o.value()
              - 0.01 * v[0];
      redeemed[i] = r.nextDouble() < 1 / (1 + Math.exp(-logit));
    }
    scorer =
        new OfferResponseScorer(
            BenchmarkResponseModel.train(vectors, redeemed), OfferFeatures.spec(), null);
    if (!scorer.predictorPath().equals("java-trees")) {
      throw new IllegalStateException(
          "the ranking benchmark expects the Java tree path, got " + scorer.predictorPath());
    }
    ranker = new RewardRanker(RankingPolicy.defaults());
  }

  private RankingInput input(CustomerState s) {
    return new RankingInput(
        s.customerId(), s, DAY, "email", 0.3, true, catalog, live, id -> 0, id -> 1e9);
  }

  @Benchmark
  public RewardRanking rank(Cursor cursor) {
    return ranker.rank(input(cursor.advance(states)), scorer, 3, cursor.rng);
  }

  @Benchmark
  public double[][] features(Cursor cursor) {
    OfferFeatures.Member m =
        OfferFeatures.member(cursor.advance(states), DAY, catalog, OfferPriors.NONE);
    double[][] out = new double[live.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = m.vectorFor(live.get(i));
    }
    return out;
  }
}
