package dev.treue.core.trees;

import com.google.protobuf.Any;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Example;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.common.xgboost.XGBoostOutputConverter;
import org.tribuo.common.xgboost.protos.XGBoostOutputConverterProto;

/**
 * Reads a {@code binary:logistic} booster inside a two-label Tribuo model: XGBoost gives one column,
 * the probability of the label with id 1, and this gives both labels theirs. Tribuo 4.3's own
 * classification converter expects a column per label ({@code multi:softprob}) and would read the
 * single column as label 0's score. Written into a bundle by its class name, so a service reading
 * the bundle needs this class, which is why it lives in core.
 */
public final class BinaryLogisticConverter implements XGBoostOutputConverter<Label> {
  private static final long serialVersionUID = 1L;

  /** The version written with the converter's name into a model's protobuf. */
  public static final int CURRENT_VERSION = 0;

  /** A converter for two-label boosters. */
  public BinaryLogisticConverter() {}

  /**
   * What Tribuo calls when it reads a model's protobuf (by this class's name).
   *
   * @throws IllegalArgumentException for a version newer than this class writes
   */
  public static BinaryLogisticConverter deserializeFromProto(
      int version, String className, Any message) {
    if (version < 0 || version > CURRENT_VERSION) {
      throw new IllegalArgumentException(
          "Unknown version "
              + version
              + ", this class supports at most version "
              + CURRENT_VERSION);
    }
    return new BinaryLogisticConverter();
  }

  @Override
  public boolean generatesProbabilities() {
    return true;
  }

  @Override
  public Prediction<Label> convertOutput(
      ImmutableOutputInfo<Label> labels,
      List<float[]> output,
      int numValidFeatures,
      Example<Label> example) {
    return prediction(labels, single(output), numValidFeatures, example);
  }

  @Override
  public List<Prediction<Label>> convertBatchOutput(
      ImmutableOutputInfo<Label> labels,
      List<float[][]> output,
      int[] numValidFeatures,
      Example<Label>[] examples) {
    float[][] rows = single(output);
    List<Prediction<Label>> out = new ArrayList<>(rows.length);
    for (int i = 0; i < rows.length; i++) {
      out.add(prediction(labels, rows[i], numValidFeatures[i], examples[i]));
    }
    return out;
  }

  /** The one booster's output (a Tribuo XGBoost model may hold several boosters; these hold one). */
  private static <T> T single(List<T> output) {
    if (output.size() != 1) {
      throw new IllegalArgumentException("expected one booster's output, got " + output.size());
    }
    return output.get(0);
  }

  private static Prediction<Label> prediction(
      ImmutableOutputInfo<Label> labels,
      float[] row,
      int numValidFeatures,
      Example<Label> example) {
    if (labels.size() != 2 || row.length != 1) {
      throw new IllegalArgumentException(
          "a binary:logistic booster gives one column for two labels, got "
              + row.length
              + " column(s) for "
              + labels.size()
              + " label(s)");
    }
    double positive = row[0];
    Label zero = new Label(labels.getOutput(0).getLabel(), 1.0 - positive);
    Label one = new Label(labels.getOutput(1).getLabel(), positive);
    Map<String, Label> scores = new LinkedHashMap<>();
    scores.put(zero.getLabel(), zero);
    scores.put(one.getLabel(), one);
    return new Prediction<>(positive > 0.5 ? one : zero, scores, numValidFeatures, example, true);
  }

  @Override
  public XGBoostOutputConverterProto serialize() {
    return XGBoostOutputConverterProto.newBuilder()
        .setVersion(CURRENT_VERSION)
        .setClassName(BinaryLogisticConverter.class.getName())
        .build();
  }

  @Override
  public Class<Label> getTypeWitness() {
    return Label.class;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof BinaryLogisticConverter;
  }

  @Override
  public int hashCode() {
    return BinaryLogisticConverter.class.hashCode();
  }
}
