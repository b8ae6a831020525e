package dev.treue.training.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.calibration.IsotonicCalibrator;
import dev.treue.core.churn.ChurnScorer;
import dev.treue.core.cli.Arguments;
import dev.treue.core.clv.BgNbd;
import dev.treue.core.clv.ClvHorizon;
import dev.treue.core.clv.GammaGamma;
import dev.treue.core.clv.LifetimeModel;
import dev.treue.core.i18n.Language;
import dev.treue.core.i18n.SpreadsheetCsv;
import dev.treue.core.reason.ReasonWords;
import dev.treue.store.AtRiskCsv;
import dev.treue.store.AtRiskEntry;
import dev.treue.store.RedisKeys;
import dev.treue.store.RedisTestServers;
import dev.treue.training.churn.CandidateTrainers;
import dev.treue.training.churn.LabelledSnapshots;
import dev.treue.training.cli.TreueCli;
import dev.treue.training.files.Location;
import dev.treue.training.ingest.IngestArguments;
import dev.treue.training.ingest.LoyaltyData;
import dev.treue.training.ingest.LoyaltyReader;
import dev.treue.training.materialize.MaterializeJob;
import dev.treue.training.materialize.MaterializeSettings;
import dev.treue.training.spark.SparkTestSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import redis.clients.jedis.UnifiedJedis;

/**
 * One CSV format for every member list (issue 14): the sample materialized into Redis (what the
 * service's {@code GET /v1/at-risk} CSV writes, {@link AtRiskCsv}) and scored by the batch job
 * ({@link AtRiskFiles}) with the same model, as-of day and scoring time give the same header and,
 * member by member, the same line, in English and in German (byte order mark included): the rows
 * materialized once, language-neutral, and phrased as each file's language asks. With an offers
 * model, both carry the same retention offers (the {@code retention_offer_*} cells), and some
 * members have one.
 */
class AtRiskExportParityIT {
  private static final Path SAMPLE = Path.of("..", "data", "sample");

  /**
   * The sample's last event day, materialize's default: the load replays every event, while a past
   * as-of day makes batch scoring cut the history, a difference of state, not of format.
   */
  private static final LocalDate AS_OF = LocalDate.parse("2026-06-30");

  private static final long SCORED_AT = 1_782_871_200_000L; // 2026-07-01T02:00:00Z
  private static final int ACTIVE_DAYS = 180;
  private static final double REASONS_FROM = 0.4;
  private static final LifetimeModel LIFETIME =
      new LifetimeModel(
          new BgNbd(0.243, 4.414 * 7, 0.793, 2.426),
          new GammaGamma(6.25, 3.74, 15.44),
          1,
          new ClvHorizon(18, 0.08));

  @TempDir static Path work;

