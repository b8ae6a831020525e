package dev.treue.store;

import java.util.List;
import java.util.OptionalLong;
import redis.clients.jedis.UnifiedJedis;

/**
 * Offer budgets and per-member caps in Redis, spent atomically: one Lua script checks the request
 * id, the member's cap and what is left of the budget and, only when all allow it, adds the cost to
 * what was spent and counts the member. Concurrent requests can never overspend, and a repeated
 * request id gets its first outcome again without spending twice, and a request id of another
 * member is refused without writing anything. Money is whole cents ({@link dev.treue.core.offers.Money}).
 * Request records name the member only by pseudonym ({@link MemberPseudonyms}).
 *
 * <p>The budget keeps its total and what was spent apart, so loading the catalogue again (or
 * raising a budget) never gives back money already spent.
 */
public final class OfferBudgets {
  /** What an issue request came to. */
  public enum Outcome {
    GRANTED,
    /** The member already had the offer as often as the cap allows. */
    CAP_REACHED,
    /** The remaining budget does not cover the cost. */
    BUDGET_SPENT,
    /** No budget was ever loaded for the offer. */
    UNKNOWN_OFFER,
    /** The request id was another member's: nothing was written. */
    REQUEST_ID_REUSED
  }

  /**
   * @param outcome what happened
   * @param repeated true when the request id was seen before and this is its first outcome again
   */
  public record Result(Outcome outcome, boolean repeated) {}

  /**
   * What a request id was decided as before.
   *
   * @param outcome the first outcome's name ({@link Outcome} or a refusal recorded by the caller)
   * @param sameMember true when the request id was the same member's (false: another member's)
   */
  public record Prior(String outcome, boolean sameMember) {}

  // KEYS: budget, issued, requests. ARGV: member, request id, cost in cents, cap, member's
  // pseudonym.
  // A request's record is "OUTCOME<tab>pseudonym" (records of older builds have no owner: taken as
  // the same member).
  private static final String ISSUE =
      """
      local prior = redis.call('HGET', KEYS[3], ARGV[2])
      if prior then
        local tab = string.find(prior, '\t', 1, true)
        if tab then
          if string.sub(prior, tab + 1) ~= ARGV[5] then return {'REQUEST_ID_REUSED', 1} end
          prior = string.sub(prior, 1, tab - 1)
        end
        return {prior, 1}
      end
      local total = redis.call('HGET', KEYS[1], 'total')
      if not total then return {'UNKNOWN_OFFER', 0} end
      local spent = tonumber(redis.call('HGET', KEYS[1], 'spent') or '0')
      local outcome = 'GRANTED'
      if tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0') >= tonumber(ARGV[4]) then
        outcome = 'CAP_REACHED'
      elseif spent + tonumber(ARGV[3]) > tonumber(total) then
        outcome = 'BUDGET_SPENT'
      else
        redis.call('HINCRBY', KEYS[1], 'spent', ARGV[3])
        redis.call('HINCRBY', KEYS[2], ARGV[1], 1)
      end
      redis.call('HSET', KEYS[3], ARGV[2], outcome .. '\t' .. ARGV[5])
      return {outcome, 0}
      """;

  private final UnifiedJedis redis;
  private final RedisKeys keys;
  private final MemberPseudonyms pseudonyms;

  public OfferBudgets(UnifiedJedis redis, RedisKeys keys) {
    this(redis, keys, new MemberPseudonyms(redis));
  }

  /** Budgets of a tenant, naming members in request records by the given pseudonyms. */
  public OfferBudgets(UnifiedJedis redis, RedisKeys keys, MemberPseudonyms pseudonyms) {
    this.redis = redis;
    this.keys = keys;
    this.pseudonyms = pseudonyms;
  }

  /** How the request id was decided before, or null when it was not. */
  public Prior prior(String offerId, String memberId, String requestId) {
    return prior(redis.hget(keys.offerRequests(offerId), requestId), memberId);
  }

  /**
   * Records a refusal decided outside the script (e.g. the member's tier) under the request id,
   * unless the id was decided first by a racing twin.
   *
   * @return null when this refusal was recorded, else the first decision
   */
  public Prior recordRefusal(String offerId, String memberId, String requestId, String outcome) {
    String record = outcome + "\t" + pseudonyms.member(keys, memberId);
    if (redis.hsetnx(keys.offerRequests(offerId), requestId, record) == 1) {
      return null;
    }
    return prior(offerId, memberId, requestId);
  }

  private Prior prior(String record, String memberId) {
    if (record == null) {
      return null;
    }
    int tab = record.indexOf('\t');
    if (tab < 0) {
      return new Prior(record, true);
    }
    return new Prior(
        record.substring(0, tab),
        record.substring(tab + 1).equals(pseudonyms.member(keys, memberId)));
  }

  /** Sets the offer's total budget; what was already spent stays spent. */
  public void setBudget(String offerId, long totalCents) {
    if (totalCents < 0) {
      throw new IllegalArgumentException(
          "budget of " + offerId + " is negative: " + totalCents + " cents");
    }
    redis.hset(keys.offerBudget(offerId), "total", Long.toString(totalCents));
  }

  /** What is left of the budget in cents (negative after a cut below what was spent), or empty. */
  public OptionalLong remaining(String offerId) {
    List<String> v = redis.hmget(keys.offerBudget(offerId), "total", "spent");
    if (v.get(0) == null) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(
        Long.parseLong(v.get(0)) - (v.get(1) == null ? 0 : Long.parseLong(v.get(1))));
  }

  /** How often the member was issued the offer. */
  public int issuedTo(String offerId, String memberId) {
    String v = redis.hget(keys.offerIssued(offerId), memberId);
    return v == null ? 0 : Integer.parseInt(v);
  }

  /**
   * Issues the offer to the member when the cap and the budget allow it.
   *
   * @param requestId the caller's id for this request; repeating it repeats the first outcome
   * @param costCents what one issue takes from the budget
   * @param cap how often one member may be issued the offer
   */
  public Result issue(String offerId, String memberId, String requestId, long costCents, int cap) {
    if (!RedisKeys.validMemberId(memberId)) {
      throw new IllegalArgumentException(
          "member id '" + memberId + "' is not valid: " + RedisKeys.memberIdRule());
    }
    if (costCents < 0 || costCents > OfferCatalogStore.UNLIMITED_CENTS) {
      throw new IllegalArgumentException(
          "cost of "
              + offerId
              + " must be 0 to "
              + OfferCatalogStore.UNLIMITED_CENTS
              + " cents, was "
              + costCents);
    }
    if (requestId == null || requestId.isBlank() || requestId.length() > 128) {
      throw new IllegalArgumentException(
          "request id must be 1 to 128 characters, was '" + requestId + "'");
    }
    Object raw =
        redis.eval(
            ISSUE,
            List.of(
                keys.offerBudget(offerId), keys.offerIssued(offerId), keys.offerRequests(offerId)),
            List.of(
                memberId,
                requestId,
                Long.toString(costCents),
                Integer.toString(cap),
                pseudonyms.member(keys, memberId)));
    List<?> reply = (List<?>) raw;
    return new Result(
        Outcome.valueOf(String.valueOf(reply.get(0))), ((Number) reply.get(1)).longValue() == 1);
  }
}
