package dev.treue.serving.triggers;

import dev.treue.core.customer.MemberStatus;
import dev.treue.core.reason.ReasonWords;
import dev.treue.core.trigger.Firing;
import dev.treue.core.trigger.TimeTriggerEvaluator;
import dev.treue.core.trigger.TriggerKind;
import dev.treue.core.trigger.TriggerSettings;
import dev.treue.serving.config.ServingConfig;
import dev.treue.serving.metrics.ServingMetrics;
import dev.treue.serving.models.ServingModel;
import dev.treue.serving.scoring.ChurnRiskService;
import dev.treue.store.FiringPayload;
import dev.treue.store.RedisKeys;
import dev.treue.store.StoredState;
import dev.treue.store.TimeTriggerClaims;
import dev.treue.store.TriggerOutbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import redis.clients.jedis.UnifiedJedis;

/**
 * The service's time-driven triggers: every {@code trigger_sweep_interval}, pages through each
 * tenant's members (the at-risk rows), reads their states in pipelines, asks {@link
 * TimeTriggerEvaluator} what is due today and claims each firing id in the member's slot ({@link
 * TimeTriggerClaims}), then relays the member's outbox as after an event. Instances sweeping at once
 * claim each (kind, member, period) once; a claimed firing reaches the stream once.
 */
public final class TimeTriggers {
  private static final System.Logger LOG = System.getLogger(TimeTriggers.class.getName());

  /** Members read per page. */
  static final int PAGE = 200;

  private final ServingConfig.Triggers settings;
  private final ChurnRiskService scoring;
  private final ReasonWords words;
  private final BestReward bestReward;
  private final BiPredicate<String, String> heldOut;
  private final Supplier<ServingModel> model;
  private final TimeTriggerClaims claims;
  private final TriggerOutbox outbox;
  private final ServingMetrics metrics;

  /**
   * @param bestReward the payloads' {@code best_reward}
   * @param heldOut (tenant, member) to true when the member is in the tenant's control group
   * @param model the served churn model (for the payload's figures and the activity window), or null
   */
  public TimeTriggers(
      ServingConfig.Triggers settings,
      ChurnRiskService scoring,
      ReasonWords words,
      BestReward bestReward,
      BiPredicate<String, String> heldOut,
      Supplier<ServingModel> model,
      UnifiedJedis redis,
      ServingMetrics metrics) {
    this.settings = settings;
    this.scoring = scoring;
    this.words = words;
    this.bestReward = bestReward;
    this.heldOut = heldOut;
    this.model = model;
    this.claims = new TimeTriggerClaims(redis);
    this.outbox = new TriggerOutbox(redis, settings.streamMaxLength());
    this.metrics = metrics;
  }

  /**
   * One sweep of these tenants' members (tenants with every time-driven kind off are skipped).
   *
   * @return firings claimed by this sweep
   */
  public int sweep(List<RedisKeys> tenants) {
    int claimed = 0;
    for (RedisKeys keys : tenants) {
      TriggerSettings s = settings.forTenant(keys.tenant());
      if (s.enabled().stream().allMatch(TriggerKind::eventDriven)) {
        continue;
      }
      String cursor = "0";
      do {
        TimeTriggerClaims.Page page = claims.page(keys, cursor, PAGE);
        for (StoredState state : page.states().values()) {
          claimed += sweepMember(keys, s, state);
        }
        cursor = page.cursor();
      } while (!cursor.equals("0"));
    }
    return claimed;
  }

  private int sweepMember(RedisKeys keys, TriggerSettings s, StoredState stored) {
    ServingModel m = model.get();
    int activeDays = m == null ? MemberStatus.DEFAULT_ACTIVE_DAYS : m.info().activeDays();
    int today = scoring.today();
    List<TimeTriggerEvaluator.Due> due =
        TimeTriggerEvaluator.evaluate(stored.state(), today, s, activeDays);
    if (due.isEmpty()) {
      return 0;
    }
    String id = stored.state().customerId();
    // Scored and ranked only for members with something due: the payload's churn figures and
    // reward.
    var row = m == null ? null : scoring.atRiskEntry(m, stored.state());
    var best = bestReward.of(keys, stored.state(), m);
    Instant at = scoring.clock().instant();
    boolean held = heldOut.test(keys.tenant(), id);
    List<TimeTriggerClaims.Claim> wanted = new ArrayList<>(due.size());
    for (TimeTriggerEvaluator.Due d : due) {
      Firing f =
          new Firing(
              d.firingId(),
              d.kind(),
              id,
              at,
              held,
              FiringPayload.json(
                  row, null, m == null ? null : m.version(), words, best, d.details()));
      wanted.add(new TimeTriggerClaims.Claim(f, d.periodDay()));
    }
    List<String> now = claims.claim(keys, id, wanted, today);
    if (now.isEmpty()) {
      return 0;
    }
    for (TimeTriggerClaims.Claim c : wanted) {
      if (now.contains(c.firing().firingId())) {
        metrics.triggerFirings(c.firing().kind().wireName(), "recorded", 1);
      }
    }
    try {
      metrics.triggerFirings("any", "relayed", outbox.relay(keys, id));
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "time-driven firings of a member of "
              + keys.tenant()
              + " stay in the outbox until the relay sweep: "
              + e.getMessage());
    }
    return now.size();
  }
}
