package dev.treue.training.triggers;

import dev.treue.core.churn.RiskBand;
import dev.treue.core.cli.Arguments;
import dev.treue.core.cli.Command;
import dev.treue.core.cli.Option;
import dev.treue.core.cli.UsageException;
import dev.treue.core.customer.MemberStatus;
import dev.treue.core.trigger.Holdout;
import dev.treue.core.trigger.TenantTriggerSettings;
import dev.treue.core.trigger.TriggerKind;
import dev.treue.core.trigger.TriggerSettings;
import dev.treue.store.RedisEndpoint;
import dev.treue.store.RedisKeys;
import dev.treue.training.files.Location;
import dev.treue.training.ingest.IngestArguments;
import dev.treue.training.ingest.LoyaltyData;
import dev.treue.training.ingest.LoyaltyReader;
import dev.treue.training.materialize.ChurnModelChoice;
import dev.treue.training.score.ReasonArguments;
import dev.treue.training.score.RetentionModel;
import dev.treue.training.snapshot.DataSpan;
import dev.treue.training.spark.SparkSessions;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * {@code ./treue triggers sweep --data DIR [--as-of DATE] [--out DIR] [--redis URL --tenant T]
 * [--config FILE]}: the service's time-driven trigger sweep as a Spark batch over every member of a
 * data folder ({@link TriggerSweepJob}).
 */
public final class TriggerSweepCommand implements Command {
  /** The service's default {@code trigger_stream_max_length}. */
  static final long DEFAULT_STREAM_MAX_LENGTH = 1_000_000;

  @Override
  public String name() {
    return "triggers sweep";
  }

  @Override
  public String summary() {
    return "evaluate the time-driven triggers of every member on a day: firings.csv and/or claimed"
        + " and relayed to the tenant's firing stream in Redis";
  }

  @Override
  public List<Option> options() {
    return List.of(
        Option.required("data", "folder with customers and events (CSV or Parquet)"),
        Option.of(
                "as-of",
                "",
                "evaluate on this day yyyy-MM-dd, each member replayed to its end (empty: the last day"
                    + " with an event)")
            .shownAs("DATE"),
        Option.of("out", "", "folder for firings.csv (empty: DATA/triggers, or none with --redis)")
            .shownAs("DIR"),
        Option.of(
                "redis",
                "",
                "claim and relay the firings in this Redis: redis://host:port or"
                    + " redis-cluster://host:port,...")
            .shownAs("URL"),
        Option.of("tenant", "default", "the tenant whose settings, control group and stream apply")
            .shownAs("T"),
        Option.of(
                "namespace",
                RedisKeys.DEFAULT_NAMESPACE,
                "first segment of every Redis key (the service's namespace)")
            .shownAs("NS"),
        Option.of(
                "config",
                "",
                "the service's config file: the tenant's triggers, holdouts and trigger_stream_max_length")
            .shownAs("FILE"),
        Option.of(
                "kinds",
                "",
                "time-driven kinds to evaluate, comma-separated (replaces the config's on/off switches):"
                    + " became_lapsed,membership_anniversary,points_expiring,tier_downgrade_ahead")
            .shownAs("K,..."),
        Option.of(
                "points-expiring-within-days",
                "",
                "points_expiring.within_days (empty: the config's, default 30)")
            .shownAs("N"),
        Option.of(
                "tier-downgrade-ahead-within-days",
                "",
                "tier_downgrade_ahead.within_days (empty: the config's, default 30)")
            .shownAs("N"),
        Option.of(
                "holdout-share",
                "",
                "the tenant's control-group share (empty: the config's holdouts, else 0)")
            .shownAs("S"),
        Option.of("salt", "", "the control group's salt (empty: the config's, else the tenant id)")
            .shownAs("X"),
        Option.of(
                "active-days",
                "",
                "activity window for became_lapsed (empty: the churn model's active_days, without a"
                    + " model "
                    + MemberStatus.DEFAULT_ACTIVE_DAYS
                    + ")")
            .shownAs("N"),
        Option.of(
                "registry",
                "models",
                "model registry whose current churn model fills the payloads' churn figures")
            .shownAs("DIR"),
        Option.of("version", "", "churn model version (empty: the current one)").shownAs("V"),
        Option.flag("no-model", "payloads without churn figures and best reward (no scoring)"),
        Option.of(
            "reasons-from",
            String.valueOf(RiskBand.MEDIUM_FROM),
            "give reasons to members from this churn probability up (0 = everyone)"),
        RetentionModel.OFFERS_VERSION,
        RetentionModel.RETENTION_FROM,
        ReasonArguments.CURRENCY,
        ReasonArguments.LANGUAGE,
        Option.of("progress-seconds", "30", "print progress this often while the job runs"),
        IngestArguments.MAX_REJECT_SHARE,
        IngestArguments.WORK);
  }

