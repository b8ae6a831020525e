package dev.treue.store;

import java.util.List;
import java.util.OptionalLong;
import redis.clients.jedis.UnifiedJedis;

/**
 * Offer budgets and per-member caps in Redis, spent atomically: one Lua script checks the request
 * id, the member's cap and what is left of the budget and, only when all allow it, adds the cost to
 * what was spent and counts the member. Concurrent requests can never overspend, and a repeated
 * request id gets its first outcome again without spending twice. Money is whole cents.
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
      redis.call('HSET', KEYS[3], ARGV[2], outcome)
      return {outcome, 0}
      """;

  private final UnifiedJedis redis;
  private final RedisKeys keys;

  public OfferBudgets(UnifiedJedis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  /** Sets the offer's total budget; what was already spent stays spent. */
  public void setBudget(String offerId, long totalCents) {
    if (totalCents < 0) {
      throw new IllegalArgumentException("budget of " + offerId + " is negative: " + totalCents + " cents");
    }
    redis.hset(keys.offerBudget(offerId), "total", Long.toString(totalCents));
  }

  /** What is left of the budget in cents (negative after a cut below what was spent), or empty. */
  public OptionalLong remaining(String offerId) {
    List<String> v = redis.hmget(keys.offerBudget(offerId), "total", "spent");
    if (v.get(0) == null) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Long.parseLong(v.get(0)) - (v.get(1) == null ? 0 : Long.parseLong(v.get(1))));
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
