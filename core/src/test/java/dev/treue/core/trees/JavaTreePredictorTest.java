package dev.treue.core.trees;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.treue.core.calibration.IsotonicCalibrator;
import dev.treue.core.churn.ChurnScorer;
import dev.treue.core.churn.ReasonGroup;
import dev.treue.core.clv.BgNbd;
import dev.treue.core.clv.ClvHorizon;
import dev.treue.core.clv.GammaGamma;
import dev.treue.core.clv.LifetimeModel;
import dev.treue.core.feature.ChurnFeatures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.common.xgboost.XGBoostModel;

/**
 * The Java tree evaluator gives the native booster's probabilities, to 1e-7 and almost always to
 * the bit, on random vectors and on the edges of float arithmetic: NaN, signed zeros, values on,
 * just above and just below every threshold, subnormals, the largest finite floats. (The native
 * booster refuses infinite values; the Java path sends them the way the float comparison does.)
 */
class JavaTreePredictorTest {
  private static final double TOLERANCE = 1e-7;
  private static final int WIDTH = ChurnFeatures.SPEC.size();
  private static final FeatureGroups REASONS = ReasonGroup.VARIANTS;

  private static MutableDataset<Label> data;

  @BeforeAll
  static void trainOnce() {
    data = SyntheticChurnModels.dataset(4000, 3);
  }

  @Test
  void matchesTheNativeBoosterForTheProductsTreeSettings() throws Exception {
    XGBoostModel<Label> model = SyntheticChurnModels.candidateConfiguration(150, 0.04, 3, data);
    assertMatchesNative(model, 6000);
  }

  @Test
  void matchesTheNativeBoosterForBundlesTrainedUnderSoftprob() throws Exception {
    // Registries keep churn bundles fitted before the trainer moved to binary:logistic.
    XGBoostModel<Label> model = SyntheticChurnModels.softprobConfiguration(150, 0.04, 3, data);
    assertMatchesNative(model, 6000);
  }

  @Test
  void matchesTheNativeBoosterForDeepUnevenTrees() throws Exception {
    // Depth 6 with min_child_weight 5 stops many branches early: padding is exercised throughout.
    XGBoostModel<Label> model = SyntheticChurnModels.candidateConfiguration(40, 0.3, 6, data);
    assertMatchesNative(model, 4000);
  }

  @Test
  void aBigBatchPredictedInChunksSideBySideGivesEachRowItsOwnProbability() {
    XGBoostModel<Label> model = SyntheticChurnModels.candidateConfiguration(150, 0.04, 3, data);
    SplittableRandom rnd = new SplittableRandom(5);
    List<double[]> vectors = new ArrayList<>();
    // Two whole chunks and a part: three chunks, the last one short.
    for (int i = 0; i < 2 * ScorePredictor.CHUNK + 777; i++) {
      vectors.add(SyntheticChurnModels.vector(rnd));
    }
    for (ScorePredictor predictor : List.of(javaTrees(model), nativeTrees(model))) {
      double[] whole = predictor.predict(vectors);
      double[] chunked = predictor.predictAll(vectors);
      assertEquals(vectors.size(), chunked.length);
      for (int i = 0; i < whole.length; i++) {
        assertEquals(
            Double.doubleToLongBits(whole[i]),
            Double.doubleToLongBits(chunked[i]),
            predictor.path() + " row " + i);
      }
    }
    // A batch under two chunks is one call.
    List<double[]> small = vectors.subList(0, 2 * ScorePredictor.CHUNK - 1);
    assertArrayEquals(javaTrees(model).predict(small), javaTrees(model).predictAll(small));
  }

  private static void assertMatchesNative(XGBoostModel<Label> model, int count) throws Exception {
    int[] columns = columns(model);
    assertEquals(
        -1, columns[SyntheticChurnModels.UNSEEN.ordinal()], "the unseen feature has no column");
    assertExercisesMissingAndShortBranches(model.getInnerModels().get(0));
    List<double[]> vectors =
        edgeVectors(thresholdsByFeature(model.getInnerModels().get(0), columns), count, 17);
    double[] expected = nativeTrees(model).predict(vectors);
    JavaTreePredictor java = javaTrees(model);
    assertAgree(expected, java.predict(vectors), vectors);
    assertVariantsArePredictionsOfVariants(java, vectors.subList(0, 300));
  }

