package dev.treue.training.churn;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.treue.core.churn.ChurnModelBundle;
import dev.treue.core.churn.ChurnScore;
import dev.treue.core.churn.ChurnScorer;
import dev.treue.core.churn.ValueAtRisk;
import dev.treue.core.customer.MemberStatus;
import dev.treue.core.evaluation.BinaryMetrics;
import dev.treue.core.evaluation.CalibrationTable;
import dev.treue.core.evaluation.TargetingTable;
import dev.treue.core.registry.BundleFormat;
import dev.treue.training.clv.ClvParameters;
import dev.treue.training.files.Location;
import dev.treue.training.registry.ModelMetrics;
import dev.treue.training.registry.ModelRegistry;
import dev.treue.training.registry.PublishResult;
import dev.treue.training.registry.QualityGate;
import dev.treue.training.report.AtRiskMember;
import dev.treue.training.report.BacktestFold;
import dev.treue.training.report.ChurnReport;
import dev.treue.training.report.ChurnReportInput;
import dev.treue.training.report.CutoffPopulation;
import dev.treue.training.report.FeatureImportance;
import dev.treue.training.report.PopulationSummary;
import dev.treue.training.report.ScorerEvaluation;
import dev.treue.training.report.TargetingJson;
import dev.treue.training.report.WinBackEvaluation;
import dev.treue.training.score.ReasonArguments;
import dev.treue.training.snapshot.DataSpan;
import dev.treue.training.snapshot.SnapshotJob;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/**
 * The churn training job: snapshots at the planned cutoffs, candidates trained and calibrated,
 * the best kept, evaluated out of time beside the baselines, written as a bundle with metrics and a
 * report, and published to the registry behind the quality gate.
 */
public final class ChurnTraining {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** What a training run produced. */
  public record Outcome(
      String version, PublishResult publish, Map<String, Object> metrics, String bundlePath) {}

  private ChurnTraining() {}

