package dev.treue.benchmarks;

import dev.treue.core.offers.OfferFeatures;
import dev.treue.core.offers.OfferResponseScorer;
import dev.treue.core.trees.BinaryTreesTrainer;
import java.util.ArrayList;
import java.util.List;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * An offer response model of the product's largest candidate ({@code xgboost-d6} of train offers:
 * 150 trees, its default, of depth 6, eta 0.05), trained on synthetic exposures; the benchmark needs its shape and
 * cost, not its quality.
 */
final class BenchmarkResponseModel {
  /** Trees, overridable with {@code -Dtreue.bench.trees}. */
  static final int TREES = Integer.getInteger("treue.bench.trees", 150);

  /** Depth, overridable with {@code -Dtreue.bench.depth}. */
  static final int MAX_DEPTH = Integer.getInteger("treue.bench.depth", 6);

  private BenchmarkResponseModel() {}

  static Model<Label> train(List<double[]> vectors, boolean[] redeemed) {
    String[] names = OfferFeatures.spec().names().toArray(new String[0]);
    LabelFactory labels = new LabelFactory();
    List<Example<Label>> examples = new ArrayList<>(vectors.size());
    for (int i = 0; i < vectors.size(); i++) {
      examples.add(
          new ArrayExample<>(
              new Label(redeemed[i] ? OfferResponseScorer.REDEEMED : OfferResponseScorer.IGNORED),
              names,
              vectors.get(i)));
    }
    MutableDataset<Label> data =
        new MutableDataset<>(
            new ListDataSource<>(
                examples, labels, new SimpleDataSourceProvenance("synthetic exposures", labels)));
    return BinaryTreesTrainer.of(TREES, MAX_DEPTH <= 4 ? 0.08 : 0.05, MAX_DEPTH, 5.0, 1L)
        .train(data);
  }
}
