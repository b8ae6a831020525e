package dev.treue.store;

import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/**
 * Who an issue request id belongs to. A request id is claimed for one member and one offer in the
 * tenant's {@link RedisKeys#issueRequestOwners} hash by one atomic script; using it again for
 * another member or offer is refused before anything else is written. The owner is kept as the
 * member's pseudonym, never the id.
 *
 * <p>The member's own index of its request ids ({@link RedisKeys#memberRequests}) is written before
 * the claim (and taken back when the claim is refused), so an erase always finds every record a
 * request could have left. An erase replaces the member's request ids by their keyed hashes marked
 * erased: repeating such a request afterwards is refused and creates nothing.
 */
public final class IssueRequests {
  /** What claiming a request id found. */
  public enum Claim {
    /** The id is new and now belongs to this member and offer. */
    NEW,
    /** The id was this member's for this offer already (a repeat). */
    SAME,
    /** The id belongs to another member or another offer. */
    OTHER,
    /** The id belonged to a member whose data was erased. */
    ERASED
  }

  /** Value of an erased request id's marker in the owners hash. */
  static final String ERASED_MARK = "erased";

  // KEYS[1] owners hash; ARGV: request id, owner (pseudonym TAB offer), erased marker field.
  private static final String CLAIM =
      """
      local current = redis.call('HGET', KEYS[1], ARGV[1])
      if current then
        if current == ARGV[2] then return 'SAME' end
        return 'OTHER'
      end
      if redis.call('HEXISTS', KEYS[1], ARGV[3]) == 1 then return 'ERASED' end
      redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
      return 'NEW'
      """;

  // KEYS[1] owners hash; ARGV: owner prefix (pseudonym TAB), request id, erased marker field, its
  // value.
  // Only an id that is still this member's is erased: a racing claim of another member's id stays
  // theirs.
  // An id not claimed yet (the member's issue call is still in flight) is marked erased too, so
  // that
  // call's claim finds ERASED and writes nothing after the erase.
  static final String ERASE_OWNER =
      """
      local current = redis.call('HGET', KEYS[1], ARGV[2])
      if current and string.sub(current, 1, #ARGV[1]) ~= ARGV[1] then return 0 end
      if current then redis.call('HDEL', KEYS[1], ARGV[2]) end
      redis.call('HSET', KEYS[1], ARGV[3], ARGV[4])
      if current then return 1 end
      return 0
      """;

  // KEYS[1] an offer's requests hash; ARGV: request id, the member's pseudonym. Deletes the record
  // if it is the member's.
  static final String ERASE_RECORD =
      """
      local current = redis.call('HGET', KEYS[1], ARGV[1])
      if not current then return 0 end
      local tab = string.find(current, '\t', 1, true)
      if tab and string.sub(current, tab + 1) ~= ARGV[2] then return 0 end
      return redis.call('HDEL', KEYS[1], ARGV[1])
      """;

  private final UnifiedJedis redis;
  private final MemberPseudonyms pseudonyms;

  public IssueRequests(UnifiedJedis redis, MemberPseudonyms pseudonyms) {
    this.redis = redis;
    this.pseudonyms = pseudonyms;
  }

  /**
   * Claims the request id for the member and offer. On {@link Claim#OTHER} and {@link Claim#ERASED}
   * nothing stays written.
   */
  public Claim claim(RedisKeys keys, String memberId, String offerId, String requestId) {
    String index = keys.memberRequests(memberId);
    boolean indexed = redis.hsetnx(index, requestId, offerId) == 1;
    if (!indexed && !offerId.equals(redis.hget(index, requestId))) {
      // The member's own index already gives this id to another offer (a concurrent call may not
      // have
      // claimed it yet): the id is not this offer's, and the other call's index entry stays.
      return Claim.OTHER;
    }
    String owner = pseudonyms.member(keys, memberId) + "\t" + offerId;
    Object reply =
        redis.eval(
            CLAIM,
            List.of(keys.issueRequestOwners()),
            List.of(requestId, owner, erasedField(pseudonyms, keys, requestId)));
    Claim claim = Claim.valueOf(String.valueOf(reply));
    if (indexed && (claim == Claim.OTHER || claim == Claim.ERASED)) {
      // Not this member's request: take back the index entry written just before.
      redis.hdel(index, requestId);
    }
    return claim;
  }

  /** The owners-hash field that marks the request id as erased (a keyed hash, not the id). */
  static String erasedField(MemberPseudonyms pseudonyms, RedisKeys keys, String requestId) {
    return "erased:" + pseudonyms.request(keys, requestId);
  }
}
