package dev.treue.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;

/**
 * A Redis stream whose entries name members, each member with an index of its entries' ids (a
 * sorted set by the ids' time) in the stream's slot, so an erase deletes exactly the member's
 * entries without reading the stream, on Redis Cluster too. Used by the {@link RankingLog} and the
 * tenant's trigger stream ({@link TriggerOutbox}).
 */
final class IndexedStream {
  /** The maximum length that never trims. */
  static final long UNCAPPED = 0;

  // KEYS[1] the stream, KEYS[2] the member's index; ARGV[1] the cap (0: none), then field, value
  // pairs. The index's score is the id's time, so ids older than the stream's first entry (trimmed)
  // are dropped by score.
  private static final String APPEND =
      """
      local fields = {}
      for i = 2, #ARGV do fields[#fields + 1] = ARGV[i] end
      local id
      if ARGV[1] == '0' then
        id = redis.call('XADD', KEYS[1], '*', unpack(fields))
      else
        id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', unpack(fields))
      end
      redis.call('ZADD', KEYS[2], tonumber(string.match(id, '^(%d+)')), id)
      if ARGV[1] ~= '0' then
        local first = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)[1]
        if first then
          redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. string.match(first[1], '^(%d+)'))
        end
      end
      return id
      """;

  // KEYS[1] the stream, KEYS[2] the member's index. XDEL in slices keeps unpack within Lua's stack.
  private static final String ERASE =
      """
      local ids = redis.call('ZRANGE', KEYS[2], 0, -1)
      local deleted = 0
      for from = 1, #ids, 500 do
        deleted = deleted + redis.call('XDEL', KEYS[1], unpack(ids, from, math.min(#ids, from + 499)))
      end
      redis.call('DEL', KEYS[2])
      return deleted
      """;

  private IndexedStream() {}

  /**
   * Appends an entry and indexes it under its member in one script in the stream's slot: Redis
   * chooses the id (so concurrent appends never collide), the member's index gets it, and ids the
   * stream has trimmed since are dropped from that index.
   *
   * @param maxLength entries kept (approximately: Redis trims whole stream nodes), or {@link
   *     #UNCAPPED}
   * @return the entry's id
   */
  static String append(
      UnifiedJedis redis, String stream, String index, long maxLength, Map<String, String> fields) {
    List<String> args = new ArrayList<>(1 + 2 * fields.size());
    args.add(Long.toString(maxLength));
    fields.forEach(
        (k, v) -> {
          args.add(k);
          args.add(v);
        });
    return (String) redis.eval(APPEND, List.of(stream, index), args);
  }

  /**
   * Deletes every entry the member's index names from the stream, and the index, in one script.
   *
   * @return entries deleted (ids trimmed before are not counted)
   */
  static long eraseMember(UnifiedJedis redis, String stream, String index) {
    return ((Number) redis.eval(ERASE, List.of(stream, index), List.of())).longValue();
  }
}
