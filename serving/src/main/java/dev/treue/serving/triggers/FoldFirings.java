package dev.treue.serving.triggers;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.reason.ReasonWords;
import dev.treue.core.trigger.Firing;
import dev.treue.core.trigger.TriggerEvaluator;
import dev.treue.core.trigger.TriggerMemory;
import dev.treue.core.trigger.TriggerSettings;
import dev.treue.serving.models.ServingModel;
import dev.treue.serving.scoring.ChurnRiskService;
import dev.treue.store.AtRiskEntry;
import dev.treue.store.FiringPayload;
import dev.treue.store.FoldTriggers;
import dev.treue.store.RedisKeys;
import dev.treue.store.StoredState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The triggers of one member's fold in {@code POST /v1/events}: scores the state about to be
 * written with the served model (the score the events moved), evaluates the tenant's event-driven
 * triggers ({@link TriggerEvaluator}) and builds each firing's payload. Asked once per
 * compare-and-set attempt; remembers the written attempt's at-risk row, so the route does not score
 * the member twice.
 *
 * <p>The payload: {@code churn_probability} and {@code risk_band} (null unless the member is active
 * under the model), {@code status}, {@code reasons} (in the service's language), {@code clv}, {@code
 * value_at_risk}, {@code model_version}, {@code best_reward} (the top of the rewards ranking for
 * the state about to be written, ranked only when something fires: {@link BestReward}) and the
 * kind's own fields. Without a loaded churn model the churn figures are null and the churn crossing
 * cannot fire.
 */
final class FoldFirings implements FoldTriggers {
  private final TriggerSettings settings;
  private final RedisKeys keys;
  private final ServingModel model;
  private final ChurnRiskService scoring;
  private final ReasonWords words;
  private final BestReward bestReward;
  private final boolean heldOut;
  private AtRiskEntry entry;
  private long entryRevision = -1;
  private List<Firing> last = List.of();

  FoldFirings(
      TriggerSettings settings,
      RedisKeys keys,
      ServingModel model,
      ChurnRiskService scoring,
      ReasonWords words,
      BestReward bestReward,
      boolean heldOut) {
    this.settings = settings;
    this.keys = keys;
    this.model = model;
    this.scoring = scoring;
    this.words = words;
    this.bestReward = bestReward;
    this.heldOut = heldOut;
  }

  @Override
  public Outcome fire(CustomerState before, StoredState after, TriggerMemory memory) {
    AtRiskEntry row = model == null ? null : scoring.atRiskEntry(model, after.state());
    entry = row;
    entryRevision = after.revision();
    double probability = row == null || !row.active() ? Double.NaN : row.probability();
    TriggerEvaluator.Evaluation ev =
        TriggerEvaluator.evaluate(settings, before, after.state(), probability, memory);
    Instant at = scoring.clock().instant();
    List<Firing> firings = new ArrayList<>(ev.fired().size());
    String customerId = after.state().customerId();
    // Ranked once per attempt, and only when something fires: most folds fire nothing.
    Map<String, Object> best =
        ev.fired().isEmpty() ? null : bestReward.of(keys, after.state(), model);
    for (TriggerEvaluator.Fired f : ev.fired()) {
      firings.add(
          new Firing(
              Firing.id(f.kind(), customerId, after.revision(), at, f.part()),
              f.kind(),
              customerId,
              at,
              heldOut,
              FiringPayload.json(
                  row, null, model == null ? null : model.version(), words, best, f.details())));
    }
    last = List.copyOf(firings);
    return new Outcome(firings, ev.memory());
  }

  /** The at-risk row scored for the written state of that revision, or null. */
  AtRiskEntry entryFor(long revision) {
    return revision == entryRevision ? entry : null;
  }

  /** The firings of the last attempt (the written one when the write succeeded). */
  List<Firing> firings() {
    return last;
  }
}