  @Override
  public String details() {
    return """
        Runs what the service's trigger sweep runs, on every member of the data folder at once: each
        consenting member's history is replayed once to the end of the as-of day and the time-driven
        triggers that are on are evaluated as the service evaluates them (same firing ids: one per kind,
        member and period). Settings come from the service's config file (--config) for --tenant, or from
        --kinds and the parameter options. With --redis, every firing is claimed in the member's slot as
        the service's sweep claims it, so a firing either of them claimed before is not fired again, and
        relayed to the tenant's firing stream; load the members first (./treue materialize), since a
        member without a state in Redis claims nothing. Each payload is the service's: with a churn model
        in --registry, every member with something due is scored as materialize scores the at-risk list
        (churn probability, risk band, reasons, CLV, value at risk, model version), and with an offers
        model and an offers table best_reward is the top of the member's ranking as the retention offer
        picker ranks it (greedy, sends so far as grants, whole budgets); without them those are null.""";
  }

  @Override
  public int run(Arguments a) throws Exception {
    String tenant = a.string("tenant");
    try {
      new RedisKeys(a.string("namespace"), tenant);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    TenantTriggerSettings config;
    try {
      config = a.has("config") ? TenantTriggerConfig.read(a.path("config"), tenant) : null;
    } catch (IllegalArgumentException e) {
      throw new UsageException("--config: " + e.getMessage());
    }
    if (config == null) {
      config = TenantTriggerSettings.NONE;
    }
    TriggerSettings triggers = settings(a, config.triggers());
    if (triggers.enabled().stream().allMatch(TriggerKind::eventDriven)) {
      throw new UsageException(
          "no time-driven trigger is on for tenant "
              + tenant
              + ": give --kinds, or --config with the service's triggers");
    }
    Holdout holdout = holdout(a, config.holdout(), tenant);
    java.util.Optional<ChurnModelChoice> model =
        a.flag("no-model") ? java.util.Optional.empty() : ChurnModelChoice.load(a);
    int activeDays =
        a.has("active-days")
            ? a.integer("active-days")
            : model
                .map(m -> m.bundle().info().activeDays())
                .orElse(MemberStatus.DEFAULT_ACTIVE_DAYS);
    if (activeDays < 1 || activeDays > 3_650) {
      throw new UsageException("--active-days: " + activeDays + " is outside 1 to 3650");
    }
    int progressSeconds = a.integer("progress-seconds");
    if (progressSeconds < 1) {
      throw new UsageException("--progress-seconds: must be at least 1");
    }
    StreamTarget target = null;
    if (a.has("redis")) {
      try {
        target =
            new StreamTarget(
                a.string("redis"),
                a.string("namespace"),
                tenant,
                config.streamMaxLength() == null
                    ? DEFAULT_STREAM_MAX_LENGTH
                    : config.streamMaxLength());
      } catch (IllegalArgumentException e) {
        throw new UsageException("--redis: " + e.getMessage());
      }
    }
    Path out =
        a.has("out")
            ? a.path("out")
            : target == null ? IngestArguments.outputBesideData(a, "out", "triggers") : null;
    SparkSession spark = SparkSessions.forJob("triggers sweep");
    try {
      LoyaltyReader reader = new LoyaltyReader(spark, IngestArguments.options(a));
      Location folder = IngestArguments.data(a, spark);
      LoyaltyData data = reader.read(folder);
      SweepModels models = null;
      if (model.isPresent()) {
        models =
            new SweepModels(
                model.get().version(),
                ReasonArguments.inWords(
                    model.get().bundle().scorer(),
                    ReasonArguments.language(a),
                    ReasonArguments.currency(a)),
                RetentionModel.load(a, reader, folder),
                a.decimal("reasons-from"));
      }
      LocalDate asOf = a.has("as-of") ? a.date("as-of") : DataSpan.lastEventDay(data.eventRows());
      SweepSettings settings =
          new SweepSettings(
              triggers,
              holdout,
              Math.toIntExact(asOf.toEpochDay()),
              activeDays,
              Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
      System.out.printf(
          Locale.ROOT,
          "Sweeping time-driven triggers of tenant %s as of %s: %s%s%n",
          tenant,
          asOf,
          settings.timeDrivenKinds().stream().map(TriggerKind::wireName).toList(),
          holdout.share() > 0 ? ", holdout share " + holdout.share() : "");
      System.out.println(
          models == null
              ? "  no churn model: payloads without churn figures and best reward"
              : "  payloads scored with churn model "
                  + models.version()
                  + (models.retention() == null
                      ? ", best_reward null (no offers model or table)"
                      : ", best_reward from offers model " + models.retention().modelVersion()));
      TriggerSweepJob.Result r =
          TriggerSweepJob.run(
              spark,
              data.memberRows(),
              data.eventRows(),
              settings,
              models,
              out,
              target,
              System.out::println,
              progressSeconds);
      print(r, out, target);
      return 0;
    } finally {
      spark.stop();
    }
  }

  /** The config's settings with --kinds and the parameter options on top (one parser: fromMap). */
  static TriggerSettings settings(Arguments a, TriggerSettings base) {
    Map<String, Object> kinds = new LinkedHashMap<>();
    if (a.has("kinds")) {
      Set<TriggerKind> chosen = EnumSet.noneOf(TriggerKind.class);
      for (String name : a.string("kinds").split(",")) {
        TriggerKind k;
        try {
          k = TriggerKind.fromWire(name.trim());
        } catch (IllegalArgumentException e) {
          throw new UsageException("--kinds: " + e.getMessage());
        }
        if (k.eventDriven()) {
          throw new UsageException(
              "--kinds: "
                  + k.wireName()
                  + " is event-driven: the service fires it when an event is posted");
        }
        chosen.add(k);
      }
      for (TriggerKind k : TriggerKind.values()) {
        if (!k.eventDriven()) {
          kinds.put(k.wireName(), new LinkedHashMap<>(Map.of("enabled", chosen.contains(k))));
        }
      }
    }
    within(a, "points-expiring-within-days", TriggerKind.POINTS_EXPIRING, kinds);
    within(a, "tier-downgrade-ahead-within-days", TriggerKind.TIER_DOWNGRADE_AHEAD, kinds);
    try {
      return TriggerSettings.fromMap(kinds, base);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  private static void within(
      Arguments a, String option, TriggerKind kind, Map<String, Object> kinds) {
    if (a.has(option)) {
      ((Map<String, Object>) kinds.computeIfAbsent(kind.wireName(), k -> new LinkedHashMap<>()))
          .put("within_days", a.integer(option));
    }
  }

  private static Holdout holdout(Arguments a, Holdout configured, String tenant) {
    if (!a.has("holdout-share") && !a.has("salt")) {
      return configured;
    }
    double share = a.has("holdout-share") ? a.decimal("holdout-share") : configured.share();
    String salt =
        a.has("salt") ? a.string("salt") : configured.share() > 0 ? configured.salt() : tenant;
    try {
      return Holdout.of(share, salt);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--holdout-share: " + e.getMessage());
    }
  }

  private static void print(TriggerSweepJob.Result r, Path out, StreamTarget target) {
    System.out.printf(Locale.ROOT, "  %,d members replayed%n", r.members());
    for (TriggerSweepJob.KindSummary k : r.kinds()) {
      System.out.printf(
          Locale.ROOT,
          "  %-24s %,9d due (%,d held out)%s%n",
          k.kind(),
          k.due(),
          k.heldOut(),
          k.claimed() < 0
              ? ""
              : String.format(
                  Locale.ROOT,
                  ", %,d claimed now (the rest were claimed before, or the member is not loaded"
                      + " or opted out)",
                  k.claimed()));
    }
    if (out != null) {
      System.out.println("  firings written to " + out.resolve(TriggerSweepJob.FIRINGS_CSV));
    }
    if (target != null) {
      System.out.printf(
          Locale.ROOT,
          "  %,d firings relayed to %s (tenant %s)%n",
          r.relayed(),
          RedisEndpoint.parse(target.redisUrl()),
          target.tenant());
    }
  }
}
