package dev.treue.serving.offers;

import static dev.treue.core.time.Days.DAY_MILLIS;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.offers.Ineligibility;
import dev.treue.core.offers.Offer;
import dev.treue.core.offers.OfferEligibility;
import dev.treue.core.trigger.Holdouts;
import dev.treue.serving.auth.ApiKey;
import dev.treue.serving.redis.RedisAccess;
import dev.treue.store.IssueRequests;
import dev.treue.store.MemberGrants;
import dev.treue.store.MemberPseudonyms;
import dev.treue.store.MemberReader;
import dev.treue.store.OfferBudgets;
import dev.treue.store.OfferCatalogStore;
import dev.treue.store.OptOutTombstones;
import dev.treue.store.RedisKeys;
import dev.treue.store.StoredMember;
import dev.treue.store.StoredOffer;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Issues an offer to a member, on a worker thread. In order:
 *
 * <ol>
 *   <li>the offer must be in the catalogue (else {@link UnknownOfferException});
 *   <li>the request id is claimed for this member and offer ({@link IssueRequests}): an id of another
 *       member or offer, or of an erased member, is refused ({@link RequestIdReusedException}) and
 *       nothing is written;
 *   <li>a request id seen before gets its first outcome again, whatever changed since, and spends
 *       nothing;
 *   <li>a member in the tenant's control group ({@link Holdouts}) is answered {@code held_out}: nothing
 *       is issued, recorded against the request id, or counted against budget and cap;
 *   <li>a retired offer, and the member's side of the rules ({@link OfferEligibility}: consent,
 *       validity, channel, tier, points, from the member's stored state) refuse before any money
 *       moves; the refusal is recorded under the request id, so a repeat gets it again;
 *   <li>the budget and the per-member cap are decided by the one atomic script in
 *       {@link OfferBudgets}, the authority under any concurrency (it refuses another member's
 *       request id too, without writing);
 *   <li>after a grant, the member's count is copied into the member's own slot
 *       ({@link MemberGrants}) for ranking.
 * </ol>
 *
 * <p>An unknown member (no stored state) is treated as a new member: basic tier, no points,
 * consent unless the opt-out marker is set or the member was erased after opting out
 * ({@link OptOutTombstones}).
 */
