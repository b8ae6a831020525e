package dev.treue.serving.triggers;

import dev.treue.core.churn.ReasonWords;
import dev.treue.core.trigger.Firing;
import dev.treue.core.trigger.TriggerSettings;
import dev.treue.serving.config.ServingConfig;
import dev.treue.serving.metrics.ServingMetrics;
import dev.treue.serving.models.ServingModel;
import dev.treue.serving.scoring.ChurnRiskService;
import dev.treue.store.FoldTriggers;
import dev.treue.store.RedisKeys;
import dev.treue.store.TriggerOutbox;
import java.util.List;
import java.util.function.BiPredicate;
import redis.clients.jedis.UnifiedJedis;

/**
 * The service's event-driven triggers: what the event route asks for each member it folds ({@link
 * #forFold}), and the relay of recorded firings to the tenant's stream, right after the fold
 * ({@link #relay}) and periodically for what a stopped relay left ({@link #sweep}).
 */
public final class EventTriggers {
  private static final System.Logger LOG = System.getLogger(EventTriggers.class.getName());

  private final ServingConfig.Triggers settings;
  private final ChurnRiskService scoring;
  private final ReasonWords words;
  private final BestReward bestReward;
  private final BiPredicate<String, String> heldOut;
  private final TriggerOutbox outbox;
  private final ServingMetrics metrics;

  /**
   * @param heldOut (tenant, member) to true when the member is in the tenant's control group: their
   *     firings are recorded with {@code held_out=true} and never delivered
   * @param bestReward the payloads' {@code best_reward}
   */
  public EventTriggers(
      ServingConfig.Triggers settings,
      ChurnRiskService scoring,
      ReasonWords words,
      BestReward bestReward,
      BiPredicate<String, String> heldOut,
      UnifiedJedis redis,
      ServingMetrics metrics) {
    this.settings = settings;
    this.scoring = scoring;
    this.words = words;
    this.bestReward = bestReward;
    this.heldOut = heldOut;
    this.outbox = new TriggerOutbox(redis, settings.streamMaxLength());
    this.metrics = metrics;
  }

  /** The tenant's settings. */
  public TriggerSettings settings(String tenant) {
    return settings.forTenant(tenant);
  }

  /**
   * The triggers of one member's fold, or {@link FoldTriggers#NONE} when the tenant has every
   * event-driven kind off (nothing read, scored or written for triggers then).
   *
   * @param model the served churn model, or null when none is loaded
   */
  public FoldTriggers forFold(RedisKeys keys, String customerId, ServingModel model) {
    String tenant = keys.tenant();
    TriggerSettings s = settings.forTenant(tenant);
    if (s.enabled().stream().noneMatch(k -> k.eventDriven())) {
      return FoldTriggers.NONE;
    }
    return new FoldFirings(
        s, keys, model, scoring, words, bestReward, heldOut.test(tenant, customerId));
  }

  /**
   * After a written fold: counts its firings and relays the member's outbox. A failing relay is
   * logged, not answered: the firings stay in the outbox for the {@link #sweep}.
   */
  public void relay(RedisKeys keys, String customerId, FoldTriggers fold) {
    if (!(fold instanceof FoldFirings f) || f.firings().isEmpty()) {
      return;
    }
    for (Firing firing : f.firings()) {
      metrics.triggerFirings(firing.kind().wireName(), "recorded", 1);
    }
    try {
      int relayed = outbox.relay(keys, customerId);
      metrics.triggerFirings("any", "relayed", relayed);
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "trigger firings of a member of "
              + keys.tenant()
              + " stay in the outbox until the next sweep: "
              + e.getMessage());
    }
  }

  /** Relays what stopped relays left in the outboxes of these tenants' members. */
  public int sweep(List<RedisKeys> tenants) {
    int relayed = 0;
    for (RedisKeys keys : tenants) {
      relayed += outbox.sweep(keys);
    }
    metrics.triggerFirings("any", "relayed", relayed);
    return relayed;
  }

  /** The at-risk row the fold scored for the written state, or null (then the route scores it). */
  public static dev.treue.store.AtRiskEntry scored(FoldTriggers fold, long revision) {
    return fold instanceof FoldFirings f ? f.entryFor(revision) : null;
  }
}
