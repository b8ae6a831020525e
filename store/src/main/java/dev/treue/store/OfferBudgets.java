package dev.treue.store;

import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/**
 * Offer budgets and per-member caps in Redis, spent atomically: one Lua script checks the request
 * id, the member's cap and the remaining budget and, only when all allow it, takes the cost from
 * the budget and counts the member. Concurrent requests can never overspend, and a repeated request
 * id gets its first outcome again without spending twice. Money is whole cents.
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
    UNKNOWN_OFFER
  }

  /**
   * @param outcome what happened
   * @param repeated true when the request id was seen before and this is its first outcome again
   */
  public record Result(Outcome outcome, boolean repeated) {}

  private static final String ISSUE = """
      local prior = redis.call('HGET', KEYS[3], ARGV[2])
      if prior then return {prior, 1} end
      local budget = redis.call('GET', KEYS[1])
      if not budget then return {'UNKNOWN_OFFER', 0} end
      local outcome = 'GRANTED'
      if tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0') >= tonumber(ARGV[4]) then
        outcome = 'CAP_REACHED'
      elseif tonumber(budget) < tonumber(ARGV[3]) then
        outcome = 'BUDGET_SPENT'
      else
        redis.call('DECRBY', KEYS[1], ARGV[3])
        redis.call('HINCRBY', KEYS[2], ARGV[1], 1)
      end
      redis.call('HSET', KEYS[3], ARGV[2], outcome)
      return {outcome, 0}
      """;

  private final UnifiedJedis redis;
  private final RedisKeys keys;

  public OfferBudgets(UnifiedJedis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  /** Sets the offer's remaining budget (loading or topping up the catalogue). */
  public void setBudget(String offerId, long cents) {
    if (cents < 0) {
      throw new IllegalArgumentException("budget of " + offerId + " is negative: " + cents + " cents");
    }
    redis.set(keys.offerBudget(offerId), Long.toString(cents));
  }

  /** The remaining budget in cents, or -1 when none was loaded. */
  public long remaining(String offerId) {
    String v = redis.get(keys.offerBudget(offerId));
    return v == null ? -1 : Long.parseLong(v);
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
      throw new IllegalArgumentException("member id '" + memberId + "' is not valid: " + RedisKeys.memberIdRule());
    }
    if (requestId == null || requestId.isBlank() || requestId.length() > 128) {
      throw new IllegalArgumentException("request id must be 1 to 128 characters, was '" + requestId + "'");
    }
    Object raw = redis.eval(ISSUE,
        List.of(keys.offerBudget(offerId), keys.offerIssued(offerId), keys.offerRequests(offerId)),
        List.of(memberId, requestId, Long.toString(costCents), Integer.toString(cap)));
    List<?> reply = (List<?>) raw;
    return new Result(Outcome.valueOf(String.valueOf(reply.get(0))), ((Number) reply.get(1)).longValue() == 1);
  }
}