  /** Some churn model over random rows: the comparison needs one model, not a good one. */
  static ChurnScorer scorer() {
    int n = 400;
    SplittableRandom rnd = new SplittableRandom(5);
    int width = dev.treue.core.feature.ChurnFeatures.SPEC.size();
    double[][] x = new double[n][];
    boolean[] y = new boolean[n];
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      x[i] = new double[width];
      for (int j = 0; j < width; j++) {
        x[i][j] = rnd.nextDouble() * 10;
      }
      y[i] = rnd.nextBoolean();
      ids[i] = "m" + i;
    }
    LabelledSnapshots rows = new LabelledSnapshots(ids, new int[n], x, y);
    Model<Label> model = CandidateTrainers.logistic(rows, rows);
    return new ChurnScorer(
        model,
        IsotonicCalibrator.fit(new double[] {0.1, 0.9}, new boolean[] {false, true}),
        x[0],
        LIFETIME);
  }

  /** The sample's offers model (a small one) and catalogue, as {@code ./treue score} loads them. */
  private static RetentionSettings retention() throws Exception {
    String registry = work.resolve("models").toString();
    List<String> train =
        List.of(
            "train",
            "offers",
            "--data",
            SAMPLE.toString(),
            "--registry",
            registry,
            "--work",
            work.resolve("train").toString(),
            "--trees",
            "10");
    assertEquals(0, TreueCli.run(train, System.out, System.err), "offers model trained");
    Arguments a =
        Arguments.parse(
            new ScoreCommand(),
            List.of(
                "--data",
                SAMPLE.toString(),
                "--registry",
                registry,
                "--work",
                work.resolve("score").toString(),
                "--retention-from",
                "0.3"));
    // Training stops its Spark session: the reader comes after it.
    LoyaltyReader reader = new LoyaltyReader(SparkTestSession.get(), IngestArguments.options(a));
    RetentionSettings retention = RetentionModel.load(a, reader, Location.local(SAMPLE));
    assertNotNull(retention, "the offers model was published");
    return retention;
  }

  @Test
  void theServiceAndTheBatchWriteTheSameFile() throws Exception {
    RetentionSettings retention = retention();
    Arguments options =
        Arguments.parse(
            new ScoreCommand(),
            List.of("--data", SAMPLE.toString(), "--work", work.resolve("rejects").toString()));
    LoyaltyData data =
        new LoyaltyReader(SparkTestSession.get(), IngestArguments.options(options)).read(SAMPLE);
    ChurnScorer scorer = scorer();
    int asOfDay = Math.toIntExact(AS_OF.toEpochDay());
    try (RedisTestServers.Single redis = RedisTestServers.single();
        UnifiedJedis jedis = RedisTestServers.connect(redis.url())) {
      MaterializeSettings settings =
          new MaterializeSettings(
              redis.url(),
              RedisKeys.DEFAULT_NAMESPACE,
              "parity",
              Duration.ZERO,
              100,
              asOfDay,
              SCORED_AT,
              REASONS_FROM,
              ACTIVE_DAYS);
      MaterializeJob.run(
          SparkTestSession.get(), data.memberRows(), data.eventRows(), settings, scorer, retention);
      Map<String, String> stored = jedis.hgetAll(RedisKeys.forTenant("parity").atRiskRows());
      for (Language language : Language.values()) {
        // As `score --language` does: the batch phrases reasons when it writes its file, the
        // service when it reads its language-neutral rows.
        ReasonWords words = ReasonWords.of(language, ReasonWords.DEFAULT_CURRENCY);
        Dataset<Row> list =
            BatchScoring.atRiskList(
                SparkTestSession.get(),
                data.memberRows(),
                data.eventRows(),
                scorer.withWords(words),
                AS_OF,
                REASONS_FROM,
                retention,
                ACTIVE_DAYS,
                SCORED_AT);
        Path file = work.resolve("atrisk-" + language.wireName() + ".csv");
        AtRiskFiles.write(list, file.toString(), language);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String start = SpreadsheetCsv.start(language);
        assertTrue(
            text.startsWith(start + SpreadsheetCsv.header(language, AtRiskCsv.COLUMNS) + "\n"),
            language + " header: " + text.substring(0, Math.min(400, text.length())));
        List<String> lines = text.substring(start.length()).lines().toList();
        System.out.println("First lines of the " + language + " export:");
        lines.subList(0, 3).forEach(System.out::println);
        assertTrue(lines.size() > 1000, "the sample's members: " + lines.size());
        int withOffer = 0;
        for (String line : lines.subList(1, lines.size())) {
          String id = line.substring(0, line.indexOf(SpreadsheetCsv.separator(language)));
          String row = stored.get(id);
          assertNotNull(row, id + " materialized");
          StringBuilder api = new StringBuilder();
          AtRiskCsv.line(api, AtRiskEntry.decode(row), words);
          assertEquals(api.toString(), line + "\n", language + " line of " + id);
          if (AtRiskEntry.decode(row).retentionOffer() != null) {
            withOffer++;
          }
        }
        System.out.println(language + ": " + withOffer + " members with a retention offer");
        assertTrue(withOffer > 10, language + " members with a retention offer: " + withOffer);
      }
    }
  }
}
