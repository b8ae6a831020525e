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

  // Both appends' scripts start with these functions. KEYS[1] is the stream, KEYS[2] where it
  // starts since its latest trim, ARGV[1] the cap ('0': none).
  //
  // add: XADD of ARGV[from..to] (field, value pairs, straight from ARGV without a copy), the new id
  // into the member's index (a sorted set by the id's time) as "<id>", or "<id> <key>" with a key.
  //
  // tidy, once after the adds: drops from the indexes KEYS[first..last] the ids older than the
  // stream's first entry (trimmed). The start is rewritten only when the adds trimmed (the stream
  // grew by less than they added; Redis trims whole nodes, about one ranking in eighteen) and read
  // with a GET otherwise: reading the first entry back on every append cost Redis about 5 us of a
  // rewards request's 42 (bench/cpu-per-request.sh COMPARE=build: 41.9 before, 36.4 after).
  private static final String FUNCTIONS =
      """
      local function length()
        if ARGV[1] == '0' then return 0 end
        return redis.call('XLEN', KEYS[1])
      end
      local function add(index, from, to, key)
        local id
        if ARGV[1] == '0' then
          id = redis.call('XADD', KEYS[1], '*', unpack(ARGV, from, to))
        else
          id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', unpack(ARGV, from, to))
        end
        local entry = id
        if key then entry = id .. ' ' .. key end
        redis.call('ZADD', index, tonumber(string.match(id, '^(%d+)')), entry)
        return id
      end
      local function tidy(before, added, first, last)
        if ARGV[1] == '0' then return end
        local start
        if redis.call('XLEN', KEYS[1]) < before + added then
          start = string.match(redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)[1][1], '^(%d+)')
          redis.call('SET', KEYS[2], start)
        else
          start = redis.call('GET', KEYS[2])
        end
        if start then
          for i = first, last do
            redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', '(' .. start)
          end
        end
      end
      """;

  // KEYS[3..] the entries' members' indexes, one an entry (a member may come more than once); after
  // the cap each entry's field count, then its fields. Returns the ids in the entries' order. One
  // call for a pass's appends costs Redis the script's own overhead and the start's reads once,
  // not once an entry (each of seven calls into Redis from Lua costs about 1.5 us).
  private static final RedisScript APPEND =
      new RedisScript(
          FUNCTIONS
              + """
      local before = length()
      local ids = {}
      local at = 2
      for i = 3, #KEYS do
        local count = tonumber(ARGV[at])
        ids[i - 2] = add(KEYS[i], at + 1, at + count, nil)
        at = at + count + 1
      end
      tidy(before, #KEYS - 2, 3, #KEYS)
      return ids
      """);

  // KEYS[3] the member's index, ARGV[2] the entry's key (e.g. a firing id), then the fields: the
  // index entry is "<id> <key>", and nothing is appended when the member's index already holds the
  // key (returns false). Keys are compared newest first; a member has few entries, so the scan
  // stays short.
  private static final RedisScript APPEND_ONCE =
      new RedisScript(
          FUNCTIONS
              + """
      for _, m in ipairs(redis.call('ZREVRANGE', KEYS[3], 0, -1)) do
        local space = string.find(m, ' ', 1, true)
        if space and string.sub(m, space + 1) == ARGV[2] then return false end
      end
      local before = length()
      local id = add(KEYS[3], 3, #ARGV, ARGV[2])
      tidy(before, 1, 3, 3)
      return id
      """);

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
   * Appends entries and indexes each under its member, in one script in the stream's slot: Redis
   * chooses the ids (so concurrent appends never collide), each member's index gets its entry's id,
   * and ids the stream has trimmed since are dropped from those indexes. Queued on a pipeline;
   * {@link RedisScript.Queued#result} after the sync gives the ids in the entries' order ({@link
   * #ids}), running the script then if the server did not know it yet.
   *
   * @param start the key that keeps where the stream starts since its latest trim, in its slot
   *     (e.g. {@link RedisKeys#rankingLogStart})
   * @param indexes each entry's member's index, in the stream's slot (a member may come twice)
   * @param maxLength entries kept (approximately: Redis trims whole stream nodes), or {@link
   *     #UNCAPPED}
   * @param fields each entry's fields, in the order of {@code indexes}
   */
  static RedisScript.Queued append(
      AbstractPipeline pipeline,
      String stream,
      String start,
      List<String> indexes,
      long maxLength,
      List<Map<String, String>> fields) {
    AppendCall call = appendCall(stream, start, indexes, maxLength, fields);
    return APPEND.queue(pipeline, call.keys(), call.args());
  }

  /** As above, sent at once: the ids, in the entries' order. */
  static List<String> append(
      UnifiedJedis redis,
      String stream,
      String start,
      List<String> indexes,
      long maxLength,
      List<Map<String, String>> fields) {
    AppendCall call = appendCall(stream, start, indexes, maxLength, fields);
    return ids(APPEND.eval(redis, call.keys(), call.args()));
  }

  private record AppendCall(List<byte[]> keys, List<byte[]> args) {}

  private static AppendCall appendCall(
      String stream,
      String start,
      List<String> indexes,
      long maxLength,
      List<Map<String, String>> fields) {
    if (indexes.isEmpty() || indexes.size() != fields.size()) {
      throw new IllegalArgumentException(
          "one index an entry, at least one entry: "
              + indexes.size()
              + " indexes, "
              + fields.size()
              + " entries");
    }
    List<byte[]> keys = new ArrayList<>(2 + indexes.size());
    keys.add(bytes(stream));
    keys.add(bytes(start));
    int values = 1;
    for (int i = 0; i < indexes.size(); i++) {
      keys.add(bytes(indexes.get(i)));
      values += 1 + 2 * fields.get(i).size();
    }
    List<byte[]> args = new ArrayList<>(values);
    args.add(bytes(Long.toString(maxLength)));
    for (Map<String, String> entry : fields) {
      args.add(bytes(Integer.toString(2 * entry.size())));
      addFields(args, entry);
    }
    return new AppendCall(keys, args);
  }

  /** The ids an {@link #append} answered, in its entries' order. */
  static List<String> ids(Object reply) {
    List<?> replies = (List<?>) reply;
    List<String> ids = new ArrayList<>(replies.size());
    for (Object id : replies) {
      ids.add(text(id));
    }
    return ids;
  }

  private static List<byte[]> keys(String stream, String index) {
    return List.of(bytes(stream), bytes(index));
  }

  private static void addFields(List<byte[]> args, Map<String, String> fields) {
    fields.forEach(
        (k, v) -> {
          args.add(bytes(k));
          args.add(bytes(v));
        });
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
   * @param start as for {@link #append}
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
    List<byte[]> args = new ArrayList<>(2 + 2 * fields.size());
    args.add(bytes(Long.toString(maxLength)));
    args.add(bytes(key));
    addFields(args, fields);
    return text(APPEND_ONCE.eval(redis, List.of(bytes(stream), bytes(start), bytes(index)), args));
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
