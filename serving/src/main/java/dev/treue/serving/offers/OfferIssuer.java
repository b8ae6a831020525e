package dev.treue.serving.offers;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.offer.Ineligibility;
import dev.treue.core.offer.Offer;
import dev.treue.core.offer.OfferEligibility;
import dev.treue.serving.auth.ApiKey;
import dev.treue.serving.redis.RedisAccess;
import dev.treue.store.MemberGrants;
import dev.treue.store.MemberReader;
import dev.treue.store.OfferBudgets;
import dev.treue.store.OfferCatalogStore;
import dev.treue.store.RedisKeys;
import dev.treue.store.StoredMember;
import dev.treue.store.StoredOffer;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/**
 * Issues an offer to a member, on a worker thread. In order:
 *
 * <ol>
 *   <li>the offer must be in the catalogue (else {@link UnknownOfferException});
 *   <li>a request id seen before gets its first outcome again, whatever changed since, and spends
 *       nothing;
 *   <li>a retired offer, and the member's side of the rules ({@link OfferEligibility}: consent,
 *       validity, channel, tier, points, from the member's stored state) refuse before any money
 *       moves; the refusal is recorded under the request id, so a repeat gets it again;
 *   <li>the budget and the per-member cap are decided by the one atomic script in
 *       {@link OfferBudgets}, the authority under any concurrency;
 *   <li>after a grant, the member's count is copied into the member's own slot
 *       ({@link MemberGrants}) for ranking.
 * </ol>
 *
 * <p>An unknown member (no stored state) is treated as a new member: basic tier, no points,
 * consent unless the opt-out marker is set.
 */
public final class OfferIssuer {
  /** The catalogue has no such offer (404). */
  public static final class UnknownOfferException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnknownOfferException(String offerId) {
      super(offerId);
    }
  }

  /** Outcome recorded for a retired offer (beside {@link Ineligibility} and {@link OfferBudgets.Outcome} names). */
  static final String RETIRED = "RETIRED";

  private static final long DAY_MILLIS = 86_400_000L;

  private final RedisAccess redis;
  private final OfferCatalogCache catalog;
  private final MemberReader reader;
  private final MemberGrants grants;
  private final Clock clock;

  public OfferIssuer(RedisAccess redis, OfferCatalogCache catalog, Clock clock) {
    this.redis = redis;
    this.catalog = catalog;
    this.reader = new MemberReader(redis.jedis());
    this.grants = new MemberGrants(redis.jedis());
    this.clock = clock;
  }

  /**
   * Decides one issue request.
   *
   * @param channel where the offer would go out, lower case, or null for any
   * @throws UnknownOfferException when the catalogue has no such offer
   */
  public IssueOutcome issue(ApiKey key, String customerId, String offerId, String requestId, String channel) {
    RedisKeys keys = key.keys();
    StoredOffer entry = catalog.snapshot(keys).find(offerId).orElseThrow(() -> new UnknownOfferException(offerId));
    Offer offer = entry.offer();
    OfferBudgets budgets = new OfferBudgets(redis.jedis(), keys);
    String prior = redis.timed("offer_request", () -> redis.jedis().hget(keys.offerRequests(offerId), requestId));
    if (prior != null) {
      return settled(keys, budgets, entry, customerId, requestId, prior, true, null);
    }
    int day = Math.toIntExact(Math.floorDiv(clock.millis(), DAY_MILLIS));
    StoredMember member = redis.timed("read_member", () -> reader.read(keys, customerId));
    String refusal = null;
    if (!entry.active()) {
      refusal = RETIRED;
    } else {
      CustomerState state = member.known() ? member.state().state() : null;
      // Cap and budget are left to the atomic script: only it can decide them under concurrency.
      Optional<Ineligibility> why = OfferEligibility.check(offer, new OfferEligibility.Context(!member.optedOut(),
          state == null ? 0 : state.tierRank(), state == null ? 0 : state.pointsBalance(), 0, day, channel,
          Double.POSITIVE_INFINITY));
      if (why.isPresent()) {
        refusal = why.get().name();
      }
    }
    if (refusal != null) {
      String recorded = refusal;
      boolean first = redis.timed("offer_request",
          () -> redis.jedis().hsetnx(keys.offerRequests(offerId), requestId, recorded) == 1);
      if (!first) {
        // The same request id raced this one and was decided first: its outcome stands.
        String winner = redis.timed("offer_request", () -> redis.jedis().hget(keys.offerRequests(offerId), requestId));
        return settled(keys, budgets, entry, customerId, requestId, winner, true, member);
      }
      return settled(keys, budgets, entry, customerId, requestId, refusal, false, member);
    }
    OfferBudgets.Result result;
    try {
      result = redis.timed("offer_issue", () -> budgets.issue(offerId, customerId, requestId,
          OfferCatalogStore.cents(offer.cost()), offer.perCustomerCap()));
    } catch (IllegalArgumentException e) {
      // A racing twin recorded a refusal the script cannot name: that refusal is the first outcome.
      String winner = redis.timed("offer_request", () -> redis.jedis().hget(keys.offerRequests(offerId), requestId));
      return settled(keys, budgets, entry, customerId, requestId, winner, true, member);
    }
    return settled(keys, budgets, entry, customerId, requestId, result.outcome().name(), result.repeated(), member);
  }

  private IssueOutcome settled(RedisKeys keys, OfferBudgets budgets, StoredOffer entry, String customerId,
      String requestId, String outcome, boolean repeated, StoredMember member) {
    String offerId = entry.offerId();
    int times = redis.timed("offer_issued", () -> budgets.issuedTo(offerId, customerId));
    if (outcome.equals(OfferBudgets.Outcome.GRANTED.name())) {
      // Idempotent copy of the authoritative count: a repeat repairs a copy a crash left behind.
      redis.timed("member_grants", () -> {
        grants.record(keys, customerId, offerId, times);
        return null;
      });
    }
    Long left = redis.timed("offer_budget", () -> budgets.remaining(offerId).stream().boxed().findFirst().orElse(null));
    StoredMember m = member;
    if (m == null && !outcome.equals(OfferBudgets.Outcome.GRANTED.name())) {
      m = redis.timed("read_member", () -> reader.read(keys, customerId));
    }
    return new IssueOutcome(requestId, customerId, entry, outcome.toLowerCase(Locale.ROOT), repeated, times, left,
        m, Math.toIntExact(Math.floorDiv(clock.millis(), DAY_MILLIS)));
  }
}