  /** The Java evaluator of a churn model, with its reason groups. */
  private static JavaTreePredictor javaTrees(XGBoostModel<Label> model) {
    return JavaTreePredictor.of(
            model, ChurnFeatures.SPEC.names(), ChurnScorer.CHURN, REASONS, new StringBuilder())
        .orElseThrow();
  }

  /** The booster columns of the churn features. */
  private static int[] columns(XGBoostModel<Label> model) {
    return FeatureColumns.of(model, ChurnFeatures.SPEC.names());
  }

  /** The native booster of a churn model. */
  private static NativeTreePredictor nativeTrees(XGBoostModel<Label> model) {
    return NativeTreePredictor.of(model, ChurnFeatures.SPEC.names(), ChurnScorer.CHURN);
  }

  private static void assertAgree(double[] expected, double[] actual, List<double[]> vectors) {
    int identical = 0;
    double worst = 0;
    int worstAt = -1;
    for (int i = 0; i < expected.length; i++) {
      double d = Math.abs(expected[i] - actual[i]);
      identical += expected[i] == actual[i] ? 1 : 0;
      if (d > worst || Double.isNaN(d)) {
        worst = d;
        worstAt = i;
      }
    }
    System.out.printf(
        "java-trees vs native: %d vectors, %d bit-identical, max |diff| %.3g%n",
        expected.length, identical, worst);
    int at = worstAt;
    assertTrue(
        worst <= TOLERANCE,
        () ->
            "vector "
                + at
                + " "
                + java.util.Arrays.toString(vectors.get(at))
                + ": native "
                + expected[at]
                + ", java "
                + actual[at]);
  }

  @Test
  void matchesTheNativeBoosterUnderBinaryLogistic() throws Exception {
    // A booster trained directly, with a base score whose logit is not zero (the product's trainer
    // keeps XGBoost's 0.5).
    SplittableRandom rnd = new SplittableRandom(5);
    int rows = 3000;
    float[] x = new float[rows * WIDTH];
    float[] y = new float[rows];
    for (int i = 0; i < rows; i++) {
      double[] v = SyntheticChurnModels.vector(rnd);
      for (int f = 0; f < WIDTH; f++) {
        x[i * WIDTH + f] = i % 9 == f % 9 ? Float.NaN : (float) v[f];
      }
      y[i] = v[0] + 0.001 * v[2] + rnd.nextDouble() > 1.2 ? 1 : 0;
    }
    DMatrix train = new DMatrix(x, rows, WIDTH, Float.NaN);
    train.setLabel(y);
    Map<String, Object> params = new HashMap<>();
    params.put("objective", "binary:logistic");
    params.put("base_score", 0.3);
    params.put("max_depth", 4);
    params.put("eta", 0.1);
    params.put("min_child_weight", 5.0);
    params.put("tree_method", "hist");
    params.put("nthread", 1);
    params.put("seed", 1);
    Booster booster = XGBoost.train(train, params, 80, new HashMap<>(), null, null);
    train.dispose();
    int[] columns = new int[WIDTH];
    for (int f = 0; f < WIDTH; f++) {
      columns[f] = f;
    }
    assertExercisesMissingAndShortBranches(booster);
    List<double[]> vectors = edgeVectors(thresholdsByFeature(booster, columns), 5000, 23);
    float[] dense = new float[vectors.size() * WIDTH];
    for (int i = 0; i < vectors.size(); i++) {
      for (int f = 0; f < WIDTH; f++) {
        dense[i * WIDTH + f] = (float) vectors.get(i)[f];
      }
    }
    DMatrix matrix = new DMatrix(dense, vectors.size(), WIDTH, Float.NaN);
    float[][] nativeOut = booster.predict(matrix);
    matrix.dispose();
    for (int churnOutput = 0; churnOutput <= 1; churnOutput++) {
      double[] expected = new double[vectors.size()];
      for (int i = 0; i < expected.length; i++) {
        // As NativeTreePredictor reads the single column for either label id.
        expected[i] = churnOutput == 1 ? nativeOut[i][0] : 1 - nativeOut[i][0];
      }
      JavaTreePredictor java =
          JavaTreePredictor.of(booster, columns, WIDTH, churnOutput, 2, REASONS);
      assertAgree(expected, java.predict(vectors), vectors);
      // Depth 4: the largest turn table; variants still equal the variants' own predictions.
      assertVariantsArePredictionsOfVariants(java, vectors.subList(0, 300));
    }
  }

