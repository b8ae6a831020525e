package dev.treue.training.offers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.treue.core.calibration.PlattCalibrator;
import dev.treue.core.evaluation.LogLoss;
import dev.treue.core.offer.Offer;
import dev.treue.core.offer.OfferCatalog;
import dev.treue.core.offer.OfferFeatures;
import dev.treue.core.offer.OfferPriors;
import dev.treue.core.offer.OfferModelBundle;
import dev.treue.core.offer.OfferResponseScorer;
import dev.treue.core.registry.BundleFormat;
import dev.treue.training.registry.ModelRegistry;
import dev.treue.training.registry.PublishResult;
import dev.treue.training.report.OfferReport;
import dev.treue.training.snapshot.DataSpan;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.tribuo.Model;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;

/**
 * The offer training job: exposures from the replayed histories, an out-of-time split without
 * label leakage, candidates chosen on a later calibration fold of the training period, evaluation
 * beside the baselines, the off-policy estimate, and publication to the registry as kind
 * {@code offers} behind the same quality gate as churn.
 *
 * <p>The split, on UTC send days, with E the data's last day: evaluation = exposures sent in the
 * last {@code evalDays} whose validity ended by E; training = exposures whose whole validity ended
 * before the evaluation window starts. Inside training, the calibration fold is the latest fifth of
 * the sends, and the candidates fit on the exposures whose validity ended before that fold starts;
 * the winner is then refit on all training exposures.
 */
public final class OfferTraining {
  /** The registry kind of offer models. */
  public static final String KIND = "offers";
  /** Share of training sends (the latest) held out to calibrate and choose. */
  static final double CALIBRATION_SHARE = 0.2;
  /** Inverse-propensity weights are clipped at this multiple of their mean. */
  static final double MAX_WEIGHT = 10;

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** What a training run produced. */
  public record Outcome(String version, PublishResult publish, Map<String, Object> metrics, String bundlePath) {}

  private OfferTraining() {}

  /**
   * @param members validated members
   * @param events validated events
   * @param offers the catalogue, past offers included
   * @param impressions validated impressions, if the data has them
   */
  public static Outcome run(Dataset<Row> members, Dataset<Row> events, List<Offer> offers,
      Optional<Dataset<Row>> impressions, OfferTrainingSettings s) throws IOException {
    long started = System.nanoTime();
    LocalDate dataEnd = DataSpan.lastEventDay(events);
    int end = Math.toIntExact(dataEnd.toEpochDay());
    int evalStart = end - s.evalDays() + 1;
    Exposures all = Exposures.collect(ExposureJob.exposures(members, events, offers, impressions));
    Exposures eval = all.where(i -> all.sentDays()[i] >= evalStart && all.validToDays()[i] <= end);
    Exposures train = all.where(i -> all.validToDays()[i] < evalStart);
    if (train.size() == 0 || eval.size() == 0) {
      throw new IllegalStateException("not enough offer exposures: " + train.size() + " for training (validity ended "
          + "before " + LocalDate.ofEpochDay(evalStart) + "), " + eval.size() + " for evaluation (sent from "
          + LocalDate.ofEpochDay(evalStart) + ", validity ended by " + dataEnd + "); try another --eval-days");
    }
    int[] trainDays = train.sentDays().clone();
    Arrays.sort(trainDays);
    int calStart = trainDays[(int) Math.min(trainDays.length - 1, Math.floor((1 - CALIBRATION_SHARE) * trainDays.length))];
    Exposures calibration = train.where(i -> train.sentDays()[i] >= calStart);
    Exposures fit = train.where(i -> train.validToDays()[i] < calStart);
    if (fit.size() == 0) {
      throw new IllegalStateException("no exposures to fit on before the calibration fold starting "
          + LocalDate.ofEpochDay(calStart) + "; the history is too short for --eval-days " + s.evalDays());
    }
    boolean weighted = Arrays.stream(all.propensities()).anyMatch(p -> !Double.isNaN(p));
    System.out.printf("Offer exposures: %,d fit, %,d calibration (sent from %s), %,d evaluation (sent %s .. %s); "
            + "redemption rates %.3f, %.3f, %.3f; %s%n", fit.size(), calibration.size(), LocalDate.ofEpochDay(calStart),
        eval.size(), LocalDate.ofEpochDay(evalStart), dataEnd, fit.redemptionRate(), calibration.redemptionRate(),
        eval.redemptionRate(), weighted ? "weighted by 1/propensity from impressions" : "unweighted (no impressions)");

    OfferCatalog catalog = OfferCatalog.of(offers);
    // The candidates see priors fitted on their own fit set; the refit sees those of all training.
    applyPriors(all, priorsOf(fit, catalog), catalog);
    Map<String, Trainer<Label>> trainers = OfferCandidates.candidates(s.trees());
    Selection selection = select(trainers, fit, calibration);
    OfferPriors priors = priorsOf(train, catalog);
    applyPriors(all, priors, catalog);
    // The winner is refit on every training exposure: the calibration fold holds the latest
    // campaigns, the closest to the evaluation window. Its calibrator stays the one fitted out of
    // sample on that fold.
    long refitStart = System.nanoTime();
    Model<Label> refit = trainers.get(selection.name())
        .train(OfferCandidates.dataset(train, train.weights(MAX_WEIGHT), "treue offer exposures"));
    System.out.printf("  %-11s refit on all %,d training exposures in %.1f s%n", selection.name(), train.size(),
        (System.nanoTime() - refitStart) / 1e9);
    OfferResponseScorer scorer = new OfferResponseScorer(refit, OfferFeatures.spec(), selection.calibrator(), priors);
    double[] p = scorer.predict(Arrays.asList(eval.features()));

    Map<String, Object> metrics = new LinkedHashMap<>(OfferEvaluation.metrics(eval, p, p));
    metrics.put("log_loss_uncalibrated", OfferEvaluation.finite(LogLoss.of(
        OfferResponseScorer.rawProbabilities(refit, OfferFeatures.spec(), Arrays.asList(eval.features())),
        eval.redeemed())));
    metrics.put("model_name", selection.name());
    metrics.put(BundleFormat.VALIDATION_BASE_RATE, eval.redemptionRate());
    metrics.put("predictor_path", scorer.predictorPath());
    metrics.put("candidates", selection.summary());
    Map<String, OfferBaselines.Ranking> baselines = OfferBaselines.rankings(train, eval, catalog, s.trees().seed(),
        OracleOffers.read(s.dataDir(), evalStart));
    Map<String, Object> baselineMetrics = new LinkedHashMap<>();
    baselines.forEach((name, r) -> baselineMetrics.put(name, OfferEvaluation.metrics(eval, r.scores(), r.probabilities())));
    metrics.put("baselines", baselineMetrics);
    if (baselineMetrics.get("oracle") instanceof Map<?, ?> oracle && oracle.get("ndcg_at_3") instanceof Double o
        && metrics.get("ndcg_at_3") instanceof Double m && o > 0) {
      metrics.put("ndcg_vs_oracle", m / o);
    }
    metrics.put("off_policy", OffPolicyTargeting.estimate(eval, p));
    double seconds = (System.nanoTime() - started) / 1e9;
    metrics.put("training_seconds", seconds);

    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("data", s.dataDir().toAbsolutePath().toString());
    facts.put("data_end", dataEnd.toString());
    facts.put("evaluation_window", LocalDate.ofEpochDay(evalStart) + " .. " + dataEnd);
    facts.put("calibration_fold_from", LocalDate.ofEpochDay(calStart).toString());
    facts.put("exposures_fit", fit.size());
    facts.put("exposures_calibration", calibration.size());
    facts.put("exposures_evaluation", eval.size());
    facts.put("offers", offers.size());
    facts.put("weights", weighted ? "1/propensity, mean 1, clipped at " + MAX_WEIGHT : "none (no impressions)");
    facts.put("trees", s.trees().trees());

    try (ModelRegistry registry = ModelRegistry.open(s.registry())) {
      String version = registry.newVersion();
      Path staging = s.workDir().resolve("staging-offers-" + version);
      OfferModelBundle.write(staging, scorer, selection.name(), train.redemptionRate());
      JSON.writeValue(staging.resolve("metrics.json").toFile(), metrics);
      JSON.writeValue(staging.resolve("training.json").toFile(), facts);
      OfferReport.write(staging, "Offer model " + version, metrics, facts);
      PublishResult published = registry.publish(KIND, version, staging, s.gate());
      return new Outcome(version, published, metrics, registry.versionPath(KIND, version));
    }
  }