  /**
   * @param members validated members
   * @param events validated, de-duplicated events
   */
  public static Outcome run(
      SparkSession spark, Dataset<Row> members, Dataset<Row> events, ChurnTrainingSettings s)
      throws IOException {
    LocalDate dataEnd = DataSpan.lastEventDay(events);
    ChurnTrainingSettings.Population who = s.population();
    CutoffPlan planned =
        CutoffPlan.plan(
            s.timeline().cutoffs(),
            DataSpan.firstEventDay(events),
            dataEnd,
            s.timeline().horizonDays(),
            s.timeline().trainingCutoffs());
    System.out.printf(
        "Cutoffs: training %s, validation %s, horizon %d days (data ends %s)%n",
        planned.training(), planned.validation(), s.timeline().horizonDays(), dataEnd);

    long snapshotsStarted = System.nanoTime();
    long memberCount = members.count();
    Dataset<Row> snapshots =
        SnapshotJob.snapshots(
            members, events, planned.all(), s.timeline().horizonDays(), dataEnd, who.activeDays());
    int validationDay = Math.toIntExact(planned.validation().toEpochDay());
    double validShare = Math.min(1, s.rows().maxValidRows() / (double) Math.max(1, memberCount));
    // The training budget counts the rows training fits on (TrainingRowBudget), not every member.
    SnapshotCollector.Split split =
        SnapshotCollector.collect(
            snapshots, validationDay, s.rows().maxTrainRows(), who.activeOnly(), validShare);
    // Each long phase says how long it took; the backtest and the final fit print theirs.
    System.out.printf(
        "Snapshots: %,d members replayed at %d cutoffs in %.1f s%n",
        memberCount, planned.all().size(), (System.nanoTime() - snapshotsStarted) / 1e9);
    PopulationSummary population =
        new PopulationSummary(
            who.activeDays(), who.activeOnly(), populations(planned, split.populations()));
    printPopulation(population);
    CutoffPlan plan = usable(planned, population, s);
    Set<Integer> trainingDays = new HashSet<>();
    plan.training().forEach(d -> trainingDays.add(Math.toIntExact(d.toEpochDay())));
    LabelledSnapshots everyTraining =
        split.training().where(i -> trainingDays.contains(split.training().cutoffDays()[i]));
    // The lifetime model describes every buyer at a cutoff; the churn model only the active ones.
    long lifetimesStarted = System.nanoTime();
    CutoffLifetimes lifetimes =
        CutoffLifetimes.fit(
            LabelledSnapshots.concat(List.of(everyTraining, split.validation())),
            s.model().clvHorizon());
    System.out.printf(
        "Lifetime models fitted in %.1f s%n", (System.nanoTime() - lifetimesStarted) / 1e9);
    boolean[] trainingActive = split.trainingActive();
    LabelledSnapshots activeTraining =
        split
            .training()
            .where(
                i ->
                    trainingDays.contains(split.training().cutoffDays()[i])
                        && (trainingActive[i] || !who.activeOnly()));
    boolean[] validationActive = split.validationActive();
    LabelledSnapshots validation =
        split.validation().where(i -> validationActive[i] || !who.activeOnly());
    boolean[] validationRowActive =
        who.activeOnly() ? trueFlags(validation.size()) : validationActive;
    if (activeTraining.size() == 0 || validation.size() == 0) {
      throw new IllegalStateException(
          "no labelled rows: "
              + activeTraining.size()
              + " training, "
              + validation.size()
              + " validation; are there members who joined before "
              + plan.training().get(0)
              + "?");
    }
    // A fit at a parameter bound is not used for features; its training rows may be left out.
    LabelledSnapshots training =
        s.model().lifetimeFeatures() ? lifetimes.fill(activeTraining) : activeTraining;
    if (s.model().lifetimeFeatures()) {
      lifetimes.fill(validation);
    } else {
      System.out.println("Lifetime features left out of training (--without-lifetime-features)");
    }
    // The win-back list ranks the lapsed members by their lifetime figures, whatever the churn
    // model's features: measure it on the lapsed rows at the validation cutoff.
    MemberStatus[] validationStatus = split.validationStatus();
    MemberStatus[] trainingStatus = split.trainingStatus();
    LabelledSnapshots lapsedValidation =
        lifetimes.fill(split.validation().where(i -> validationStatus[i] == MemberStatus.LAPSED));
    LabelledSnapshots lapsedTraining =
        lifetimes.fill(
            split
                .training()
                .where(
                    i ->
                        trainingStatus[i] == MemberStatus.LAPSED
                            && trainingDays.contains(split.training().cutoffDays()[i])));

    // Calibrate on a fifth of the members, held out at every training cutoff. Holding out the
    // latest cutoff instead looked more "out of time" but taught the calibrator one season's
    // churn rate (a December cutoff's horizon is the January lull) and hurt validation's
    // calibration.
    LabelledSnapshots calibration =
        training.where(i -> CalibrationFold.contains(training.customerIds()[i]));
    LabelledSnapshots fit =
        training.where(i -> !CalibrationFold.contains(training.customerIds()[i]));
    System.out.printf(
        "Rows: %,d fit, %,d calibration, %,d validation (churn rates %.3f, %.3f, %.3f)%n",
        fit.size(),
        calibration.size(),
        validation.size(),
        fit.churnRate(),
        calibration.churnRate(),
        validation.churnRate());

    long selectionStarted = System.nanoTime();
    RollingBacktest.Result backtest =
        RollingBacktest.run(
            candidateGrid(s, fit.size()),
            training,
            s.timeline().horizonDays(),
            (c, e) -> ChurnBaselines.bestRuleAuc(c, e, lifetimes, s.timeline().horizonDays()));
    System.out.printf("Backtest took %.1f s%n", (System.nanoTime() - selectionStarted) / 1e9);
    try (ModelFreeFigures figures =
        new ModelFreeFigures(
            out ->
                WinBackScorers.evaluate(
                    lapsedValidation, lifetimes, s.timeline().horizonDays(), lapsedTraining, out),
            () -> OracleTruth.read(spark, s.data(), plan.validation(), s.timeline().horizonDays()),
            calibration,
            validation,
            who.activeOnly() ? null : validation.where(i -> validationRowActive[i]),
            lifetimes,
            s.timeline().horizonDays(),
            fit)) {
      // Only the backtest's choice is trained on all the training rows and meets the final cutoff.
      ModelSelection.Result selection =
          ModelSelection.select(
              Map.of(backtest.chosen(), candidateGrid(s, fit.size()).get(backtest.chosen())),
              fit,
              calibration,
              validation);
      ModelSelection.Candidate chosen = selection.chosen();
      ChurnScorer scorer =
          new ChurnScorer(
              chosen.model(),
              chosen.calibrator(),
              figures.retainedReference(),
              lifetimes.latest().model());
      printWinBack(figures.winBack(), s.timeline().horizonDays());

      try (ModelRegistry registry = ModelRegistry.open(s.publication().registry())) {
        return publish(
            s,
            plan,
            dataEnd,
            registry,
            training.size(),
            training.churnRate(),
            selection,
            backtest,
            scorer,
            validation,
            fit,
            lifetimes,
            population,
            validationRowActive,
            figures);
      }
    }
  }