  private static void assertVariantsArePredictionsOfVariants(
      ScorePredictor predictor, List<double[]> vectors) {
    double[] reference = SyntheticChurnModels.vector(new SplittableRandom(1));
    double[][] rows = predictor.predictWithVariants(vectors, reference, REASONS);
    for (int i = 0; i < vectors.size(); i++) {
      List<double[]> variants = new ArrayList<>();
      variants.add(vectors.get(i));
      for (int g = 0; g < REASONS.size(); g++) {
        variants.add(REASONS.withReference(vectors.get(i), reference, g));
      }
      assertArrayEquals(predictor.predict(variants), rows[i], 0.0, "vector " + i);
    }
  }

  @Test
  void batchesSharingColumnsArePredictedAsEachVectorAlone() throws Exception {
    // A ranking's batch: the member's columns equal in every row, the offer's columns differing.
    // Shallow trees take the shared-columns path, deep ones the walk; both must equal the vector
    // predicted alone to the bit, and the native booster to the tolerance.
    for (int depth : new int[] {3, 4, 6}) {
      XGBoostModel<Label> model = SyntheticChurnModels.candidateConfiguration(80, 0.1, depth, data);
      JavaTreePredictor java = javaTrees(model);
      List<double[]> edges =
          edgeVectors(thresholdsByFeature(model.getInnerModels().get(0), columns(model)), 2000, 41);
      SplittableRandom rnd = new SplittableRandom(depth);
      for (int batch = 0; batch < 40; batch++) {
        double[] member = edges.get(rnd.nextInt(edges.size()));
        List<double[]> rows = new ArrayList<>();
        int n = 2 + rnd.nextInt(60);
        for (int i = 0; i < n; i++) {
          double[] own = edges.get(rnd.nextInt(edges.size()));
          double[] v = member.clone();
          // Every fourth batch shares nothing: those are walked as before.
          for (int f = batch % 4 == 3 ? 0 : batch % 3;
              f < WIDTH;
              f += batch % 4 == 3 ? 1 : 2 + batch % 3) {
            v[f] = own[f];
          }
          rows.add(v);
        }
        double[] together = java.predict(rows);
        for (int i = 0; i < n; i++) {
          assertEquals(
              java.predict(List.of(rows.get(i)))[0],
              together[i],
              0.0,
              "depth " + depth + ", batch " + batch + ", row " + i);
        }
        assertAgree(nativeTrees(model).predict(rows), together, rows);
      }
    }
  }

