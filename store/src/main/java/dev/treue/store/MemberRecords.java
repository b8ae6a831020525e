package dev.treue.store;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * Everything Redis holds about one member, for data-subject requests: export it all, or erase it
 * all (state, seen event ids, opt-out marker, at-risk scores and row).
 */
public final class MemberRecords {

  /**
   * What is stored about a member.
   *
   * @param customerId the member
   * @param state the stored state or null
   * @param stateTtlMillis remaining time to live of the state in ms, -1 without expiry, -2 when absent
   * @param seenEventIds event ids folded in through the event API since the last batch load
   * @param optedOut the opt-out marker is set
   * @param atRiskScore the member's score in the at-risk list by probability, or null
   * @param atRiskValue the member's score in the at-risk list by value at risk, or null
   * @param atRiskRow the member's at-risk row, or null
   * @param grants offers issued to the member, by offer id (the copy in the member's slot)
   */
  public record Export(String customerId, StoredState state, long stateTtlMillis, Set<String> seenEventIds,
      boolean optedOut, Double atRiskScore, Double atRiskValue, AtRiskEntry atRiskRow, Map<String, String> grants) {

    public Export {
      seenEventIds = Set.copyOf(seenEventIds);
      grants = Map.copyOf(grants);
    }

    /** True when nothing at all is stored. */
    public boolean empty() {
      return state == null && seenEventIds.isEmpty() && !optedOut && atRiskScore == null && atRiskValue == null
          && atRiskRow == null && grants.isEmpty();
    }
  }

  /**
   * What an erase removed.
   *
   * @param memberKeys member keys deleted (state, seen ids, opt-out marker)
   * @param atRiskEntries at-risk sorted-set members (by probability, by value at risk) and row fields removed
   */
  public record Erased(long memberKeys, long atRiskEntries) {
    /** True when anything was stored. */
    public boolean any() {
      return memberKeys + atRiskEntries > 0;
    }
  }

  private final UnifiedJedis redis;

  public MemberRecords(UnifiedJedis redis) {
    this.redis = redis;
  }

  /** Reads everything about the member in one pipeline. */
  public Export export(RedisKeys keys, String customerId) {
    Response<byte[]> state;
    Response<Long> ttl;
    Response<Set<String>> seen;
    Response<Boolean> optOut;
    Response<Double> score;
    Response<Double> value;
    Response<String> row;
    Response<Map<String, String>> grants;
    try (AbstractPipeline p = redis.pipelined()) {
      state = p.get(MemberReader.stateKey(keys, customerId));
      ttl = p.pttl(keys.memberState(customerId));
      seen = p.smembers(keys.memberEvents(customerId));
      optOut = p.exists(keys.memberOptOut(customerId));
      score = p.zscore(keys.atRiskScores(), customerId);
      value = p.zscore(keys.atRiskValues(), customerId);
      row = p.hget(keys.atRiskRows(), customerId);
      grants = p.hgetAll(keys.memberIssued(customerId));
      p.sync();
    }
    StoredState stored = state.get() == null ? null : StoredState.decode(state.get());
    // Seen ids live in the state's window; the set is what earlier versions kept beside the state.
    Set<String> seenIds = new TreeSet<>(seen.get());
    if (stored != null) {
      stored.window().window().forEach(e -> seenIds.add(e.eventId()));
    }
    return new Export(customerId, stored, ttl.get(), seenIds, optOut.get(), score.get(), value.get(),
        row.get() == null ? null : AtRiskEntry.decode(row.get()), grants.get());
  }

  /**
   * Deletes everything about the member: the member keys in one command, the list entry in three, and
   * the member's count in each offer it was issued (found through the member's own copy of its grants).
   */
  public Erased erase(RedisKeys keys, String customerId) {
    Response<Long> member;
    Response<Long> zrem;
    Response<Long> zremValue;
    Response<Long> hdel;
    java.util.Set<String> granted = redis.hkeys(keys.memberIssued(customerId));
    try (AbstractPipeline p = redis.pipelined()) {
      for (String offerId : granted) {
        p.hdel(keys.offerIssued(offerId), customerId);
      }
      // One DEL is legal on a cluster: the member's keys share its hash tag.
      member = p.del(keys.memberState(customerId), keys.memberEvents(customerId), keys.memberOptOut(customerId),
          keys.memberIssued(customerId));
      zrem = p.zrem(keys.atRiskScores(), customerId);
      zremValue = p.zrem(keys.atRiskValues(), customerId);
      hdel = p.hdel(keys.atRiskRows(), customerId);
      p.sync();
    }
    return new Erased(member.get(), zrem.get() + zremValue.get() + hdel.get());
  }

  /** Sets the opt-out marker (what the batch job does for {@code profiling_consent=false}). */
  public void optOut(RedisKeys keys, String customerId) {
    redis.set(keys.memberOptOut(customerId).getBytes(StandardCharsets.UTF_8), new byte[] {'1'});
  }

  /** The keys that make up a member, for tests and tools. */
  public static List<String> memberKeys(RedisKeys keys, String customerId) {
    return List.of(keys.memberState(customerId), keys.memberEvents(customerId), keys.memberOptOut(customerId),
        keys.memberIssued(customerId));
  }
}
