package dev.treue.serving.triggers;

import dev.treue.store.RedisKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;

/** What the trigger tests read of a tenant's firing stream. */
final class TriggerStreams {
  private TriggerStreams() {}

  /**
   * Every entry of the member on the tenant's stream, in stream order: one per firing (the relay
   * appends a firing once), so the tests count entries exactly.
   */
  static List<Map<String, String>> firingsOf(UnifiedJedis redis, RedisKeys keys, String member) {
    List<Map<String, String>> out = new ArrayList<>();
    for (StreamEntry e : redis.xrange(keys.triggerStream(), (StreamEntryID) null, null)) {
      if (member.equals(e.getFields().get("customer_id"))) {
        out.add(e.getFields());
      }
    }
    return out;
  }
}