  @Test
  void catalogueTurnsKeptPerCombinationPredictAsWithout() throws Exception {
    // A ranking's batches: the member's columns shared, a few "catalogue" columns taking values
    // from a small pool of combinations that repeat call after call (cache hits), the rest varying
    // freely. With the catalogue's turns kept, every probability equals the plain batch's to the
    // bit, for the shared-columns path (depth 3, 4) and the walk (depth 6).
    int[] catalogue = {1, 4, 5, 9, 12};
    for (int depth : new int[] {3, 4, 6}) {
      XGBoostModel<Label> model = SyntheticChurnModels.candidateConfiguration(80, 0.1, depth, data);
      JavaTreePredictor plain = javaTrees(model);
      JavaTreePredictor kept = plain.withCatalogFeatures(catalogue);
      List<double[]> edges =
          edgeVectors(thresholdsByFeature(model.getInnerModels().get(0), columns(model)), 2000, 43);
      List<double[]> pool = edges.subList(0, 30);
      SplittableRandom rnd = new SplittableRandom(100 + depth);
      for (int batch = 0; batch < 60; batch++) {
        double[] member = edges.get(rnd.nextInt(edges.size()));
        List<double[]> rows = new ArrayList<>();
        int n = 2 + rnd.nextInt(50);
        for (int i = 0; i < n; i++) {
          double[] v = member.clone();
          double[] offer = pool.get(rnd.nextInt(pool.size()));
          for (int f : catalogue) {
            v[f] = offer[f];
          }
          // Some columns besides the catalogue's vary per row, as the member-offer fit does.
          double[] own = edges.get(rnd.nextInt(edges.size()));
          if (batch % 2 == 1) {
            for (int f = batch % 3; f < WIDTH; f += 3) {
              int feature = f;
              if (java.util.Arrays.stream(catalogue).noneMatch(c -> c == feature)) {
                v[f] = own[f];
              }
            }
          }
          rows.add(v);
        }
        assertArrayEquals(
            plain.predict(rows), kept.predict(rows), 0.0, "depth " + depth + ", batch " + batch);
      }
      if (depth <= 4) {
        assertTrue(
            kept.catalogCombinations() > 0 && kept.catalogCombinations() <= pool.size(),
            "one entry per combination of the pool: " + kept.catalogCombinations());
      }
      // A copy (Spark broadcasts the offer scorer) keeps the catalogue features, not the turns.
      JavaTreePredictor copy = serializedCopy(kept);
      List<double[]> rows = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        double[] v = edges.get(i).clone();
        double[] offer = pool.get(i % pool.size());
        for (int f : catalogue) {
          v[f] = offer[f];
        }
        rows.add(v);
      }
      assertArrayEquals(plain.predict(rows), copy.predict(rows), 0.0, "copy, depth " + depth);
      if (depth <= 4) {
        assertTrue(copy.catalogCombinations() > 0, "the copy keeps turns of its own");
      }
    }
  }

  @Test
  void catalogueTurnsStayBoundedWhenValuesNeverRepeat() throws Exception {
    XGBoostModel<Label> model = SyntheticChurnModels.candidateConfiguration(30, 0.1, 3, data);
    JavaTreePredictor plain = javaTrees(model);
    JavaTreePredictor kept = plain.withCatalogFeatures(new int[] {0, 2});
    SplittableRandom rnd = new SplittableRandom(7);
    double[] member = SyntheticChurnModels.vector(rnd);
    for (int call = 0; call < (CatalogTurns.MAX + 500) / 10; call++) {
      List<double[]> rows = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        double[] v = member.clone();
        v[0] = rnd.nextDouble() * 1000;
        v[2] = rnd.nextDouble() * 1000;
        rows.add(v);
      }
      assertArrayEquals(plain.predict(rows), kept.predict(rows), 0.0, "call " + call);
      assertTrue(kept.catalogCombinations() <= CatalogTurns.MAX);
    }
  }

  @Test
  void reasonVariantsAreThePredictionsOfTheVariants() throws Exception {
    XGBoostModel<Label> model = SyntheticChurnModels.candidateConfiguration(100, 0.1, 3, data);
    JavaTreePredictor java = javaTrees(model);
    List<double[]> vectors =
        edgeVectors(thresholdsByFeature(model.getInnerModels().get(0), columns(model)), 400, 29);
    double[] reference = SyntheticChurnModels.vector(new SplittableRandom(1));
    double[][] fast = java.predictWithVariants(vectors, reference, REASONS);
    double[][] plain = nativeTrees(model).predictWithVariants(vectors, reference, REASONS);
    for (int i = 0; i < vectors.size(); i++) {
      List<double[]> variants = new ArrayList<>();
      variants.add(vectors.get(i));
      for (int g = 0; g < REASONS.size(); g++) {
        variants.add(REASONS.withReference(vectors.get(i), reference, g));
      }
      // The pruned walk is exactly the full walk of each variant, and the native booster agrees.
      assertArrayEquals(java.predict(variants), fast[i], 0.0, "vector " + i);
      assertArrayEquals(plain[i], fast[i], TOLERANCE, "vector " + i);
    }
  }

  @Test
  void variantsOnlyWhereWantedEqualTheFullPredictions() throws Exception {
    // The churn scorer explains only members from a probability up: one call gives every vector's
    // probability and the variants of those the test accepts, equal to predict and
    // predictWithVariants to the bit, on the Java trees (splits decided once per vector) and on
    // the default every other path uses.
    XGBoostModel<Label> model = SyntheticChurnModels.candidateConfiguration(100, 0.1, 3, data);
    List<double[]> vectors =
        edgeVectors(thresholdsByFeature(model.getInnerModels().get(0), columns(model)), 400, 31);
    double[] reference = SyntheticChurnModels.vector(new SplittableRandom(1));
    for (ScorePredictor predictor : List.of(javaTrees(model), nativeTrees(model))) {
      double[] p = predictor.predict(vectors);
      double[] sorted = p.clone();
      java.util.Arrays.sort(sorted);
      double from = sorted[sorted.length / 2];
      double[][] rows =
          predictor.predictWithVariantsWhere(vectors, reference, REASONS, r -> r >= from);
      double[][] all = predictor.predictWithVariants(vectors, reference, REASONS);
      int explained = 0;
      for (int i = 0; i < vectors.size(); i++) {
        String what = predictor.path() + " vector " + i;
        if (p[i] >= from) {
          explained++;
          assertArrayEquals(all[i], rows[i], 0.0, what);
        } else {
          assertArrayEquals(new double[] {p[i]}, rows[i], 0.0, what);
        }
      }
      assertTrue(explained > 0 && explained < vectors.size(), "some explained, some not");
    }
  }

  @Test
  void theScorerPicksJavaTreesAndSurvivesSerialization() throws Exception {
    XGBoostModel<Label> model = SyntheticChurnModels.candidateConfiguration(60, 0.1, 3, data);
    List<double[]> vectors =
        edgeVectors(thresholdsByFeature(model.getInnerModels().get(0), columns(model)), 300, 31)
            .subList(3, 300);
    double[] raw =
        new ScorePredictor.TribuoPredictor(model, ChurnFeatures.SPEC, ChurnScorer.CHURN)
            .predict(vectors);
    double[] reference = vectors.get(0);
    boolean[] churned = new boolean[raw.length];
    for (int i = 0; i < raw.length; i++) {
      churned[i] = i % 3 == 0;
    }
    ChurnScorer scorer =
        new ChurnScorer(
            model,
            IsotonicCalibrator.fit(raw, churned),
            reference,
            // The published CDNOW fit, in days: any valid lifetime model serves a scorer test.
            new LifetimeModel(
                new BgNbd(0.243, 4.414 * 7, 0.793, 2.426),
                new GammaGamma(6.25, 3.74, 15.44),
                1,
                ClvHorizon.DEFAULT));
    assertEquals("java-trees", ChurnScorer.predictor(model).path());
    assertArrayEquals(
        raw, scorer.rawProbabilities(vectors), TOLERANCE, "Tribuo's own probabilities");

    ChurnScorer copy = serializedCopy(scorer);
    assertEquals(scorer.scoreAll(vectors), copy.scoreAll(vectors));
    assertEquals(scorer.score(vectors.get(5)), copy.scoreAll(vectors).get(5));
  }

  @Test
  void infinityGoesWhereTheLargestFloatGoes() throws Exception {
    // Native XGBoost refuses infinite inputs; Java sends them past every finite threshold.
    XGBoostModel<Label> model = SyntheticChurnModels.candidateConfiguration(30, 0.1, 3, data);
    JavaTreePredictor java = javaTrees(model);
    double[] inf = SyntheticChurnModels.vector(new SplittableRandom(2));
    double[] max = inf.clone();
    for (int f = 0; f < WIDTH; f += 5) {
      inf[f] = f % 2 == 0 ? 1e300 : Double.NEGATIVE_INFINITY;
      max[f] = f % 2 == 0 ? Float.MAX_VALUE : -Float.MAX_VALUE;
    }
    assertArrayEquals(java.predict(List.of(max)), java.predict(List.of(inf)), 0.0);
  }

  /** The booster has splits that send missing values left, and leaves above the bottom level. */
  private static void assertExercisesMissingAndShortBranches(Booster booster) throws Exception {
    int defaultLeft = 0;
    int shortLeaves = 0;
    JsonNode trees =
        new ObjectMapper()
            .readTree(booster.toByteArray("json"))
            .path("learner")
            .path("gradient_booster")
            .path("model")
            .path("trees");
    int maxNodes = 0;
    for (JsonNode tree : trees) {
      maxNodes = Math.max(maxNodes, tree.path("left_children").size());
    }
    for (JsonNode tree : trees) {
      JsonNode left = tree.path("left_children");
      for (int n = 0; n < left.size(); n++) {
        defaultLeft +=
            left.get(n).asInt() >= 0 && tree.path("default_left").get(n).asInt() == 1 ? 1 : 0;
      }
      shortLeaves += left.size() < maxNodes ? 1 : 0;
    }
    assertTrue(defaultLeft > 0, "some split sends missing values left");
    assertTrue(shortLeaves > 0, "some tree stops a branch early");
  }

  /** Every split threshold of the booster, per churn feature. */
  static List<List<Float>> thresholdsByFeature(Booster booster, int[] columns) throws Exception {
    int[] featureOfColumn = new int[WIDTH];
    java.util.Arrays.fill(featureOfColumn, -1);
    for (int f = 0; f < columns.length; f++) {
      if (columns[f] >= 0) {
        featureOfColumn[columns[f]] = f;
      }
    }
    List<List<Float>> out = new ArrayList<>();
    for (int f = 0; f < WIDTH; f++) {
      out.add(new ArrayList<>());
    }
    JsonNode trees =
        new ObjectMapper()
            .readTree(booster.toByteArray("json"))
            .path("learner")
            .path("gradient_booster")
            .path("model")
            .path("trees");
    for (JsonNode tree : trees) {
      for (int n = 0; n < tree.path("left_children").size(); n++) {
        if (tree.path("left_children").get(n).asInt() >= 0) {
          int f = featureOfColumn[tree.path("split_indices").get(n).asInt()];
          out.get(f).add(Float.parseFloat(tree.path("split_conditions").get(n).asText()));
        }
      }
    }
    return out;
  }

  /** Random vectors, then the same with edge values put into a few features each. */
  static List<double[]> edgeVectors(List<List<Float>> thresholds, int count, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<double[]> out = new ArrayList<>(count);
    out.add(new double[WIDTH]);
    double[] negativeZeros = new double[WIDTH];
    java.util.Arrays.fill(negativeZeros, -0.0);
    out.add(negativeZeros);
    double[] allMissing = new double[WIDTH];
    java.util.Arrays.fill(allMissing, Double.NaN);
    out.add(allMissing);
    while (out.size() < count) {
      double[] v = SyntheticChurnModels.vector(rnd);
      if (out.size() % 4 != 0) {
        int edits = 1 + rnd.nextInt(8);
        for (int e = 0; e < edits; e++) {
          int f = rnd.nextInt(WIDTH);
          v[f] = edgeValue(thresholds.get(f), rnd);
        }
      }
      out.add(v);
    }
    return out;
  }

  private static double edgeValue(List<Float> thresholds, SplittableRandom rnd) {
    float t = thresholds.isEmpty() ? 1f : thresholds.get(rnd.nextInt(thresholds.size()));
    return switch (rnd.nextInt(12)) {
      case 0, 1 -> t;
      case 2 -> Math.nextUp(t);
      case 3 -> Math.nextDown(t);
      // A double just off the threshold that still rounds to it as a float.
      case 4 -> (double) t + Math.ulp(t) / 4;
      case 5 -> (double) t - Math.ulp(t) / 4;
      case 6 -> Double.NaN;
      case 7 -> rnd.nextBoolean() ? -0.0 : 0.0;
      case 8 -> rnd.nextBoolean() ? Float.MAX_VALUE : -Float.MAX_VALUE;
      case 9 -> rnd.nextBoolean() ? 1e30 : -1e30;
      case 10 -> rnd.nextBoolean() ? Float.MIN_VALUE : -Float.MIN_VALUE;
      // The largest doubles that still round to a finite float: the native matrix refuses
      // infinities.
      default -> (rnd.nextBoolean() ? 1 : -1) * (double) Float.MAX_VALUE * (1 + 1e-9);
    };
  }

  /** What Java serialization (as Spark's broadcast uses it) gives back for {@code o}. */
  @SuppressWarnings("unchecked")
  private static <T> T serializedCopy(T o) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }
}
