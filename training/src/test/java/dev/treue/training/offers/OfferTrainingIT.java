package dev.treue.training.offers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.treue.core.evaluation.RocAuc;
import dev.treue.core.offers.Offer;
import dev.treue.core.offers.OfferCatalog;
import dev.treue.core.offers.OfferFeatures;
import dev.treue.core.offers.OfferModelBundle;
import dev.treue.training.generate.GeneratorConfig;
import dev.treue.training.generate.ProgrammeGenerator;
import dev.treue.training.ingest.IngestOptions;
import dev.treue.training.ingest.LoyaltyData;
import dev.treue.training.ingest.LoyaltyReader;
import dev.treue.training.ingest.OfferTable;
import dev.treue.training.registry.QualityGate;
import dev.treue.training.spark.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train offers} end to end on a small generated programme: the version folder holds the
 * bundle, metrics.json with every key and baseline, and the report; the model beats random; the
 * bundle read back scores the evaluation exposures to the same AUC.
 */
class OfferTrainingIT {
  @TempDir static Path tmp;
  static Path data;
  static OfferTraining.Outcome outcome;
  static Map<String, Object> metrics;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void trainOnce() throws Exception {
    data = tmp.resolve("data");
    new ProgrammeGenerator(new GeneratorConfig(1500, 24, 11, LocalDate.parse("2026-06-30"), 90, 2))
        .run(data);
    SparkSession spark = SparkTestSession.get();
    LoyaltyReader reader =
        new LoyaltyReader(
            spark,
            new IngestOptions(Instant.parse("2026-07-01T00:00:00Z"), 0.01, tmp.resolve("rej")));
    LoyaltyData d = reader.read(data);
    OfferTrainingSettings settings =
        new OfferTrainingSettings(
            data.toString(),
            120,
            tmp.resolve("registry").toString(),
            QualityGate.defaults(),
            new OfferCandidates.TreeSettings(30, 7),
            tmp.resolve("work"));
    outcome =
        OfferTraining.run(
            d.memberRows(),
            d.eventRows(),
            OfferTable.offers(reader.offers(data).rows()),
            reader.impressions(data).map(t -> t.rows()),
            settings);
    metrics =
        new ObjectMapper().readValue(versionDir().resolve("metrics.json").toFile(), Map.class);
  }

  static Path versionDir() {
    return Path.of(java.net.URI.create(outcome.bundlePath()));
  }

  @Test
  @SuppressWarnings("unchecked")
  void metricsHoldEveryKeyForTheModelAndEachBaseline() throws Exception {
    List<String> keys = List.of("auc", "log_loss", "hit_at_1", "ndcg_at_3", "map");
    for (String k : keys) {
      assertTrue(metrics.get(k) instanceof Number, k + " in " + metrics);
    }
    Map<String, Object> baselines = (Map<String, Object>) metrics.get("baselines");
    assertEquals(
        List.of("popular", "last_kind", "random", "oracle"), List.copyOf(baselines.keySet()));
    for (Object b : baselines.values()) {
      for (String k : keys) {
        assertTrue(((Map<String, Object>) b).get(k) instanceof Number, k + " in " + b);
      }
      assertTrue(
          ((Map<String, Object>) b).get("members_with_a_choice") instanceof Map,
          "members_with_a_choice in " + b);
    }
    assertTrue(metrics.get("ndcg_vs_oracle") instanceof Number);
    Map<String, Object> offPolicy = (Map<String, Object>) metrics.get("off_policy");
    assertEquals(true, offPolicy.get("available"), "the generator writes impressions");
    assertTrue(((Number) offPolicy.get("snips_redemption_rate")).doubleValue() >= 0);
    assertTrue(outcome.publish().promoted(), outcome.publish().reason());
    String report = Files.readString(versionDir().resolve("report.html"));
    assertTrue(
        report.contains("Model and baselines")
            && report.contains("Members sent two or more offers")
            && report.contains("<strong>oracle</strong>"),
        "the report shows model and baselines side by side");
    assertTrue(Files.isRegularFile(versionDir().resolve(OfferModelBundle.MODEL)));
  }

  @Test
  @SuppressWarnings("unchecked")
  void theModelBeatsRandomAndTheOracleBeatsTheModel() {
    Map<String, Object> random =
        (Map<String, Object>) ((Map<String, Object>) metrics.get("baselines")).get("random");
    Map<String, Object> oracle =
        (Map<String, Object>) ((Map<String, Object>) metrics.get("baselines")).get("oracle");
    double auc = ((Number) metrics.get("auc")).doubleValue();
    assertTrue(
        auc > ((Number) random.get("auc")).doubleValue() + 0.1,
        "model AUC " + auc + " vs random " + random);
    assertTrue(
        ((Number) metrics.get("log_loss")).doubleValue()
            < ((Number) random.get("log_loss")).doubleValue());
    assertTrue(((Number) oracle.get("auc")).doubleValue() > auc, "the truth ranks best: " + oracle);
  }

  @Test
  void theBundleReadBackScoresTheEvaluationExposuresAlike() throws Exception {
    OfferModelBundle.Loaded loaded = OfferModelBundle.read(versionDir());
    assertEquals(metrics.get("model_name"), loaded.info().modelName());
    SparkSession spark = SparkTestSession.get();
    LoyaltyReader reader =
        new LoyaltyReader(
            spark,
            new IngestOptions(Instant.parse("2026-07-01T00:00:00Z"), 0.01, tmp.resolve("rej2")));
    LoyaltyData d = reader.read(data);
    List<Offer> offers = OfferTable.offers(reader.offers(data).rows());
    Exposures all =
        Exposures.collect(
            ExposureJob.exposures(d.memberRows(), d.eventRows(), offers, Optional.empty()));
    int end = Math.toIntExact(LocalDate.parse("2026-06-30").toEpochDay());
    Exposures eval = all.where(i -> all.sentDays()[i] >= end - 119 && all.validToDays()[i] <= end);
    // Exposures come without priors; the bundle carries the ones the model was trained with.
    OfferCatalog catalog = OfferCatalog.of(offers);
    for (int i = 0; i < eval.size(); i++) {
      OfferFeatures.applyPriors(
          eval.features()[i],
          catalog.find(eval.offerIds()[i]).orElseThrow(),
          loaded.scorer().priors());
    }
    double[] p = loaded.scorer().predict(Arrays.asList(eval.features()));
    assertEquals(((Number) metrics.get("auc")).doubleValue(), RocAuc.of(p, eval.redeemed()), 1e-9);
  }
}
