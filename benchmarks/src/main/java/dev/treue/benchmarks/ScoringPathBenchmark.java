package dev.treue.benchmarks;

import dev.treue.core.churn.ChurnScore;
import dev.treue.core.churn.ChurnScorer;
import dev.treue.core.customer.CustomerState;
import dev.treue.core.feature.ChurnFeatures;
import java.util.ArrayList;
import java.util.List;
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
 * What the service does per member: {@link CustomerState} to features ({@link ChurnFeatures}),
 * to a calibrated probability with three reasons ({@link ChurnScorer#score}, 1 + 10 predictions),
 * on each prediction path: Tribuo's {@code model.predict}, the native XGBoost booster and the Java
 * tree evaluator. Members cycle through a few thousand synthetic states, so branch predictors and
 * caches see varied members, not one. {@code features} alone is the floor under every path.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ScoringPathBenchmark {
  /** Synthetic members to cycle through. */
  @Param("4000")
  public int members;

  private CustomerState[] states;
  private ChurnScorer tribuo;
  private ChurnScorer nativeBooster;
  private ChurnScorer javaTrees;

  /** One member after another, per benchmark thread. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;

    CustomerState advance(CustomerState[] states) {
      next = next + 1 == states.length ? 0 : next + 1;
      return states[next];
    }
  }

  /** Builds the members and trains the model (training's settings) on them. */
  @Setup(Level.Trial)
  public void setUp() {
    List<SyntheticProgramme.Customer> customers = SyntheticProgramme.customers(members, 42);
    states = new CustomerState[members];
    List<double[]> vectors = new ArrayList<>(members);
    boolean[] lapsed = new boolean[members];
    for (int i = 0; i < members; i++) {
      states[i] = customers.get(i).state();
      vectors.add(ChurnFeatures.compute(states[i], SyntheticProgramme.AS_OF_DAY));
      lapsed[i] = customers.get(i).lapsed();
    }
    BenchmarkChurnModel m = BenchmarkChurnModel.train(vectors, lapsed);
    tribuo = new ChurnScorer(m.model(), m.calibrator(), m.reference(), m.lifetime(), "tribuo");
    nativeBooster =
        new ChurnScorer(m.model(), m.calibrator(), m.reference(), m.lifetime(), "xgboost-native");
    javaTrees =
        new ChurnScorer(m.model(), m.calibrator(), m.reference(), m.lifetime(), "java-trees");
    ChurnScore probe = javaTrees.score(vectors.get(0));
    if (!probe.equals(nativeBooster.score(vectors.get(0)))) {
      throw new IllegalStateException(
          "java-trees and xgboost-native disagree on member 0: " + probe);
    }
  }

  @Benchmark
  public double[] features(Cursor cursor) {
    return javaTrees.features(cursor.advance(states), SyntheticProgramme.AS_OF_DAY);
  }

  @Benchmark
  public ChurnScore javaTrees(Cursor cursor) {
    return javaTrees.score(
        javaTrees.features(cursor.advance(states), SyntheticProgramme.AS_OF_DAY));
  }

  @Benchmark
  public ChurnScore nativeBooster(Cursor cursor) {
    return nativeBooster.score(
        nativeBooster.features(cursor.advance(states), SyntheticProgramme.AS_OF_DAY));
  }

  @Benchmark
  public ChurnScore tribuo(Cursor cursor) {
    return tribuo.score(tribuo.features(cursor.advance(states), SyntheticProgramme.AS_OF_DAY));
  }
}