  private static void printWinBack(WinBackEvaluation w, int horizonDays) {
    if (w.n() == 0) {
      System.out.println("Win-back: no lapsed members at the validation cutoff");
      return;
    }
    System.out.printf(
        "Win-back: %,d lapsed members at the validation cutoff, %.1f%% bought again within %d days%n",
        w.n(), 100 * w.returnRate(), horizonDays);
    for (ScorerEvaluation e : w.scorers()) {
      System.out.printf(
          "  %-20s AUC %.4f, lift top 10%% %.2f, return rate top 10%% %.1f%%%n",
          e.name(), e.metrics().auc(), e.metrics().liftTopDecile(), 100 * w.topDecileReturnRate(e));
    }
  }

  private static boolean[] trueFlags(int n) {
    boolean[] flags = new boolean[n];
    java.util.Arrays.fill(flags, true);
    return flags;
  }

  /** Every planned cutoff's group sizes; a cutoff nobody had joined by counts zero. */
  private static List<CutoffPopulation> populations(
      CutoffPlan plan, List<CutoffPopulation> counted) {
    List<CutoffPopulation> out = new ArrayList<>();
    for (LocalDate cutoff : plan.all()) {
      out.add(
          counted.stream()
              .filter(c -> c.cutoff().equals(cutoff))
              .findFirst()
              .orElse(new CutoffPopulation(cutoff, 0, 0, 0)));
    }
    return out;
  }

  private static void printPopulation(PopulationSummary population) {
    System.out.printf(
        "Members by status (active = a purchase in the %d days up to the cutoff; %s):%n",
        population.activeDays(),
        population.activeOnly()
            ? "only active members are trained on and validated"
            : "--population all: every member is trained on and validated");
    System.out.printf("  %-10s %10s %10s %16s%n", "cutoff", "active", "lapsed", "never_purchased");
    for (CutoffPopulation c : population.cutoffs()) {
      System.out.printf(
          "  %-10s %,10d %,10d %,16d%n", c.cutoff(), c.active(), c.lapsed(), c.neverPurchased());
    }
  }

