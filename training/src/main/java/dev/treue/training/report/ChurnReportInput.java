package dev.treue.training.report;

import dev.treue.core.evaluation.CalibrationTable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a churn report shows about one trained model. Build it with {@link #builder()}.
 *
 * <p>The model and every baseline must be evaluated on the same validation rows: the constructor
 * rejects a baseline whose row count differs from the model's, because a comparison on different
 * rows is not honest.
 *
 * @param title page title
 * @param modelKind e.g. "churn"
 * @param modelVersion registry version of the model
 * @param trainingCutoffs snapshot cutoffs the training rows came from
 * @param validationCutoff cutoff of the out-of-time validation rows
 * @param horizonDays churn horizon: no purchase within this many days after the cutoff
 * @param nTrain training rows
 * @param nValid validation rows
 * @param chosenModel name of the candidate that was kept, e.g. "xgboost"
 * @param candidateLogLoss validation log loss of every candidate, in display order
 * @param model the chosen (calibrated) model on the validation rows
 * @param baselines baselines on the same rows, e.g. recency, rfm, oracle
 * @param calibrationBefore calibration table of the raw model probabilities
 * @param calibrationAfter calibration table after calibration
 * @param featureImportance optional, empty when the model has none
 * @param atRiskSample optional sample of flagged members with their reasons
 * @param population optional: the activity window and the group sizes at every cutoff
 * @param backtest the rolling-origin backtest folds of the chosen candidate, oldest first
 * @param notes plain sentences the reader must not miss (a model not promoted, a lifetime fit at a
 *     parameter bound)
 * @param winBack optional: how the win-back list and rules find the lapsed members who return
 */
public record ChurnReportInput(
    String title,
    String modelKind,
    String modelVersion,
    List<LocalDate> trainingCutoffs,
    LocalDate validationCutoff,
    int horizonDays,
    long nTrain,
    long nValid,
    String chosenModel,
    Map<String, Double> candidateLogLoss,
    ScorerEvaluation model,
    List<ScorerEvaluation> baselines,
    CalibrationTable calibrationBefore,
    CalibrationTable calibrationAfter,
    List<FeatureImportance> featureImportance,
    List<AtRiskMember> atRiskSample,
    PopulationSummary population,
    List<BacktestFold> backtest,
    List<String> notes,
    WinBackEvaluation winBack) {

  /** Checks required parts, copies collections, and checks all scorers saw the same rows. */
  public ChurnReportInput {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(modelKind, "modelKind");
    Objects.requireNonNull(modelVersion, "modelVersion");
    Objects.requireNonNull(validationCutoff, "validationCutoff");
    Objects.requireNonNull(chosenModel, "chosenModel");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(calibrationBefore, "calibrationBefore");
    Objects.requireNonNull(calibrationAfter, "calibrationAfter");
    trainingCutoffs = List.copyOf(trainingCutoffs);
    candidateLogLoss = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(candidateLogLoss));
    baselines = List.copyOf(baselines);
    featureImportance = featureImportance == null ? List.of() : List.copyOf(featureImportance);
    atRiskSample = atRiskSample == null ? List.of() : List.copyOf(atRiskSample);
    backtest = backtest == null ? List.of() : List.copyOf(backtest);
    notes = notes == null ? List.of() : List.copyOf(notes);
    for (ScorerEvaluation baseline : baselines) {
      if (baseline.metrics().n() != model.metrics().n()) {
        throw new IllegalArgumentException(
            "baseline "
                + baseline.name()
                + " was evaluated on "
                + baseline.metrics().n()
                + " rows, the model on "
                + model.metrics().n()
                + "; expected the same validation rows");
      }
    }
  }

  /** An input without a win-back evaluation (reports built before the win-back list was measured). */
  public ChurnReportInput(
      String title,
      String modelKind,
      String modelVersion,
      List<LocalDate> trainingCutoffs,
      LocalDate validationCutoff,
      int horizonDays,
      long nTrain,
      long nValid,
      String chosenModel,
      Map<String, Double> candidateLogLoss,
      ScorerEvaluation model,
      List<ScorerEvaluation> baselines,
      CalibrationTable calibrationBefore,
      CalibrationTable calibrationAfter,
      List<FeatureImportance> featureImportance,
      List<AtRiskMember> atRiskSample,
      PopulationSummary population,
      List<BacktestFold> backtest,
      List<String> notes) {
    this(
        title,
        modelKind,
        modelVersion,
        trainingCutoffs,
        validationCutoff,
        horizonDays,
        nTrain,
        nValid,
        chosenModel,
        candidateLogLoss,
        model,
        baselines,
        calibrationBefore,
        calibrationAfter,
        featureImportance,
        atRiskSample,
        population,
        backtest,
        notes,
        null);
  }

  /** A builder with empty optional parts. */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects the parts of a {@link ChurnReportInput}; {@link #build()} checks them. */
  public static final class Builder {
    private String title = "Churn model report";
    private String modelKind = "churn";
    private String modelVersion;
    private List<LocalDate> trainingCutoffs = List.of();
    private LocalDate validationCutoff;
    private int horizonDays;
    private long nTrain;
    private long nValid;
    private String chosenModel;
    private final Map<String, Double> candidateLogLoss = new LinkedHashMap<>();
    private ScorerEvaluation model;
    private final List<ScorerEvaluation> baselines = new ArrayList<>();
    private CalibrationTable calibrationBefore;
    private CalibrationTable calibrationAfter;
    private List<FeatureImportance> featureImportance = List.of();
    private List<AtRiskMember> atRiskSample = List.of();
    private PopulationSummary population;
    private final List<BacktestFold> backtest = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private WinBackEvaluation winBack;

    private Builder() {}

    /** The win-back list's evaluation on the lapsed validation rows. */
    public Builder winBack(WinBackEvaluation value) {
      winBack = value;
      return this;
    }

    /** The activity window and group sizes per cutoff. */
    public Builder population(PopulationSummary value) {
      population = value;
      return this;
    }

    /** One backtest fold of the chosen candidate; call once per fold, oldest first. */
    public Builder backtestFold(BacktestFold fold) {
      backtest.add(fold);
      return this;
    }

    /** A sentence the report states plainly near the top. */
    public Builder note(String sentence) {
      notes.add(sentence);
      return this;
    }

    /** Page title. */
    public Builder title(String value) {
      title = value;
      return this;
    }

    /** Model kind and registry version. */
    public Builder model(String kind, String version) {
      modelKind = kind;
      modelVersion = version;
      return this;
    }

    /** Training cutoffs, the validation cutoff and the horizon. */
    public Builder cutoffs(List<LocalDate> training, LocalDate validation, int horizon) {
      trainingCutoffs = training;
      validationCutoff = validation;
      horizonDays = horizon;
      return this;
    }

    /** Row counts. */
    public Builder rows(long train, long valid) {
      nTrain = train;
      nValid = valid;
      return this;
    }

    /** One candidate model's validation log loss; call once per candidate. */
    public Builder candidate(String name, double validationLogLoss) {
      candidateLogLoss.put(name, validationLogLoss);
      return this;
    }

    /** Name of the candidate that was kept. */
    public Builder chosen(String name) {
      chosenModel = name;
      return this;
    }

    /** The chosen model's evaluation. */
    public Builder evaluation(ScorerEvaluation value) {
      model = value;
      return this;
    }

    /** One baseline's evaluation; call once per baseline, in display order. */
    public Builder baseline(ScorerEvaluation value) {
      baselines.add(value);
      return this;
    }

    /** Calibration tables of the raw and the calibrated probabilities. */
    public Builder calibration(CalibrationTable before, CalibrationTable after) {
      calibrationBefore = before;
      calibrationAfter = after;
      return this;
    }

    /** Feature importance, any order (the report sorts it). */
    public Builder featureImportance(List<FeatureImportance> value) {
      featureImportance = value;
      return this;
    }

    /** A sample of flagged members with reasons. */
    public Builder atRiskSample(List<AtRiskMember> value) {
      atRiskSample = value;
      return this;
    }

    /** The input, checked. */
    public ChurnReportInput build() {
      return new ChurnReportInput(
          title,
          modelKind,
          modelVersion,
          trainingCutoffs,
          validationCutoff,
          horizonDays,
          nTrain,
          nValid,
          chosenModel,
          candidateLogLoss,
          model,
          baselines,
          calibrationBefore,
          calibrationAfter,
          featureImportance,
          atRiskSample,
          population,
          backtest,
          notes,
          winBack);
    }
  }
}