public final class OfferIssuer {
  /** The catalogue has no such offer (404). */
  public static final class UnknownOfferException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnknownOfferException(String offerId) {
      super(offerId);
    }
  }

  /** The request id belongs to another member or offer, or to an erased member (409); nothing was written. */
  public static final class RequestIdReusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RequestIdReusedException(String detail) {
      super(detail);
    }
  }

  /** Outcome recorded for a retired offer (beside {@link Ineligibility} and {@link OfferBudgets.Outcome} names). */
  static final String RETIRED = "RETIRED";

  private static final Logger LOG = Logger.getLogger(OfferIssuer.class.getName());

  private final RedisAccess redis;
  private final OfferCatalogCache catalog;
  private final MemberReader reader;
  private final MemberGrants grants;
  private final MemberPseudonyms pseudonyms;
  private final IssueRequests requests;
  private final OptOutTombstones tombstones;
  private final Clock clock;
  private final Holdouts holdouts;

  /**
   * @param reader the service's one member reader
   * @param holdouts every tenant's control group, whose members are not issued offers
   */
  public OfferIssuer(
      RedisAccess redis,
      MemberReader reader,
      OfferCatalogCache catalog,
      Clock clock,
      Holdouts holdouts) {
    this.redis = redis;
    this.holdouts = holdouts;
    this.catalog = catalog;
    this.reader = reader;
    this.grants = new MemberGrants(redis.jedis());
    this.pseudonyms = new MemberPseudonyms(redis.jedis());
    this.requests = new IssueRequests(redis.jedis(), pseudonyms);
    this.tombstones = new OptOutTombstones(redis.jedis(), pseudonyms);
    this.clock = clock;
  }

  /**
   * Decides one issue request.
   *
   * @param channel where the offer would go out, lower case, or null for any
   * @throws UnknownOfferException when the catalogue has no such offer
   * @throws RequestIdReusedException when the request id is not this member's for this offer
   */
  public IssueOutcome issue(
      ApiKey key, String customerId, String offerId, String requestId, String channel) {
    RedisKeys keys = key.keys();
    StoredOffer entry =
        catalog.snapshot(keys).find(offerId).orElseThrow(() -> new UnknownOfferException(offerId));
    Offer offer = entry.offer();
    OfferBudgets budgets = new OfferBudgets(redis.jedis(), keys, pseudonyms);
    IssueRequests.Claim claim =
        redis.timed(
            "offer_request_claim", () -> requests.claim(keys, customerId, offerId, requestId));
    if (claim == IssueRequests.Claim.OTHER) {
      throw new RequestIdReusedException(
          "request id '"
              + requestId
              + "' was used before for another member or"
              + " another offer; a request id belongs to one member and one offer, so use a new one");
    }
    if (claim == IssueRequests.Claim.ERASED) {
      throw new RequestIdReusedException(
          "request id '"
              + requestId
              + "' belonged to a member whose data was"
              + " erased; nothing was issued");
    }
    OfferBudgets.Prior prior =
        redis.timed("offer_request", () -> budgets.prior(offerId, customerId, requestId));
    if (prior != null) {
      return settled(keys, budgets, entry, customerId, requestId, prior, null);
    }
    int day = Math.toIntExact(Math.floorDiv(clock.millis(), DAY_MILLIS));
    if (holdouts.heldOut(key.tenant(), customerId)) {
      // Not recorded as the request's outcome: the group is configuration, and a lowered share must
      // let
      // the same request through.
      LOG.log(
          Level.FINE, () -> "held_out: offer " + offerId + " not issued to a control-group member");
      return new IssueOutcome(
          requestId, customerId, entry, IssueOutcome.HELD_OUT, false, 0, null, null, day);
    }
    StoredMember member = redis.timed("read_member", () -> reader.read(keys, customerId));
    boolean optedOut =
        member.optedOut()
            || !member.known()
                && redis.timed("opt_out_tombstone", () -> tombstones.contains(keys, customerId));
    String refusal = null;
    if (!entry.active()) {
      refusal = RETIRED;
    } else {
      CustomerState state = member.customerState();
      // Cap and budget are left to the atomic script: only it can decide them under concurrency.
      Optional<Ineligibility> why =
          OfferEligibility.check(
              offer,
              new OfferEligibility.Context(
                  !optedOut,
                  state == null ? 0 : state.tierRank(),
                  state == null ? 0 : state.pointsBalance(),
                  0,
                  day,
                  channel,
                  Double.POSITIVE_INFINITY));
      if (why.isPresent()) {
        refusal = why.get().name();
      }
    }
    if (refusal != null) {
      String recorded = refusal;
      OfferBudgets.Prior winner =
          redis.timed(
              "offer_request",
              () -> budgets.recordRefusal(offerId, customerId, requestId, recorded));
      // A racing twin of the same request id decided first: its outcome stands.
      return settled(
          keys,
          budgets,
          entry,
          customerId,
          requestId,
          winner == null ? new OfferBudgets.Prior(refusal, true) : winner,
          member,
          winner != null);
    }
    OfferBudgets.Result result;
    try {
      result =
          redis.timed(
              "offer_issue",
              () ->
                  budgets.issue(
                      offerId,
                      customerId,
                      requestId,
                      OfferCatalogStore.cents(offer.cost()),
                      offer.perCustomerCap()));
    } catch (IllegalArgumentException e) {
      // A racing twin recorded a refusal the script cannot name: that refusal is the first outcome.
      OfferBudgets.Prior winner =
          redis.timed("offer_request", () -> budgets.prior(offerId, customerId, requestId));
      return settled(keys, budgets, entry, customerId, requestId, winner, member);
    }
    return settled(
        keys,
        budgets,
        entry,
        customerId,
        requestId,
        new OfferBudgets.Prior(result.outcome().name(), true),
        member,
        result.repeated());
  }

  private IssueOutcome settled(
      RedisKeys keys,
      OfferBudgets budgets,
      StoredOffer entry,
      String customerId,
      String requestId,
      OfferBudgets.Prior prior,
      StoredMember member) {
    return settled(keys, budgets, entry, customerId, requestId, prior, member, true);
  }

  private IssueOutcome settled(
      RedisKeys keys,
      OfferBudgets budgets,
      StoredOffer entry,
      String customerId,
      String requestId,
      OfferBudgets.Prior prior,
      StoredMember member,
      boolean repeated) {
    String outcome = prior.outcome();
    if (!prior.sameMember() || outcome.equals(OfferBudgets.Outcome.REQUEST_ID_REUSED.name())) {
      throw new RequestIdReusedException(
          "request id '"
              + requestId
              + "' was used before for another member;"
              + " a request id belongs to one member and one offer, so use a new one");
    }
    String offerId = entry.offerId();
    int times = redis.timed("offer_issued", () -> budgets.issuedTo(offerId, customerId));
    if (outcome.equals(OfferBudgets.Outcome.GRANTED.name()) && times > 0) {
      // Idempotent copy of the authoritative count: a repeat repairs a copy a crash left behind.
      redis.timed(
          "member_grants",
          () -> {
            grants.record(keys, customerId, offerId, times);
            return null;
          });
    }
    Long left =
        redis.timed(
            "offer_budget",
            () -> budgets.remaining(offerId).stream().boxed().findFirst().orElse(null));
    StoredMember m = member;
    if (m == null && !outcome.equals(OfferBudgets.Outcome.GRANTED.name())) {
      m = redis.timed("read_member", () -> reader.read(keys, customerId));
    }
    return new IssueOutcome(
        requestId,
        customerId,
        entry,
        outcome.toLowerCase(Locale.ROOT),
        repeated,
        times,
        left,
        m,
        Math.toIntExact(Math.floorDiv(clock.millis(), DAY_MILLIS)));
  }
}