  /** The plan restricted to cutoffs with enough active members, or a refusal saying what is needed. */
  private static CutoffPlan usable(
      CutoffPlan planned, PopulationSummary population, ChurnTrainingSettings s) {
    Map<LocalDate, Long> active = new LinkedHashMap<>();
    population.cutoffs().forEach(c -> active.put(c.cutoff(), c.active()));
    int given = s.timeline().cutoffs().size();
    // Cutoffs the user named are their choice: need no more training cutoffs than they gave.
    int needed =
        Math.min(
            s.population().minTrainingCutoffs(),
            given > 1 ? given - 1 : s.timeline().trainingCutoffs());
    return planned.withEnoughActiveMembers(
        active, s.population().minActiveMembers(), Math.max(1, needed));
  }

  /**
   * The candidates the backtest compares: the logistic regression and the tree settings sized to
   * the fit rows (the {@code --trees/--eta/--max-depth} settings among them, named {@code xgboost}).
   */
  private static Map<String, CandidateTrainers.Fitter> candidateGrid(
      ChurnTrainingSettings s, int fitRows) {
    Map<String, CandidateTrainers.Fitter> grid = new LinkedHashMap<>();
    CandidateTrainers.TreeSettings given = s.model().trees();
    grid.put("logistic", CandidateTrainers::logistic);
    for (CandidateTrainers.TreeSettings t : CandidateTrainers.treeGrid(fitRows, given)) {
      grid.put(
          t.equals(given) ? CandidateTrainers.TREE_FAMILY : t.label(),
          (f, c) ->
              CandidateTrainers.train(CandidateTrainers.xgboost(t), f, "treue churn snapshots"));
    }
    return grid;
  }

  private static Outcome publish(
      ChurnTrainingSettings s,
      CutoffPlan plan,
      LocalDate dataEnd,
      ModelRegistry registry,
      long nTrain,
      double trainingBaseRate,
      ModelSelection.Result selection,
      RollingBacktest.Result backtest,
      ChurnScorer scorer,
      LabelledSnapshots validation,
      LabelledSnapshots fit,
      CutoffLifetimes lifetimes,
      PopulationSummary population,
      boolean[] validationActive,
      ModelFreeFigures figures)
      throws IOException {
    ModelSelection.Candidate chosen = selection.chosen();
    String version = registry.newVersion();
    ChurnReportInput report =
        report(
            version,
            plan,
            nTrain,
            selection,
            backtest,
            // The report's sample reasons speak the programme's currency; the bundle keeps none.
            ReasonArguments.inCurrency(scorer, s.publication().reportCurrency()),
            validation,
            figures.baselines(),
            population,
            lifetimes.notes(),
            figures.winBack());
    Path staging = s.publication().workDir().resolve("staging-churn-" + version);
    // The bundle names the model family and carries the activity window, so the service and batch
    // scoring group members as training did; the report names the chosen settings.
    String family =
        chosen.name().startsWith(CandidateTrainers.TREE_FAMILY)
            ? CandidateTrainers.TREE_FAMILY
            : chosen.name();
    ChurnModelBundle.write(
        staging,
        scorer,
        family,
        s.timeline().horizonDays(),
        trainingBaseRate,
        s.population().activeDays());
    ChurnReport written = new ChurnReport(report);
    written.writeTo(staging);
    Map<String, Object> metrics = written.metrics();
    // Which calibration the bundle's probabilities went through (raw, platt or isotonic) and why.
    metrics.put("calibration", chosen.calibration().kind());
    metrics.put("calibration_held_out_log_loss", chosen.calibration().heldOutLogLoss());
    if (!population.activeOnly()) {
      metrics.put(
          "active_rows",
          activeRows(
              chosen.rawValidation(), validation, validationActive, figures.activeBaselines()));
    }
    JSON.writeValue(staging.resolve(BundleFormat.METRICS).toFile(), metrics);
    JSON.writeValue(
        staging.resolve(BundleFormat.TARGETING).toFile(),
        TargetingJson.of(
            targeting(chosen.calibratedValidation(), validation, true),
            targeting(chosen.calibratedValidation(), validation, false),
            plan.validation(),
            s.timeline().horizonDays()));
    JSON.writeValue(staging.resolve("feature_stats.json").toFile(), figures.featureStatistics());
    JSON.writeValue(staging.resolve("training.json").toFile(), trainingFacts(s, plan, dataEnd));
    JSON.writeValue(
        staging.resolve(ClvParameters.FILE).toFile(), ClvParameters.of(lifetimes.latest()));
    PublishResult published =
        registry.publish(ModelRegistry.DEFAULT_KIND, version, staging, s.publication().gate());
    return new Outcome(
        version, published, metrics, registry.versionPath(ModelRegistry.DEFAULT_KIND, version));
  }

