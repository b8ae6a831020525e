package dev.treue.core.churn;

import dev.treue.core.feature.ChurnFeatures;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.impl.ArrayExample;

/**
 * Uncalibrated churn probabilities for batches of feature vectors. Gradient-boosted models go
 * straight to the XGBoost booster ({@link NativeTreePredictor}), because Tribuo's per-example
 * conversion costs about 80 us a row; other models go through Tribuo.
 */
public interface RawChurnPredictor extends Serializable {

  /** One probability per vector, in order. */
  double[] predict(List<double[]> vectors);

  /** Which path predicts: {@code tribuo} or {@code xgboost-native}. */
  String path();

  /** The fastest exact predictor for a model. */
  @SuppressWarnings("unchecked")
  static RawChurnPredictor of(Model<Label> model) {
    if (model instanceof XGBoostModel<?> trees && trees.getInnerModels().size() == 1) {
      return NativeTreePredictor.of((XGBoostModel<Label>) trees);
    }
    return new TribuoPredictor(model);
  }

  /** Tribuo's own prediction path, used for models without a faster one. */
  final class TribuoPredictor implements RawChurnPredictor {
    private static final long serialVersionUID = 1L;
    private final Model<Label> model;

    /** Tribuo's path for any classifier over churn/stay. */
    public TribuoPredictor(Model<Label> model) {
      this.model = model;
    }

    @Override
    public String path() {
      return "tribuo";
    }

    @Override
    public double[] predict(List<double[]> vectors) {
      String[] names = ChurnFeatures.SPEC.names().toArray(new String[0]);
      List<Example<Label>> examples = new ArrayList<>(vectors.size());
      for (double[] v : vectors) {
        examples.add(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, v));
      }
      List<Prediction<Label>> predictions = model.predict(examples);
      double[] p = new double[predictions.size()];
      for (int i = 0; i < p.length; i++) {
        Label churn = predictions.get(i).getOutputScores().get(ChurnScorer.CHURN);
        if (churn == null) {
          throw new IllegalStateException("the model does not predict the label '" + ChurnScorer.CHURN + "'");
        }
        p[i] = churn.getScore();
      }
      return p;
    }
  }
}
