package dev.treue.serving.scoring;

import static dev.treue.core.time.Days.DAY_MILLIS;

import dev.treue.core.churn.ChurnScore;
import dev.treue.core.churn.WinBack;
import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.MemberStatus;
import dev.treue.core.feature.ChurnFeatures;
import dev.treue.core.i18n.Language;
import dev.treue.core.reason.ReasonWords;
import dev.treue.serving.models.ServingModel;
import dev.treue.store.AtRiskEntry;
import dev.treue.store.StoredMember;
import dev.treue.store.StoredState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns stored members into churn risk for "now": features from the raw state for the clock's UTC
 * day (the one feature definition in {@code core}, lifetime features from the model's lifetime
 * model), then the model's calibrated probability, reasons and the member's value. Unknown members
 * get the base rate as an honest prior ({@code cold_start}); states the batch synced too long ago
 * are still scored but flagged {@code stale}. Only members active under the model's activity window
 * ({@link ServingModel#status}) are scored for churn: lapsed members get their win-back figures
 * ({@link WinBack}), members who never purchased "not activated yet". Pure computation: the caller reads Redis and records
 * metrics ({@link RiskMetrics}).
 */
public final class ChurnRiskService {
  private final Clock clock;
  private final Duration maxStateAge;
  private final double reasonsFrom;
  private final Language language;

  /** A service answering in English unless a request asks otherwise. */
  public ChurnRiskService(Clock clock, Duration maxStateAge, double reasonsFrom) {
    this(clock, maxStateAge, reasonsFrom, Language.EN);
  }

  /**
   * @param reasonsFrom members from this churn probability up get reasons: a safe member's reasons
   *     say little, and they cost one prediction per reason group
   * @param language the language of answers whose request names none (the {@code language} key),
   *     and of the at-risk rows written after events
   */
  public ChurnRiskService(
      Clock clock, Duration maxStateAge, double reasonsFrom, Language language) {
    this.clock = clock;
    this.maxStateAge = maxStateAge;
    this.reasonsFrom = reasonsFrom;
    this.language = language;
  }

  /** The language of answers whose request names none. */
  public Language language() {
    return language;
  }

  public Clock clock() {
    return clock;
  }

  /** The UTC day features are computed for. */
  public int today() {
    return Math.toIntExact(Math.floorDiv(clock.millis(), DAY_MILLIS));
  }

  /** Scores members read in one go, reasons in the default language. */
  public List<ChurnRisk> assess(ServingModel model, List<StoredMember> members) {
    return assess(model, members, language);
  }

  /**
   * Scores members read in one go, with one batched model prediction for the active ones, reasons
   * in {@code language}.
   */
  public List<ChurnRisk> assess(ServingModel model, List<StoredMember> members, Language language) {
    Instant now = clock.instant();
    int asOfDay = today();
    List<double[]> vectors = new ArrayList<>();
    for (StoredMember m : members) {
      if (m.known() && !m.optedOut()) {
        double[] features = model.features(m.customerState(), asOfDay);
        if (model.status(m.customerState(), asOfDay) == MemberStatus.ACTIVE) {
          vectors.add(features);
        }
      }
    }
    List<ChurnScore> scores =
        vectors.isEmpty() ? List.of() : model.scoreAll(vectors, reasonsFrom, language);
    List<ChurnRisk> out = new ArrayList<>(members.size());
    int next = 0;
    for (StoredMember m : members) {
      if (m.optedOut()) {
        out.add(ChurnRisk.optedOut(m.customerId()));
      } else if (!m.known()) {
        out.add(
            ChurnRisk.coldStart(
                m.customerId(),
                model.trainingBaseRate(),
                MemberValue.unknown(model.clvHorizonMonths()),
                model.version(),
                now));
      } else if (model.status(m.customerState(), asOfDay) == MemberStatus.ACTIVE) {
        double[] features = vectors.get(next);
        out.add(active(model, m.state(), features, scores.get(next++), now));
      } else {
        out.add(inactive(model, m.state(), asOfDay, now, model.words(language)));
      }
    }
    return out;
  }

  private ChurnRisk active(
      ServingModel model, StoredState stored, double[] features, ChurnScore score, Instant now) {
    return ChurnRisk.known(
        stored.state().customerId(),
        MemberStatus.ACTIVE,
        score.probability(),
        score.band(),
        score.reasons(),
        null,
        MemberValue.of(score.probability(), features, model.clvHorizonMonths()),
        model.version(),
        stateAsOf(stored),
        now,
        stale(stored, now));
  }

  /** A lapsed or never-purchased member: no churn probability, win-back figures when lapsed. */
  private ChurnRisk inactive(
      ServingModel model, StoredState stored, int asOfDay, Instant now, ReasonWords words) {
    CustomerState state = stored.state();
    double[] features = model.features(state, asOfDay);
    MemberStatus status = model.status(state, asOfDay);
    WinBack winBack =
        status == MemberStatus.LAPSED ? WinBack.of(state, features, asOfDay, words) : null;
    return ChurnRisk.known(
        state.customerId(),
        status,
        Double.NaN,
        null,
        winBack == null ? List.of(WinBack.notActivated(state, asOfDay, words)) : winBack.reasons(),
        winBack,
        winBack == null
            ? MemberValue.of(0, features, model.clvHorizonMonths())
            : MemberValue.lapsed(features, model.clvHorizonMonths()),
        model.version(),
        stateAsOf(stored),
        now,
        stale(stored, now));
  }

  private boolean stale(StoredState stored, Instant now) {
    Duration age = syncAge(stored, now);
    return age != null && age.compareTo(maxStateAge) > 0;
  }

  /**
   * How long ago the batch synced the state, or null for members created by events alone: they were
   * never batch-synced, so their state is as fresh as the events.
   */
  static Duration syncAge(StoredState stored, Instant now) {
    return stored.syncedAtMillis() > 0
        ? Duration.ofMillis(now.toEpochMilli() - stored.syncedAtMillis())
        : null;
  }

  /** The latest event folded in, or the batch coverage when later; null when neither is known. */
  static Long stateAsOf(StoredState stored) {
    long lastEvent = stored.state().lastEventMillis();
    long covered = stored.batchCoveredUntilMillis();
    long asOf = Math.max(lastEvent, covered);
    return asOf == Long.MIN_VALUE ? null : asOf;
  }

  /**
   * The member's feature vector for a day, as {@link #assess} scores it. Without a loaded model the
   * lifetime features are 0: only a lifetime model gives them values.
   *
   * @param model the active churn model, or null when none is loaded
   */
  public double[] features(ServingModel model, CustomerState state, int asOfDay) {
    return model == null ? ChurnFeatures.compute(state, asOfDay) : model.features(state, asOfDay);
  }

  /** The member's churn probability for today, without reasons (for ranking rewards). */
  public double probability(ServingModel model, CustomerState state) {
    return model.probability(state, today());
  }

  /**
   * The at-risk row for a member just assessed after an event: churn figures when active, win-back
   * figures when lapsed, "not activated yet" when they never purchased. No retention offer: the
   * service picks none; the caller writes it with {@link
   * dev.treue.store.AtRiskStore#putKeepingOffer}, which keeps the last load's offer while the member
   * stays active.
   */
  public AtRiskEntry atRiskEntry(ServingModel model, CustomerState state) {
    int asOfDay = today();
    double[] features = model.features(state, asOfDay);
    MemberStatus status = model.status(state, asOfDay);
    ChurnScore score =
        status == MemberStatus.ACTIVE
            ? model.scoreAll(List.of(features), reasonsFrom, language).get(0)
            : null;
    return AtRiskEntry.of(state, status, score, features, clock.millis(), asOfDay);
  }
}