  private static ChurnReportInput report(
      String version,
      CutoffPlan plan,
      long nTrain,
      ModelSelection.Result selection,
      RollingBacktest.Result backtest,
      ChurnScorer scorer,
      LabelledSnapshots validation,
      List<ScorerEvaluation> baselines,
      PopulationSummary population,
      List<String> lifetimeNotes,
      WinBackEvaluation winBack) {
    ModelSelection.Candidate chosen = selection.chosen();
    // Ranked by the raw score, like the rule baselines: isotonic calibration only adds ties.
    ScorerEvaluation model =
        ScorerEvaluation.ofCalibratedScores(
            "model", chosen.rawValidation(), chosen.calibratedValidation(), validation.churned());
    ChurnReportInput.Builder b =
        ChurnReportInput.builder()
            .title("Churn model " + version)
            .model("churn", version)
            .cutoffs(plan.training(), plan.validation(), plan.horizonDays())
            .rows(nTrain, validation.size())
            .chosen(chosen.name())
            .evaluation(model)
            .calibration(
                CalibrationTable.of(chosen.rawValidation(), validation.churned()),
                CalibrationTable.of(chosen.calibratedValidation(), validation.churned()))
            .featureImportance(importance(chosen.model()))
            .atRiskSample(atRiskSample(scorer, validation, chosen.calibratedValidation()))
            .population(population)
            .winBack(winBack);
    // Candidates are compared on the backtest only: the final cutoff judges the chosen one.
    backtest
        .folds()
        .forEach(
            (name, folds) ->
                b.candidate(
                    name, RollingBacktest.Result.mean(folds, RollingBacktest.Fold::logLoss)));
    for (RollingBacktest.Fold f : backtest.chosenFolds()) {
      b.backtestFold(new BacktestFold(f.cutoff(), f.auc(), f.logLoss(), f.bestBaselineAuc()));
    }
    baselines.forEach(b::baseline);
    b.note("Probabilities: " + chosen.calibration().describe());
    lifetimeNotes.forEach(b::note);
    // The gate's own rule, asked now so the report can say it; publish asks it again on the file.
    QualityGate.bestRuleBaselineNotBeaten(gateMetrics(model, baselines))
        .ifPresent(
            verdict -> {
              System.out.println(verdict);
              b.note(verdict);
            });
    return b.build();
  }

  /**
   * What contacting the top of the validation rows would have reached, each row's value at risk by
   * the one formula the lists use, ranked by it or by the served (calibrated) probability.
   */
  static TargetingTable targeting(
      double[] probability, LabelledSnapshots validation, boolean byValueAtRisk) {
    double[] value = new double[validation.size()];
    for (int i = 0; i < value.length; i++) {
      value[i] = ValueAtRisk.of(probability[i], validation.features()[i]);
    }
    return TargetingTable.of(byValueAtRisk ? value : probability, validation.churned(), value);
  }

  /** The AUCs the quality gate reads from metrics.json, taken from the evaluations themselves. */
  private static ModelMetrics gateMetrics(
      ScorerEvaluation model, List<ScorerEvaluation> baselines) {
    Map<String, Double> values = new LinkedHashMap<>();
    values.put("auc", model.metrics().auc());
    baselines.forEach(e -> values.put(ModelMetrics.baselineAucKey(e.name()), e.metrics().auc()));
    return new ModelMetrics(values);
  }

