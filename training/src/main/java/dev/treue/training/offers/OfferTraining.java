package dev.treue.training.offers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.treue.core.calibration.PlattCalibrator;
import dev.treue.core.evaluation.LogLoss;
import dev.treue.core.offers.Offer;
import dev.treue.core.offers.OfferCatalog;
import dev.treue.core.offers.OfferFeatures;
import dev.treue.core.offers.OfferModelBundle;
import dev.treue.core.offers.OfferPriors;
import dev.treue.core.offers.OfferResponseScorer;
import dev.treue.core.registry.BundleFormat;
import dev.treue.training.files.Location;
import dev.treue.training.registry.ModelRegistry;
import dev.treue.training.registry.PublishResult;
import dev.treue.training.report.OfferMetrics;
import dev.treue.training.report.OfferModelEvaluation;
import dev.treue.training.report.OfferReport;
import dev.treue.training.report.OfferReportInput;
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
import org.apache.spark.sql.SparkSession;
import org.tribuo.Model;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;

/**
 * The offer training job, in churn's shape: exposures from the replayed histories split out of time
 * without label leakage ({@link ExposureSplit}), candidates chosen on the later calibration fold of
 * the training period and the winner refit on all of it, evaluation beside the baselines with the
 * off-policy estimate ({@link OfferModelEvaluation}), a typed report ({@link OfferReportInput}), and
 * publication to the registry as kind {@code offers} behind the same quality gate as churn.
 */
public final class OfferTraining {
  /** The registry kind of offer models. */
  public static final String KIND = "offers";

  /** Inverse-propensity weights are clipped at this multiple of their mean. */
  static final double MAX_WEIGHT = 10;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * What a training run produced: the version, its publication, what its report shows, and the
   * evaluation window's logged sends with every ranking's scores (to estimate other targetings).
   */
  public record Outcome(
      String version,
      PublishResult publish,
      OfferReportInput report,
      String bundlePath,
      LoggedSends evaluationSends) {}

  /** The evaluation beside the logged sends it estimated the model's targeting on. */
  private record Evaluated(OfferModelEvaluation evaluation, LoggedSends sends) {}

  private OfferTraining() {}

  /**
   * @param members validated members
   * @param events validated events
   * @param offers the catalogue, past offers included
   * @param impressions validated impressions, if the data has them
   */
  public static Outcome run(
      Dataset<Row> members,
      Dataset<Row> events,
      List<Offer> offers,
      Optional<Dataset<Row>> impressions,
      OfferTrainingSettings s)
      throws IOException {
    long started = System.nanoTime();
    Exposures all = Exposures.collect(ExposureJob.exposures(members, events, offers, impressions));
    ExposureSplit split = ExposureSplit.of(all, DataSpan.lastEventDay(events), s.evalDays());
    System.out.println(split.describe());

    OfferCatalog catalog = OfferCatalog.of(offers);
    // The candidates see priors fitted on their own fit set; the refit sees those of all training.
    applyPriors(split.all(), priorsOf(split.fit(), catalog), catalog);
    Map<String, Trainer<Label>> trainers = OfferCandidates.candidates(s.trees());
    Selection selection = select(trainers, split.fit(), split.calibration());
    OfferPriors priors = priorsOf(split.training(), catalog);
    applyPriors(split.all(), priors, catalog);
    Model<Label> refit = refit(trainers.get(selection.name()), selection.name(), split.training());
    OfferResponseScorer scorer =
        new OfferResponseScorer(refit, OfferFeatures.spec(), selection.calibrator(), priors);
    Evaluated evaluated = evaluate(split, refit, scorer, catalog, s);
    double seconds = (System.nanoTime() - started) / 1e9;

    try (ModelRegistry registry = ModelRegistry.open(s.registry())) {
      String version = registry.newVersion();
      OfferReportInput report =
          new OfferReportInput(
              "Offer model " + version,
              selection.name(),
              scorer.predictorPath(),
              selection.candidates(),
              evaluated.evaluation(),
              seconds,
              trainingFacts(s, split, offers.size()));
      return publish(registry, version, s, scorer, split.training(), report, evaluated.sends());
    }
  }

  /**
   * The winner refit on every training exposure: the calibration fold holds the latest campaigns,
   * the closest to the evaluation window. Its calibrator stays the one fitted out of sample on that fold.
   */
  private static Model<Label> refit(Trainer<Label> trainer, String name, Exposures training) {
    long refitStart = System.nanoTime();
    Model<Label> refit =
        trainer.train(
            OfferCandidates.dataset(
                training, training.weights(MAX_WEIGHT), "treue offer exposures"));
    System.out.printf(
        "  %-11s refit on all %,d training exposures in %.1f s%n",
        name, training.size(), (System.nanoTime() - refitStart) / 1e9);
    return refit;
  }

