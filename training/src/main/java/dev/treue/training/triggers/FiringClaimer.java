package dev.treue.training.triggers;

import dev.treue.core.trigger.Firing;
import dev.treue.core.trigger.TriggerKind;
import dev.treue.store.RedisEndpoint;
import dev.treue.store.RedisKeys;
import dev.treue.store.TimeTriggerClaims;
import dev.treue.store.TriggerOutbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import redis.clients.jedis.UnifiedJedis;

/**
 * The Redis stage of a sweep, in the executors: one connection per partition; each member's due
 * firings are claimed through {@link TimeTriggerClaims} (the claim the service's sweep makes, so a
 * firing either of them claimed is never claimed again) and the member's outbox relayed to the
 * tenant's stream ({@link TriggerOutbox}) as the service relays it. A relay that fails leaves the
 * firings in the outbox, where the service's relay sweep finds them.
 */
final class FiringClaimer implements ForeachPartitionFunction<Row> {
  private static final long serialVersionUID = 1L;
  private static final System.Logger LOG = System.getLogger(FiringClaimer.class.getName());

  private final StreamTarget target;
  private final SweepSettings settings;
  private final Map<String, LongAccumulator> claimedByKind;
  private final LongAccumulator relayed;

  /**
   * @param claimedByKind an accumulator per time-driven kind's wire name: firings claimed now
   * @param relayed firings appended to the stream
   */
  FiringClaimer(
      StreamTarget target,
      SweepSettings settings,
      Map<String, LongAccumulator> claimedByKind,
      LongAccumulator relayed) {
    this.target = target;
    this.settings = settings;
    this.claimedByKind = claimedByKind;
    this.relayed = relayed;
  }

  @Override
  public void call(Iterator<Row> firings) {
    if (!firings.hasNext()) {
      return;
    }
    try (UnifiedJedis redis =
        RedisEndpoint.parse(target.redisUrl()).connect(Duration.ofSeconds(10), 2)) {
      TimeTriggerClaims claims = new TimeTriggerClaims(redis);
      TriggerOutbox outbox = new TriggerOutbox(redis, target.streamMaxLength());
      RedisKeys keys = target.keys();
      // A member's firings are next to each other (DueFirings emits them together).
      List<TimeTriggerClaims.Claim> member = new ArrayList<>();
      String current = null;
      while (firings.hasNext()) {
        Row r = firings.next();
        String id = r.getAs(DueFirings.CUSTOMER_ID);
        if (current != null && !current.equals(id)) {
          claim(claims, outbox, keys, current, member);
          member.clear();
        }
        current = id;
        member.add(new TimeTriggerClaims.Claim(firing(r), r.<Integer>getAs(DueFirings.PERIOD_DAY)));
      }
      claim(claims, outbox, keys, current, member);
    }
  }

  private void claim(
      TimeTriggerClaims claims,
      TriggerOutbox outbox,
      RedisKeys keys,
      String customerId,
      List<TimeTriggerClaims.Claim> due) {
    List<String> now = claims.claim(keys, customerId, due, settings.asOfDay());
    if (now.isEmpty()) {
      return;
    }
    for (TimeTriggerClaims.Claim c : due) {
      if (now.contains(c.firing().firingId())) {
        claimedByKind.get(c.firing().kind().wireName()).add(1);
      }
    }
    try {
      relayed.add(outbox.relay(keys, customerId));
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "firings of a member of "
              + keys.tenant()
              + " stay in the outbox until the service's relay sweep: "
              + e.getMessage());
    }
  }

  private Firing firing(Row r) {
    return new Firing(
        r.getAs(DueFirings.FIRING_ID),
        TriggerKind.fromWire(r.getAs(DueFirings.KIND)),
        r.getAs(DueFirings.CUSTOMER_ID),
        settings.firedAt(),
        r.<Boolean>getAs(DueFirings.HELD_OUT),
        r.getAs(DueFirings.PAYLOAD));
  }
}
