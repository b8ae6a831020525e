package dev.treue.benchmarks;

import dev.treue.core.offer.OfferFeatures;
import dev.treue.core.offer.OfferResponseScorer;
import java.util.ArrayList;
import java.util.List;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.xgboost.XGBoostTrainer;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * An offer response model of the product's largest candidate ({@code xgboost-d6} of train offers:
 * 300 trees of depth 6, eta 0.05), trained on synthetic exposures; the benchmark needs its shape and
 * cost, not its quality.
 */
final class BenchmarkResponseModel {
  static final int TREES = 300;
  static final int MAX_DEPTH = 6;

  private BenchmarkResponseModel() {}

  static Model<Label> train(List<double[]> vectors, boolean[] redeemed) {
    String[] names = OfferFeatures.spec().names().toArray(new String[0]);
    LabelFactory labels = new LabelFactory();
    List<Example<Label>> examples = new ArrayList<>(vectors.size());
    for (int i = 0; i < vectors.size(); i++) {
      examples.add(new ArrayExample<>(
          new Label(redeemed[i] ? OfferResponseScorer.REDEEMED : OfferResponseScorer.IGNORED), names, vectors.get(i)));
    }
    MutableDataset<Label> data = new MutableDataset<>(new ListDataSource<>(examples, labels,
        new SimpleDataSourceProvenance("synthetic exposures", labels)));
    return new XGBoostClassificationTrainer(XGBoostTrainer.BoosterType.GBTREE, XGBoostTrainer.TreeMethod.HIST, TREES,
        0.05, 0.0, MAX_DEPTH, 5.0, 0.8, 0.8, 1.0, 0.0, Runtime.getRuntime().availableProcessors(),
        XGBoostTrainer.LoggingVerbosity.SILENT, 1L).train(data);
  }
}