  /** The refit model and the baselines on the evaluation exposures, and the off-policy estimate of its targeting. */
  private static Evaluated evaluate(
      ExposureSplit split,
      Model<Label> refit,
      OfferResponseScorer scorer,
      OfferCatalog catalog,
      OfferTrainingSettings s)
      throws IOException {
    Exposures eval = split.evaluation();
    double[] p = scorer.predict(Arrays.asList(eval.features()));
    Double uncalibratedLogLoss =
        OfferEvaluation.finite(
            LogLoss.of(
                OfferResponseScorer.rawProbabilities(
                    refit, OfferFeatures.spec(), Arrays.asList(eval.features())),
                eval.redeemed()));
    Map<String, OfferBaselines.Ranking> rankings =
        OfferBaselines.rankings(
            split.training(),
            eval,
            catalog,
            s.trees().seed(),
            OracleOffers.read(
                Location.of(s.data(), SparkSession.active()), split.evaluationStart()));
    Map<String, OfferMetrics> baselines = new LinkedHashMap<>();
    Map<String, double[]> scores = new LinkedHashMap<>();
    scores.put(LoggedSends.MODEL, p);
    rankings.forEach(
        (name, r) -> {
          baselines.put(name, OfferEvaluation.metrics(eval, r.scores(), r.probabilities()));
          scores.put(name, r.scores());
        });
    LoggedSends sends = LoggedSends.of(eval, scores);
    return new Evaluated(
        new OfferModelEvaluation(
            OfferEvaluation.metrics(eval, p, p),
            uncalibratedLogLoss,
            eval.redemptionRate(),
            baselines,
            OffPolicyTargeting.estimate(sends)),
        sends);
  }

  /** Writes the bundle, metrics.json, training.json and the report, and publishes them behind the gate. */
  private static Outcome publish(
      ModelRegistry registry,
      String version,
      OfferTrainingSettings s,
      OfferResponseScorer scorer,
      Exposures train,
      OfferReportInput report,
      LoggedSends sends)
      throws IOException {
    Path staging = s.workDir().resolve("staging-offers-" + version);
    OfferModelBundle.write(staging, scorer, report.modelName(), train.redemptionRate());
    JSON.writeValue(staging.resolve(BundleFormat.METRICS).toFile(), report.metrics());
    JSON.writeValue(staging.resolve("training.json").toFile(), report.facts());
    OfferReport.write(staging, report);
    PublishResult published = registry.publish(KIND, version, staging, s.gate());
    return new Outcome(version, published, report, registry.versionPath(KIND, version), sends);
  }

  private static Map<String, Object> trainingFacts(
      OfferTrainingSettings s, ExposureSplit split, int offers) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("data", Location.shown(s.data()));
    facts.put("data_end", split.dataEnd().toString());
    facts.put(
        "evaluation_window",
        LocalDate.ofEpochDay(split.evaluationStart()) + " .. " + split.dataEnd());
    facts.put("calibration_fold_from", LocalDate.ofEpochDay(split.calibrationStart()).toString());
    facts.put("exposures_fit", split.fit().size());
    facts.put("exposures_calibration", split.calibration().size());
    facts.put("exposures_evaluation", split.evaluation().size());
    facts.put("offers", offers);
    facts.put(
        "weights",
        split.weighted()
            ? "1/propensity, mean 1, clipped at " + MAX_WEIGHT
            : "none (no impressions)");
    facts.put("trees", s.trees().trees());
    return facts;
  }

  /** The chosen candidate with its calibrator, and every candidate's fit on the calibration fold. */
  record Selection(
      String name,
      Model<Label> model,
      PlattCalibrator calibrator,
      Map<String, OfferReportInput.Candidate> candidates) {}

  /**
   * Trains each candidate on the fit exposures (weighted), calibrates it on the later calibration
   * fold (Platt, unweighted: probabilities should match the redemption rate of the sends as they
   * were), and keeps the lowest calibrated log loss there.
   */
  static Selection select(
      Map<String, Trainer<Label>> trainers, Exposures fit, Exposures calibration) {
    double[] weights = fit.weights(MAX_WEIGHT);
    var dataset = OfferCandidates.dataset(fit, weights, "treue offer exposures");
    Map<String, OfferReportInput.Candidate> candidates = new LinkedHashMap<>();
    String bestName = null;
    Model<Label> bestModel = null;
    PlattCalibrator bestCalibrator = null;
    double bestLoss = Double.POSITIVE_INFINITY;
    for (Map.Entry<String, Trainer<Label>> t : trainers.entrySet()) {
      long start = System.nanoTime();
      Model<Label> model = t.getValue().train(dataset);
      double[] raw =
          OfferResponseScorer.rawProbabilities(
              model, OfferFeatures.spec(), Arrays.asList(calibration.features()));
      PlattCalibrator platt = PlattCalibrator.fit(raw, calibration.redeemed());
      double loss = LogLoss.of(platt.calibrateAll(raw), calibration.redeemed());
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "  %-11s trained on %,d exposures in %.1f s, calibration-fold log loss %.4f%n",
          t.getKey(), fit.size(), seconds, loss);
      candidates.put(t.getKey(), new OfferReportInput.Candidate(loss, seconds));
      if (loss < bestLoss) {
        bestLoss = loss;
        bestName = t.getKey();
        bestModel = model;
        bestCalibrator = platt;
      }
    }
    return bestName == null ? null : new Selection(bestName, bestModel, bestCalibrator, candidates);
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
      OfferFeatures.applyPriors(
          all.features()[i], catalog.find(all.offerIds()[i]).orElseThrow(), priors);
    }
  }
}
