package dev.treue.core.trees;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Arrays;
import java.util.Set;

/**
 * Reads a booster saved in XGBoost's JSON model format (1.0 and later) into a {@link TreeEnsemble}.
 * Only what the Java evaluator reproduces exactly is accepted: plain {@code gbtree} boosters with
 * numeric splits and scalar leaves, under {@code binary:logistic} or {@code multi:softprob}.
 * Anything else is refused with the reason, and the caller keeps the native booster.
 */
final class XGBoostJsonTrees {
  /** Deeper trees would pad to too many slots; the native booster handles them. */
  static final int MAX_DEPTH = 8;

  private static final Set<String> OBJECTIVES = Set.of("binary:logistic", "multi:softprob");

  // Numbers as decimals, so each threshold is parsed straight to the float XGBoost printed.
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /** The format is outside what {@link TreeEnsemble} evaluates exactly. */
  static final class UnsupportedTrees extends Exception {
    private static final long serialVersionUID = 1L;

    UnsupportedTrees(String message) {
      super(message);
    }
  }

  private XGBoostJsonTrees() {}

  /**
   * @param json the booster's {@code toByteArray("json")}
   * @param columns how many columns the booster reads (Tribuo's feature count)
   * @param groupOfColumn per column its group for variants, or {@code groups} for none
   * @param groups how many groups there are
   * @param outputs the label count of the model
   */
  static TreeEnsemble read(byte[] json, int columns, int[] groupOfColumn, int groups, int outputs)
      throws UnsupportedTrees {
    JsonNode learner;
    try {
      learner = JSON.readTree(json).path("learner");
    } catch (IOException e) {
      throw new UnsupportedTrees("not an XGBoost JSON model: " + e.getMessage());
    }
    String objectiveName = learner.path("objective").path("name").asText();
    if (!OBJECTIVES.contains(objectiveName)) {
      throw new UnsupportedTrees(
          "objective '" + objectiveName + "', expected one of " + OBJECTIVES);
    }
    JsonNode booster = learner.path("gradient_booster");
    if (!"gbtree".equals(booster.path("name").asText())) {
      throw new UnsupportedTrees(
          "booster '" + booster.path("name").asText() + "', expected gbtree");
    }
    JsonNode params = learner.path("learner_model_param");
    float baseScore = number(params.path("base_score"));
    TreeObjective objective;
    float baseMargin;
    if (objectiveName.equals("binary:logistic")) {
      objective = TreeObjective.BINARY_LOGISTIC;
      // XGBoost keeps base_score as a probability and starts from its logit, in float.
      baseMargin = (float) -Math.log(1.0f / baseScore - 1.0f);
      if (outputs != 2) {
        throw new UnsupportedTrees("binary:logistic for " + outputs + " labels, expected 2");
      }
    } else {
      objective = TreeObjective.MULTI_SOFTPROB;
      baseMargin = baseScore;
      int numClass = params.path("num_class").asInt(-1);
      if (numClass != outputs) {
        throw new UnsupportedTrees("num_class " + numClass + " for " + outputs + " labels");
      }
    }
    JsonNode model = booster.path("model");
    JsonNode trees = model.path("trees");
    JsonNode treeInfo = model.path("tree_info");
    if (!trees.isArray() || trees.size() != treeInfo.size()) {
      throw new UnsupportedTrees("trees and tree_info disagree");
    }
    int depth = 0;
    for (JsonNode tree : trees) {
      checkTree(tree, columns);
      depth = Math.max(depth, depth(tree, 0));
    }
    if (depth > MAX_DEPTH) {
      throw new UnsupportedTrees(
          "trees " + depth + " deep, at most " + MAX_DEPTH + " evaluated in Java");
    }
    int n = trees.size();
    int margins = objective == TreeObjective.MULTI_SOFTPROB ? outputs : 1;
    int[] firstTreeOf = new int[margins + 1];
    for (int t = 0; t < n; t++) {
      int m = treeInfo.get(t).asInt();
      if (m < 0 || m >= margins) {
        throw new UnsupportedTrees("tree " + t + " adds to margin " + m + " of " + margins);
      }
      firstTreeOf[m + 1]++;
    }
    for (int m = 0; m < margins; m++) {
      firstTreeOf[m + 1] += firstTreeOf[m];
    }
    int internal = (1 << depth) - 1;
    long[] nodes = new long[n * internal];
    int[] splitGroup = new int[n * internal];
    Arrays.fill(splitGroup, groups);
    float[] leaves = new float[n * (internal + 1)];
    boolean[] real = new boolean[n * internal];
    TreeLayout layout = new TreeLayout(depth, nodes, real, splitGroup, leaves, groupOfColumn);
    // Grouped by margin, in booster order within each: every margin's sum keeps XGBoost's order.
    int[] next = firstTreeOf.clone();
    for (int t = 0; t < n; t++) {
      layout.place(trees.get(t), next[treeInfo.get(t).asInt()]++);
    }
    return new TreeEnsemble(
        objective,
        outputs,
        baseMargin,
        depth,
        firstTreeOf,
        nodes,
        real,
        columns,
        groups,
        splitGroup,
        leaves);
  }

  private static void checkTree(JsonNode tree, int columns) throws UnsupportedTrees {
    for (JsonNode type : tree.path("split_type")) {
      if (type.asInt() != 0) {
        throw new UnsupportedTrees("categorical splits");
      }
    }
    if (tree.path("tree_param").path("size_leaf_vector").asInt(0) != 0) {
      throw new UnsupportedTrees("vector leaves");
    }
    JsonNode left = tree.path("left_children");
    JsonNode split = tree.path("split_indices");
    for (int i = 0; i < left.size(); i++) {
      if (left.get(i).asInt() >= 0
          && (split.get(i).asInt() < 0 || split.get(i).asInt() >= columns)) {
        throw new UnsupportedTrees("a split on column " + split.get(i).asInt() + " of " + columns);
      }
    }
  }

  private static int depth(JsonNode tree, int node) {
    int left = tree.path("left_children").get(node).asInt();
    if (left < 0) {
      return 0;
    }
    int right = tree.path("right_children").get(node).asInt();
    return 1 + Math.max(depth(tree, left), depth(tree, right));
  }

  /** XGBoost prints floats as the shortest decimal that reads back as the same float. */
  static float number(JsonNode node) throws UnsupportedTrees {
    String text = node.asText();
    try {
      return Float.parseFloat(text);
    } catch (NumberFormatException e) {
      throw new UnsupportedTrees("not a number: '" + text + "'");
    }
  }
}
