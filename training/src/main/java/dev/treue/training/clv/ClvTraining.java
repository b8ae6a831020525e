package dev.treue.training.clv;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.treue.core.cli.UsageException;
import dev.treue.core.clv.GammaGammaFit;
import dev.treue.core.clv.LifetimeFit;
import dev.treue.core.clv.PurchaseSummary;
import dev.treue.core.registry.BundleFormat;
import dev.treue.training.files.Location;
import dev.treue.training.registry.ModelRegistry;
import dev.treue.training.registry.PublishResult;
import dev.treue.training.report.ClvReport;
import dev.treue.training.snapshot.DataSpan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code train clv}: the BG/NBD and Gamma-Gamma fitted on every member's history up to the
 * calibration end, judged out of time on what the same members did from then to the data's last
 * day (the holdout), and published to the registry as kind {@value #KIND} behind the quality gate.
 * Without a holdout there is nothing to judge and no AUC, so the gate refuses the version: it is
 * stored, and a person may promote it.
 */
public final class ClvTraining {
  /** The registry kind of lifetime value models. */
  public static final String KIND = "clv";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ClvTraining() {}

  /**
   * What a run produced.
   *
   * @param version the published version
   * @param publish the gate's verdict
   * @param fit both fits
   * @param fitSeconds time the two maximum-likelihood fits took
   * @param calibrationMembers members with a purchase by the calibration end
   * @param calibrationRepeats their repeat purchase days in the calibration period
   * @param dataEnd the data's last day
   * @param holdout the out-of-time evaluation; empty when the data ends on the calibration end
   * @param metrics what {@code metrics.json} holds
   * @param bundlePath the version folder
   */
  public record Outcome(
      String version,
      PublishResult publish,
      LifetimeFit fit,
      double fitSeconds,
      int calibrationMembers,
      long calibrationRepeats,
      LocalDate dataEnd,
      Optional<HoldoutEvaluation> holdout,
      Map<String, Object> metrics,
      String bundlePath) {}

  /** Fits, evaluates when the data continues after the calibration end, and publishes. */
  public static Outcome run(Dataset<Row> events, ClvTrainingSettings s) throws IOException {
    LocalDate calibrationEnd = s.calibrationEnd();
    LocalDate dataEnd = DataSpan.lastEventDay(events);
    if (calibrationEnd.isAfter(dataEnd)) {
      // T would run on through days the data does not cover, and every member would look silent.
      throw new UsageException(
          "option --calibration-end "
              + calibrationEnd
              + " is after the data's last day "
              + dataEnd
              + "; use a date on or before it");
    }
    int unitDays = s.unit().days();
    HoldoutPurchases.Members members =
        HoldoutPurchases.collect(HoldoutPurchases.of(events, calibrationEnd, dataEnd, unitDays));
    List<PurchaseSummary> summaries = members.summaries();
    if (summaries.isEmpty()) {
      throw new IllegalArgumentException(
          "no member has a purchase on or before --calibration-end "
              + calibrationEnd
              + "; choose a later date");
    }
    long repeats = summaries.stream().mapToLong(PurchaseSummary::frequency).sum();
    List<GammaGammaFit.Spend> spends =
        PurchaseSummaries.collectSpends(PurchaseSummaries.spends(events, calibrationEnd));
    long fitStart = System.nanoTime();
    LifetimeFit fit = LifetimeFit.fit(summaries, spends, unitDays, s.horizon());
    double fitSeconds = (System.nanoTime() - fitStart) / 1e9;

    long holdoutDays = ChronoUnit.DAYS.between(calibrationEnd, dataEnd);
    Optional<HoldoutEvaluation> holdout =
        holdoutDays > 0
            ? Optional.of(
                HoldoutEvaluation.of(
                    fit.model().purchases(), members, holdoutDays / (double) unitDays))
            : Optional.empty();
    Map<String, Object> metrics = new LinkedHashMap<>();
    holdout.ifPresentOrElse(
        h -> metrics.putAll(h.metrics()),
        () -> {
          metrics.put("members", summaries.size());
          metrics.put(
              "holdout",
              "none: the data ends on the calibration end, so there is nothing to evaluate");
        });
    metrics.put("log_likelihood", fit.purchases().logLikelihood());
    metrics.put("fit_seconds", fitSeconds);

    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("data", Location.shown(s.data()));
    facts.put("data_end", dataEnd.toString());
    facts.put("calibration_end", calibrationEnd.toString());
    facts.put("holdout_start", holdout.isPresent() ? calibrationEnd.plusDays(1).toString() : null);
    facts.put("holdout_end", holdout.isPresent() ? dataEnd.toString() : null);
    facts.put("time_unit", s.unit().label());
    facts.put("unit_days", unitDays);
    Map<String, Object> horizon = new LinkedHashMap<>();
    horizon.put("months", s.horizon().months());
    horizon.put("annual_discount_rate", s.horizon().annualDiscountRate());
    facts.put("horizon", horizon);
    facts.put("calibration_members", summaries.size());
    facts.put("calibration_repeat_purchases", repeats);
    facts.put("spend_members", fit.spend().members());

    Map<String, Object> params = ClvParameters.of(fit);
    try (ModelRegistry registry = ModelRegistry.open(s.registry())) {
      String version = registry.newVersion();
      Path staging = Files.createDirectories(s.workDir().resolve("staging-clv-" + version));
      facts.put("version", version);
      JSON.writeValue(staging.resolve(ClvParameters.FILE).toFile(), params);
      JSON.writeValue(staging.resolve(BundleFormat.METRICS).toFile(), metrics);
      JSON.writeValue(staging.resolve("training.json").toFile(), facts);
      ClvReport.write(staging, "Lifetime value model " + version, params, metrics, facts);
      PublishResult published = registry.publish(KIND, version, staging, s.gate());
      return new Outcome(
          version,
          published,
          fit,
          fitSeconds,
          summaries.size(),
          repeats,
          dataEnd,
          holdout,
          metrics,
          registry.versionPath(KIND, version));
    }
  }
}
