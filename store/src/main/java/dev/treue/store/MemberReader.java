package dev.treue.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * Reads members for scoring: one {@code MGET} of the state and the opt-out marker per member. Both
 * keys share the member's hash tag, so the {@code MGET} is legal on Redis Cluster; many members go in
 * one pipeline, which is one round trip on a single Redis and one per master (in parallel) on a
 * cluster.
 */
public final class MemberReader {
  private final UnifiedJedis redis;

  public MemberReader(UnifiedJedis redis) {
    this.redis = redis;
  }

  /** One member, one command. */
  public StoredMember read(RedisKeys keys, String customerId) {
    return member(customerId, redis.mget(stateKey(keys, customerId), optOutKey(keys, customerId)));
  }

  /**
   * A member with its grant counts by offer id ({@link RedisKeys#memberIssued}).
   *
   * @param member the member as {@link #read} finds it
   * @param grants times each offer was issued to the member
   */
  public record WithGrants(StoredMember member, Map<String, Integer> grants) {}

  /**
   * One member and its grants in one round trip: the keys share the member's slot, so the two
   * commands go in one pipeline to one node, on a cluster too.
   */
  public WithGrants readWithGrants(RedisKeys keys, String customerId) {
    Supplier<WithGrants> read;
    try (AbstractPipeline p = redis.pipelined()) {
      read = readWithGrants(p, keys, customerId);
      p.sync();
    }
    return read.get();
  }

  /**
   * Queues one member's read on a pipeline shared with other requests (the service's batched
   * reads); the supplier decodes the member once the pipeline has synced.
   */
  public static Supplier<StoredMember> read(
      AbstractPipeline pipeline, RedisKeys keys, String customerId) {
    Response<List<byte[]>> values =
        pipeline.mget(stateKey(keys, customerId), optOutKey(keys, customerId));
    return () -> member(customerId, values.get());
  }

  /** As {@link #read(AbstractPipeline, RedisKeys, String)}, with the member's grants. */
  public static Supplier<WithGrants> readWithGrants(
      AbstractPipeline pipeline, RedisKeys keys, String customerId) {
    Supplier<StoredMember> member = read(pipeline, keys, customerId);
    Response<Map<String, String>> grants = pipeline.hgetAll(keys.memberIssued(customerId));
    return () -> new WithGrants(member.get(), counts(grants.get()));
  }

  /** The member's grant counts by offer id ({@link RedisKeys#memberIssued}), without the state. */
  public Map<String, Integer> grants(RedisKeys keys, String customerId) {
    return counts(redis.hgetAll(keys.memberIssued(customerId)));
  }

  private static Map<String, Integer> counts(Map<String, String> grants) {
    Map<String, Integer> counts = new HashMap<>();
    grants.forEach((offer, n) -> counts.put(offer, Integer.parseInt(n)));
    return counts;
  }

  /** Many members in one pipeline, in the order asked (repeated ids are read once per mention). */
  public List<StoredMember> readAll(RedisKeys keys, List<String> customerIds) {
    List<Supplier<StoredMember>> replies = new ArrayList<>(customerIds.size());
    try (AbstractPipeline p = redis.pipelined()) {
      for (String id : customerIds) {
        replies.add(read(p, keys, id));
      }
      p.sync();
    }
    List<StoredMember> out = new ArrayList<>(customerIds.size());
    for (Supplier<StoredMember> reply : replies) {
      out.add(reply.get());
    }
    return out;
  }

  /**
   * Many members' stored state values as Redis holds them, undecoded (null where there is none), in
   * one pipeline and in the order asked: for a caller that folds into them ({@link
   * StoredState#decodeForUpdate}) or passes over a value that is not a state, where {@link #readAll}
   * would throw.
   */
  public List<byte[]> stateValues(RedisKeys keys, List<String> customerIds) {
    List<Response<byte[]>> replies = new ArrayList<>(customerIds.size());
    try (AbstractPipeline p = redis.pipelined()) {
      for (String id : customerIds) {
        replies.add(p.get(stateKey(keys, id)));
      }
      p.sync();
    }
    List<byte[]> out = new ArrayList<>(customerIds.size());
    for (Response<byte[]> reply : replies) {
      out.add(reply.get());
    }
    return out;
  }

  private static StoredMember member(String id, List<byte[]> values) {
    byte[] state = values.get(0);
    return new StoredMember(
        id, state == null ? null : StoredState.decode(state), values.get(1) != null);
  }

  static byte[] stateKey(RedisKeys keys, String id) {
    return keys.memberState(id).getBytes(StandardCharsets.UTF_8);
  }

  static byte[] optOutKey(RedisKeys keys, String id) {
    return keys.memberOptOut(id).getBytes(StandardCharsets.UTF_8);
  }
}
