package dev.treue.core.trees;

import java.util.List;
import org.tribuo.VariableInfo;
import org.tribuo.classification.Label;
import org.tribuo.common.xgboost.XGBoostModel;

/**
 * Where the booster inside a Tribuo XGBoost model reads each feature and writes the positive label:
 * its columns are Tribuo's feature ids and its outputs Tribuo's label ids. Shared by the native and
 * the Java tree paths so both read vectors the same way.
 */
final class FeatureColumns {
  private FeatureColumns() {}

  /** Per position of {@code names}, the booster column, or -1 when the model never saw that feature. */
  static int[] of(XGBoostModel<Label> model, List<String> names) {
    int[] columns = new int[names.size()];
    for (int f = 0; f < columns.length; f++) {
      VariableInfo info = model.getFeatureIDMap().get(names.get(f));
      // A feature the trainer never saw has no column; the booster cannot use it either.
      columns[f] = info == null ? -1 : model.getFeatureIDMap().getID(names.get(f));
    }
    return columns;
  }

  /** The output id of the positive label {@code label}. */
  static int output(XGBoostModel<Label> model, String label) {
    int id = model.getOutputIDInfo().getID(new Label(label));
    if (id < 0) {
      throw new IllegalStateException("the model does not predict the label '" + label + "'");
    }
    return id;
  }
}
