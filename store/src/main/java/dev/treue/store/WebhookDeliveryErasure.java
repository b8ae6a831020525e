package dev.treue.store;

import java.util.Set;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;

/**
 * Erases a member's webhook deliveries: every delivery the member's index
 * ({@link RedisKeys#webhookMemberDeliveries}) names is removed from its subscription's records, log,
 * dead letters and the due set, then the index. Each step is a single-key command, so an erase cut
 * short can be repeated; an attempt in flight finds its record gone and stores nothing.
 */
public final class WebhookDeliveryErasure {
  private WebhookDeliveryErasure() {}

  /** Deletes the member's deliveries; returns how many the index named. */
  public static long eraseMember(UnifiedJedis redis, RedisKeys keys, String memberId) {
    String index = keys.webhookMemberDeliveries(memberId);
    Set<String> entries = redis.smembers(index);
    if (!entries.isEmpty()) {
      try (AbstractPipeline p = redis.pipelined()) {
        for (String entry : entries) {
          int bar = entry.indexOf('|');
          if (bar <= 0) {
            continue;
          }
          String subscription = entry.substring(0, bar);
          String delivery = entry.substring(bar + 1);
          p.hdel(keys.webhookDeliveries(subscription), delivery);
          p.zrem(keys.webhookDeliveryLog(subscription), delivery);
          p.zrem(keys.webhookDeadLetters(subscription), delivery);
          p.zrem(keys.webhookDue(), entry);
        }
        p.sync();
      }
    }
    redis.del(index);
    return entries.size();
  }
}