  private static List<FeatureImportance> importance(Model<Label> model) {
    List<FeatureImportance> out = new ArrayList<>();
    Map<String, List<com.oracle.labs.mlrg.olcut.util.Pair<String, Double>>> top =
        model.getTopFeatures(20);
    if (top == null || top.isEmpty()) {
      return out;
    }
    List<com.oracle.labs.mlrg.olcut.util.Pair<String, Double>> pairs =
        top.containsKey(Model.ALL_OUTPUTS)
            ? top.get(Model.ALL_OUTPUTS)
            : top.getOrDefault(ChurnScorer.CHURN, top.values().iterator().next());
    for (var p : pairs) {
      out.add(new FeatureImportance(p.getA(), Math.abs(p.getB())));
    }
    return out;
  }

  private static List<AtRiskMember> atRiskSample(
      ChurnScorer scorer, LabelledSnapshots validation, double[] p) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < p.length; i++) {
      order.add(i);
    }
    order.sort(
        Comparator.comparingDouble((Integer i) -> -p[i])
            .thenComparing(i -> validation.customerIds()[i]));
    // Show the riskiest members whose reasons are most varied: every 50th of the top tenth.
    List<double[]> vectors = new ArrayList<>();
    List<Integer> picked = new ArrayList<>();
    for (int k = 0; k < order.size() / 10 && picked.size() < 20; k += 50) {
      picked.add(order.get(k));
      vectors.add(validation.features()[order.get(k)]);
    }
    List<ChurnScore> scores = scorer.scoreAll(vectors);
    List<AtRiskMember> out = new ArrayList<>();
    for (int k = 0; k < picked.size(); k++) {
      out.add(
          new AtRiskMember(
              validation.customerIds()[picked.get(k)],
              scores.get(k).probability(),
              scores.get(k).reasons()));
    }
    return out;
  }

  private static Map<String, Object> trainingFacts(
      ChurnTrainingSettings s, CutoffPlan plan, LocalDate dataEnd) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("data", Location.shown(s.data()));
    facts.put("data_end", dataEnd.toString());
    facts.put("training_cutoffs", plan.training().stream().map(LocalDate::toString).toList());
    facts.put("validation_cutoff", plan.validation().toString());
    facts.put("horizon_days", plan.horizonDays());
    facts.put("trees", s.model().trees().trees());
    facts.put("max_train_rows", s.rows().maxTrainRows());
    facts.put("lifetime_features", s.model().lifetimeFeatures());
    // The bundle's activity window until ChurnModelBundle records it: scoring must use the same.
    facts.put("active_days", s.population().activeDays());
    facts.put("population", s.population().activeOnly() ? "active" : "all");
    facts.put("min_active_members", s.population().minActiveMembers());
    return facts;
  }

  /**
   * With {@code --population all}: the model's and the baselines' AUC on the validation rows of
   * active members only, to show how much of the all-member AUC the lapsed members gave.
   */
  private static Map<String, Object> activeRows(
      double[] rawValidation,
      LabelledSnapshots validation,
      boolean[] active,
      List<ScorerEvaluation> baselinesOnActive) {
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < active.length; i++) {
      if (active[i]) {
        rows.add(i);
      }
    }
    double[] p = new double[rows.size()];
    boolean[] y = new boolean[rows.size()];
    for (int k = 0; k < p.length; k++) {
      p[k] = rawValidation[rows.get(k)];
      y[k] = validation.churned()[rows.get(k)];
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", MemberStatus.ACTIVE.wireName());
    out.put("n", p.length);
    out.put("auc", BinaryMetrics.ofScores(p, y).auc());
    Map<String, Object> baselines = new LinkedHashMap<>();
    baselinesOnActive.forEach(b -> baselines.put(b.name(), b.metrics().auc()));
    out.put("baselines_auc", baselines);
    return out;
  }
}
