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
 * all: state, seen event ids, opt-out marker, at-risk scores and row, grant counts (the member's copy
 * and each offer's), issue request ids (the member's index, the offers' request records, the
 * tenant's request owners), the member's entries in the ranking log and on the trigger stream, its
 * webhook deliveries and its entry in the tenant's {@link MemberIndex}.
 *
 * <p>Everything outside the member's slot is found through indexes kept in the member's slot
 * ({@link RedisKeys#memberIssued}, {@link RedisKeys#memberRequests}, {@link RedisKeys#memberRankings},
 * {@link RedisKeys#triggerMemberFirings}),
 * so an erase reads and writes a bounded number of entries, on Redis Cluster too; nothing is scanned.
 * What an erase leaves is keyed hashes ({@link MemberPseudonyms}), never the id: the erased request
 * ids (so repeating one creates nothing) and, for a member who had opted out, the
 * {@link OptOutTombstones tombstone} that keeps them unprofiled.
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
   * @param issueRequests the member's issue request ids and the offer each was for
   * @param rankingsLogged ids of the member's ranking-log entries held in its index
   */
  public record Export(
      String customerId,
      StoredState state,
      long stateTtlMillis,
      Set<String> seenEventIds,
      boolean optedOut,
      Double atRiskScore,
      Double atRiskValue,
      AtRiskEntry atRiskRow,
      Map<String, String> grants,
      Map<String, String> issueRequests,
      long rankingsLogged) {

    public Export {
      seenEventIds = Set.copyOf(seenEventIds);
      grants = Map.copyOf(grants);
      issueRequests = Map.copyOf(issueRequests);
    }

    /** True when nothing at all is stored. */
    public boolean empty() {
      return state == null
          && seenEventIds.isEmpty()
          && !optedOut
          && atRiskScore == null
          && atRiskValue == null
          && atRiskRow == null
          && grants.isEmpty()
          && issueRequests.isEmpty()
          && rankingsLogged == 0;
    }
  }

  /**
   * What an erase removed.
   *
   * @param memberKeys member keys deleted (state, seen ids, opt-out marker, grants, indexes)
   * @param atRiskEntries at-risk sorted-set members (by probability, by value at risk) and row fields removed
   * @param rankingEntries ranking-log entries deleted
   * @param requestIds issue request ids erased (replaced by keyed hashes)
   * @param tombstone true when the member had opted out and a "do not profile" tombstone was left
   */
  public record Erased(
      long memberKeys,
      long atRiskEntries,
      long rankingEntries,
      long requestIds,
      boolean tombstone) {
    /** True when anything was stored. */
    public boolean any() {
      return memberKeys + atRiskEntries + rankingEntries + requestIds > 0;
    }
  }

  private final UnifiedJedis redis;
  private final MemberPseudonyms pseudonyms;

  public MemberRecords(UnifiedJedis redis) {
    this(redis, new MemberPseudonyms(redis));
  }

  /** Records sharing the given pseudonyms (one instance per process keeps one salt read per tenant). */
  public MemberRecords(UnifiedJedis redis, MemberPseudonyms pseudonyms) {
    this.redis = redis;
    this.pseudonyms = pseudonyms;
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
    Response<Map<String, String>> requests;
    Response<Long> rankings;
    try (AbstractPipeline p = redis.pipelined()) {
      state = p.get(MemberReader.stateKey(keys, customerId));
      ttl = p.pttl(keys.memberState(customerId));
      seen = p.smembers(keys.memberEvents(customerId));
      optOut = p.exists(keys.memberOptOut(customerId));
      score = p.zscore(keys.atRiskScores(), customerId);
      value = p.zscore(keys.atRiskValues(), customerId);
      row = p.hget(keys.atRiskRows(), customerId);
      grants = p.hgetAll(keys.memberIssued(customerId));
      requests = p.hgetAll(keys.memberRequests(customerId));
      rankings = p.zcard(keys.memberRankings(customerId));
      p.sync();
    }
    StoredState stored = state.get() == null ? null : StoredState.decode(state.get());
    // Seen ids live in the state's window; the set is what earlier versions kept beside the state.
    Set<String> seenIds = new TreeSet<>(seen.get());
    if (stored != null) {
      stored.window().window().forEach(e -> seenIds.add(e.eventId()));
    }
    return new Export(
        customerId,
        stored,
        ttl.get(),
        seenIds,
        optOut.get(),
        score.get(),
        value.get(),
        row.get() == null ? null : AtRiskEntry.decode(row.get()),
        grants.get(),
        requests.get(),
        rankings.get());
  }

  /**
   * Deletes everything about the member. First what lies outside the member's slot, found through
   * the member's indexes: each offer's grant count and request records, the tenant's request owners
   * (replaced by erased markers under keyed hashes), the ranking-log entries, the at-risk entry, and
   * the tombstone of an opted-out member, the member's firings on the tenant's trigger stream
   * ({@link TriggerOutbox#eraseMember}), the member's webhook deliveries
   * ({@link WebhookDeliveryErasure}); then the member's keys (indexes last, so an erase cut short
   * can simply be repeated).
   */
  public Erased erase(RedisKeys keys, String customerId) {
    Response<Set<String>> granted;
    Response<Map<String, String>> requests;
    Response<Boolean> optedOut;
    try (AbstractPipeline p = redis.pipelined()) {
      granted = p.hkeys(keys.memberIssued(customerId));
      requests = p.hgetAll(keys.memberRequests(customerId));
      optedOut = p.exists(keys.memberOptOut(customerId));
      p.sync();
    }
    Set<String> offers = new TreeSet<>(granted.get());
    offers.addAll(requests.get().values());
    Response<Long> zrem;
    Response<Long> zremValue;
    Response<Long> hdel;
    try (AbstractPipeline p = redis.pipelined()) {
      for (String offerId : offers) {
        p.hdel(keys.offerIssued(offerId), customerId);
      }
      String pseudonym = pseudonyms.member(keys, customerId);
      for (Map.Entry<String, String> r : requests.get().entrySet()) {
        String requestId = r.getKey();
        p.eval(
            IssueRequests.ERASE_RECORD,
            List.of(keys.offerRequests(r.getValue())),
            List.of(requestId, pseudonym));
        p.eval(
            IssueRequests.ERASE_OWNER,
            List.of(keys.issueRequestOwners()),
            List.of(
                pseudonym + "\t",
                requestId,
                IssueRequests.erasedField(pseudonyms, keys, requestId),
                IssueRequests.ERASED_MARK));
      }
      if (optedOut.get()) {
        p.sadd(keys.erasedOptOuts(), pseudonym);
      }
      // Its outbox goes with the member's keys below; its firings on the tenant's stream next.
      p.srem(keys.triggerOutboxMembers(), customerId);
      MemberIndex.remove(p, keys, customerId);
      zrem = p.zrem(keys.atRiskScores(), customerId);
      zremValue = p.zrem(keys.atRiskValues(), customerId);
      hdel = p.hdel(keys.atRiskRows(), customerId);
      p.sync();
    }
    long rankingEntries = RankingLog.eraseMember(redis, keys, customerId);
    TriggerOutbox.eraseMember(redis, keys, customerId);
    WebhookDeliveryErasure.eraseMember(redis, keys, customerId);
    // One DEL is legal on a cluster: the member's keys share its hash tag.
    long member = redis.del(memberKeys(keys, customerId).toArray(String[]::new));
    return new Erased(
        member,
        zrem.get() + zremValue.get() + hdel.get(),
        rankingEntries,
        requests.get().size(),
        optedOut.get());
  }

  /** Sets the opt-out marker (what the batch job does for {@code profiling_consent=false}). */
  public void optOut(RedisKeys keys, String customerId) {
    redis.set(keys.memberOptOut(customerId).getBytes(StandardCharsets.UTF_8), new byte[] {'1'});
    // Marked first: a writer that reads the marker stores nothing, so the id is not indexed again.
    redis.srem(keys.memberIndexOf(customerId), customerId);
  }

  /** The keys that make up a member, for tests and tools. */
  public static List<String> memberKeys(RedisKeys keys, String customerId) {
    return List.of(
        keys.memberState(customerId),
        keys.memberEvents(customerId),
        keys.memberOptOut(customerId),
        keys.memberIssued(customerId),
        keys.memberRequests(customerId),
        keys.memberTriggers(customerId),
        keys.memberTriggerClaims(customerId),
        keys.memberOutbox(customerId));
  }
}