  /** The chosen candidate with its calibrator, and every candidate's calibration-fold log loss. */
  record Selection(String name, Model<Label> model, PlattCalibrator calibrator, Map<String, Object> summary) {}

  /**
   * Trains each candidate on the fit exposures (weighted), calibrates it on the later calibration
   * fold (Platt, unweighted: probabilities should match the redemption rate of the sends as they
   * were), and keeps the lowest calibrated log loss there.
   */
  static Selection select(Map<String, Trainer<Label>> trainers, Exposures fit, Exposures calibration) {
    double[] weights = fit.weights(MAX_WEIGHT);
    var dataset = OfferCandidates.dataset(fit, weights, "treue offer exposures");
    Map<String, Object> summary = new LinkedHashMap<>();
    Selection best = null;
    double bestLoss = Double.POSITIVE_INFINITY;
    for (Map.Entry<String, Trainer<Label>> t : trainers.entrySet()) {
      long start = System.nanoTime();
      Model<Label> model = t.getValue().train(dataset);
      double[] raw = OfferResponseScorer.rawProbabilities(model, OfferFeatures.spec(),
          Arrays.asList(calibration.features()));
      PlattCalibrator platt = PlattCalibrator.fit(raw, calibration.redeemed());
      double loss = LogLoss.of(platt.calibrateAll(raw), calibration.redeemed());
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("  %-11s trained on %,d exposures in %.1f s, calibration-fold log loss %.4f%n", t.getKey(),
          fit.size(), seconds, loss);
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("calibration_log_loss", loss);
      c.put("seconds", seconds);
      summary.put(t.getKey(), c);
      if (loss < bestLoss) {
        bestLoss = loss;
        best = new Selection(t.getKey(), model, platt, summary);
      }
    }
    return best;
  }

  /** Redemption rates by kind and category of the exposures (their offers looked up in the catalogue). */
  static OfferPriors priorsOf(Exposures exposures, OfferCatalog catalog) {
    OfferPriors.Builder b = new OfferPriors.Builder();
    for (int i = 0; i < exposures.size(); i++) {
      b.add(catalog.find(exposures.offerIds()[i]).orElseThrow(), exposures.redeemed()[i]);
    }
    return b.build();
  }

  /** Sets the prior features of every exposure; the vectors are shared with every subset of {@code all}. */
  private static void applyPriors(Exposures all, OfferPriors priors, OfferCatalog catalog) {
    for (int i = 0; i < all.size(); i++) {
      OfferFeatures.applyPriors(all.features()[i], catalog.find(all.offerIds()[i]).orElseThrow(), priors);
    }
  }
}
