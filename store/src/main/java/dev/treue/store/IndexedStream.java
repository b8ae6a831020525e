package dev.treue.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;

/**
 * A Redis stream whose entries name members, each member with an index of its entries' ids (a
 * sorted set by the ids' time) in the stream's slot, so an erase deletes exactly the member's
 * entries without reading the stream, on Redis Cluster too. Used by the {@link RankingLog} and the
 * tenant's trigger stream ({@link TriggerOutbox}). The scripts go by {@code EVALSHA} ({@link
 * RedisScript}): with the script's text every call, Redis hashed about a kilobyte per append, which
 * nearly doubled an append's cost in Redis (63 against 35 us per call for a firing).
 */
final class IndexedStream {
  /** The maximum length that never trims. */
  static final long UNCAPPED = 0;

  // KEYS[1] the stream, KEYS[2] the member's index, KEYS[3] where the stream starts; ARGV[1] the
  // cap (0: none), then field, value pairs. The index's score is the id's time, so ids older than
  // the stream's first entry (trimmed) are dropped by score.
  private static final RedisScript APPEND = new RedisScript(appendAndIndex(2, "id"));

  // As APPEND, with ARGV[2] the entry's key (e.g. a firing id): the index entry is "<id> <key>",
  // and nothing is appended when the member's index already holds the key (returns false). Keys
  // are compared newest first; a member has few entries, so the scan stays short.
  private static final RedisScript APPEND_ONCE =
      new RedisScript(
          """
      for _, m in ipairs(redis.call('ZREVRANGE', KEYS[2], 0, -1)) do
        local space = string.find(m, ' ', 1, true)
        if space and string.sub(m, space + 1) == ARGV[2] then return false end
      end
      """
              + appendAndIndex(3, "id .. ' ' .. ARGV[2]"));

  /**
   * The part both appends share: XADD of the fields from {@code ARGV[firstField]} (trimmed to about
   * ARGV[1] entries unless that is '0'), the new id into the member's index as {@code indexEntry},
   * and the index's ids older than the stream's first entry dropped. Where the stream starts is
   * kept in KEYS[3], rewritten only by an XADD that trimmed (the stream did not grow; Redis trims
   * whole nodes, about one append in eighteen on the ranking log) and read with a GET otherwise.
   * Reading the first entry back with XRANGE on every append, as before, cost Redis about 5 us of a
   * rewards request's 42 ({@code bench/cpu-per-request.sh COMPARE=build}: Redis CPU per request
   * 41.9 before, 36.4 after). The fields go to XADD straight from ARGV, without a copy.
   */
  private static String appendAndIndex(int firstField, String indexEntry) {
    return """
        local id
        if ARGV[1] == '0' then
          id = redis.call('XADD', KEYS[1], '*', unpack(ARGV, %1$d))
          redis.call('ZADD', KEYS[2], tonumber(string.match(id, '^(%%d+)')), %2$s)
          return id
        end
        local before = redis.call('XLEN', KEYS[1])
        id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', unpack(ARGV, %1$d))
        local start
        if redis.call('XLEN', KEYS[1]) <= before then
          local first = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)[1][1]
          start = string.match(first, '^(%%d+)')
          redis.call('SET', KEYS[3], start)
        else
          start = redis.call('GET', KEYS[3])
        end
        redis.call('ZADD', KEYS[2], tonumber(string.match(id, '^(%%d+)')), %2$s)
        if start then
          redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. start)
        end
        return id
        """
        .formatted(firstField, indexEntry);
  }

  // KEYS[1] the stream, KEYS[2] the member's index (entries "<id>" or "<id> <key>"). XDEL in slices
  // keeps unpack within Lua's stack.
  private static final RedisScript ERASE =
      new RedisScript(
          """
      local ids = redis.call('ZRANGE', KEYS[2], 0, -1)
      for i = 1, #ids do ids[i] = string.match(ids[i], '^(%S+)') end
      local deleted = 0
      for from = 1, #ids, 500 do
        deleted = deleted + redis.call('XDEL', KEYS[1], unpack(ids, from, math.min(#ids, from + 499)))
      end
      redis.call('DEL', KEYS[2])
      return deleted
      """);

  private IndexedStream() {}

  /**
   * Appends an entry and indexes it under its member in one script in the stream's slot: Redis
   * chooses the id (so concurrent appends never collide), the member's index gets it, and ids the
   * stream has trimmed since are dropped from that index.
   *
   * @param start the key that keeps where the stream starts since its latest trim, in its slot
   *     (e.g. {@link RedisKeys#rankingLogStart})
   * @param maxLength entries kept (approximately: Redis trims whole stream nodes), or {@link
   *     #UNCAPPED}
   * @return the entry's id
   */
  static String append(
      UnifiedJedis redis,
      String stream,
      String start,
      String index,
      long maxLength,
      Map<String, String> fields) {
    return text(APPEND.eval(redis, keys(stream, index, start), args(maxLength, null, fields)));
  }

  /**
   * As above, queued on a pipeline; {@link RedisScript.Queued#result} after the sync gives the
   * entry's id (as bytes), running the script then if the server did not know it yet.
   */
  static RedisScript.Queued append(
      AbstractPipeline pipeline,
      String stream,
      String start,
      String index,
      long maxLength,
      Map<String, String> fields) {
    return APPEND.queue(pipeline, keys(stream, index, start), args(maxLength, null, fields));
  }

  private static List<byte[]> keys(String stream, String index) {
    return List.of(bytes(stream), bytes(index));
  }

  private static List<byte[]> keys(String stream, String index, String start) {
    return List.of(bytes(stream), bytes(index), bytes(start));
  }

  /** The cap, the entry's key when there is one, then the fields as name, value pairs. */
  private static List<byte[]> args(long maxLength, String key, Map<String, String> fields) {
    List<byte[]> args = new ArrayList<>(2 + 2 * fields.size());
    args.add(bytes(Long.toString(maxLength)));
    if (key != null) {
      args.add(bytes(key));
    }
    fields.forEach(
        (k, v) -> {
          args.add(bytes(k));
          args.add(bytes(v));
        });
    return args;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A bulk reply as text (scripts called with binary arguments answer in bytes); null stays null. */
  static String text(Object reply) {
    return reply instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : (String) reply;
  }

  /**
   * Appends an entry unless the member's index already holds one with the same {@code key}, in one
   * script in the stream's slot, so two writers racing to append the same thing append it once. The
   * index entry is {@code "<id> <key>"} (the id first, so {@link #eraseMember} reads it); a key whose
   * entry the stream has trimmed (and the index dropped) would be appended again.
   *
   * @param start as for {@link #append(UnifiedJedis, String, String, String, long, Map)}
   * @param key what makes the entry unique for its member (no more than one entry has it)
   * @return the new entry's id, or {@code null} when the key was appended before
   */
  static String appendOnce(
      UnifiedJedis redis,
      String stream,
      String start,
      String index,
      long maxLength,
      String key,
      Map<String, String> fields) {
    // The script's false (already appended) comes back as a nil reply.
    return text(APPEND_ONCE.eval(redis, keys(stream, index, start), args(maxLength, key, fields)));
  }

  /**
   * Deletes every entry the member's index names from the stream, and the index, in one script.
   *
   * @return entries deleted (ids trimmed before are not counted)
   */
  static long eraseMember(UnifiedJedis redis, String stream, String index) {
    return ((Number) ERASE.eval(redis, keys(stream, index), List.of())).longValue();
  }
}
