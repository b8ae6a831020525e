package dev.treue.store;

import dev.treue.core.id.IdRule;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The one key builder for everything Treue keeps in Redis, used by the Spark writers and the
 * service alike, so the two can never disagree about where a member lives.
 *
 * <p>Keys read {@code <namespace>:<schema>:{<tenant>:<member>}:<what>}. The schema version lets a
 * new layout be loaded beside the old one; the tenant prefix keeps programmes apart. The hash tag in
 * braces puts everything about one member in one Redis Cluster slot, so the atomic event update can
 * touch the state and the seen-event set together. The at-risk list of a tenant is two sorted sets
 * (one per {@link AtRiskOrder}) and one hash of rows that share a slot of their own.
 */
public final class RedisKeys {
  /** The key layout this build reads and writes. */
  public static final String SCHEMA = "v1";

  /** Namespace when none is configured. */
  public static final String DEFAULT_NAMESPACE = "treue";

  private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

  private final String prefix;
  private final String tenant;

  /**
   * @param namespace first key segment, e.g. {@code treue}
   * @param tenant the programme, lower-case letters, digits, '_' and '-', at most 32 characters
   */
  public RedisKeys(String namespace, String tenant) {
    if (namespace == null || !TENANT.matcher(namespace).matches()) {
      throw new IllegalArgumentException(
          "Redis namespace '" + namespace + "' must match " + TENANT);
    }
    if (!validTenant(tenant)) {
      throw new IllegalArgumentException("tenant '" + tenant + "' must match " + TENANT);
    }
    this.prefix = namespace + ":" + SCHEMA + ":{" + tenant + ":";
    this.tenant = tenant;
  }

  /** Keys of a tenant under the default namespace. */
  public static RedisKeys forTenant(String tenant) {
    return new RedisKeys(DEFAULT_NAMESPACE, tenant);
  }

  /** True when the text can be a tenant name. */
  public static boolean validTenant(String tenant) {
    return dev.treue.core.id.IdRule.TENANT.accepts(tenant);
  }

  /** True when the text can be a member (or offer) id: {@link IdRule#MEMBER}. */
  public static boolean validMemberId(String id) {
    return IdRule.MEMBER.accepts(id);
  }

  /** What {@link #validMemberId} accepts, for error messages. */
  public static String memberIdRule() {
    return IdRule.MEMBER.description();
  }

  public String tenant() {
    return tenant;
  }

  /** The member's {@link StoredState}. */
  public String memberState(String memberId) {
    return member(memberId) + "}:state";
  }

  /** The set of event ids already folded into the member's state (idempotency). */
  public String memberEvents(String memberId) {
    return member(memberId) + "}:events";
  }

  /**
   * Marker that the member opted out of profiling (written by the batch job from
   * {@code profiling_consent=false}): such a member is never scored or listed, and events for them
   * are not stored.
   */
  public String memberOptOut(String memberId) {
    return member(memberId) + "}:optout";
  }

  /**
   * What the member's triggers remember ({@link dev.treue.core.trigger.TriggerMemory}), e.g. that
   * the churn crossing fired and awaits re-arming. Written with the state in one script, so every
   * instance agrees.
   */
  public String memberTriggers(String memberId) {
    return member(memberId) + "}:triggers";
  }

  /**
   * Sorted set of the time-driven firing ids claimed for the member (score: the epoch day of the
   * firing's period): {@link TimeTriggerClaims} adds an id and writes the firing to the outbox in one
   * script, so sweeps on several instances fire each (kind, member, period) once.
   */
  public String memberTriggerClaims(String memberId) {
    return member(memberId) + "}:trigger-claims";
  }

  /**
   * Hash of firing id to the encoded {@link dev.treue.core.trigger.Firing}: the member's trigger
   * outbox, written in the same script as the state change that fired them and emptied by {@link
   * TriggerOutbox} only after each firing is on the tenant's {@link #triggerStream}.
   */
  public String memberOutbox(String memberId) {
    return member(memberId) + "}:outbox";
  }

  /**
   * The tenant's firing stream: one entry per firing with the fields of {@link
   * dev.treue.core.trigger.Firing#fields()} ({@code firing_id, kind, customer_id, fired_at,
   * held_out, payload}). In a slot of its own, so it is fed from the members' outboxes (at least
   * once; a repeat carries the same {@code firing_id}). Webhook delivery reads it.
   */
  public String triggerStream() {
    return prefix + "@triggers}:stream";
  }

  /**
   * Where the capped {@link #triggerStream} starts since its latest trim (the first entry's time, in
   * milliseconds), for dropping trimmed ids from the members' indexes without reading the stream on
   * every append; in the stream's slot. Absent until the stream is first trimmed.
   */
  public String triggerStreamStart() {
    return prefix + "@triggers}:stream-start";
  }

  /**
   * Sorted set of the member's entries on the {@link #triggerStream}, each {@code "<stream id>
   * <firing_id>"}, by time: the index erase follows to delete them without reading the whole stream,
   * and the relay checks to append each firing once. In the stream's slot (not the member's), so
   * {@link TriggerOutbox} checks, writes an entry and its index entry in one script; ids the stream
   * has trimmed are dropped whenever the member's firings are relayed again.
   */
  public String triggerMemberFirings(String memberId) {
    return prefix + "@triggers}:member:" + member(memberId).substring(prefix.length());
  }

  /**
   * Set of the ids of members whose outbox may hold firings not yet on the {@link #triggerStream}:
   * added before the outbox is written, removed once it is empty, so a relay that crashed is
   * finished by the next sweep. In the stream's slot.
   */
  public String triggerOutboxMembers() {
    return prefix + "@triggers}:pending";
  }

  /**
   * Shards of the tenant's member index ({@link MemberIndex}): the index is split into this many sets
   * by a stable hash of the member id ({@link #memberIndexShard(String)}), each with a hash tag of its
   * own, so on Redis Cluster no single slot (and node) holds every member of a large tenant: at 50
   * million members a shard holds about 200,000 ids (some 15 MB), small enough to migrate between
   * nodes and to scan in pages. Part of the key layout: changing it means a new {@link #SCHEMA}.
   */
  public static final int MEMBER_INDEX_SHARDS = 256;

  /**
   * The member index shard the member's id lives in: CRC-32 of its UTF-8 bytes modulo {@link
   * #MEMBER_INDEX_SHARDS}, the same in every process and language.
   */
  public static int memberIndexShard(String memberId) {
    if (!validMemberId(memberId)) {
      throw new IllegalArgumentException(
          "member id '" + memberId + "' is not valid: " + memberIdRule());
    }
    CRC32 crc = new CRC32();
    crc.update(memberId.getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % MEMBER_INDEX_SHARDS);
  }

  /**
   * Set of the ids of the tenant's members whose id falls in the shard ({@link #memberIndexShard}):
   * one part of the member index the time-driven sweep pages through. Every writer that creates a
   * member's state adds the id, erase and opt-out remove it.
   *
   * @param shard 0 to {@link #MEMBER_INDEX_SHARDS} - 1
   */
  public String memberIndex(int shard) {
    if (shard < 0 || shard >= MEMBER_INDEX_SHARDS) {
      throw new IllegalArgumentException(
          "member index shard " + shard + " must be 0 to " + (MEMBER_INDEX_SHARDS - 1));
    }
    return prefix + "@members:" + shard + "}:ids";
  }

  /** The {@link #memberIndex(int)} set that holds the member's id. */
  public String memberIndexOf(String memberId) {
    return memberIndex(memberIndexShard(memberId));
  }

  /** Sorted set of at-risk member ids by churn probability. */
  public String atRiskScores() {
    return prefix + "@atrisk}:scores";
  }

  /** Sorted set of at-risk member ids by value at risk (churn probability times lifetime value). */
  public String atRiskValues() {
    return prefix + "@atrisk}:values";
  }

  /** Hash of member id to its {@link AtRiskEntry} row. */
  public String atRiskRows() {
    return prefix + "@atrisk}:rows";
  }

  /**
   * Hash of the member's grants by offer id: how often the member was issued each offer. A copy kept
   * in the member's slot, so ranking can leave out capped offers without reading every offer's slot;
   * the offer's own {@link #offerIssued} hash (spent by the issue script) stays the authority.
   */
  public String memberIssued(String memberId) {
    return member(memberId) + "}:issued";
  }

  /**
   * Hash of the member's issue request ids to the offer each was for: the index erase follows to the
   * request records in the offers' slots and the tenant's {@link #issueRequestOwners}. Written before
   * a request is claimed, so nothing a request stores can escape the erase.
   */
  public String memberRequests(String memberId) {
    return member(memberId) + "}:requests";
  }

  /**
   * Sorted set of the ids of the member's entries in the {@link #rankingLog}, by time: the index
   * erase follows to delete them without reading the whole log. It lives in the log's slot (not the
   * member's), so one script writes an entry and its index entry atomically; ids the log has trimmed
   * are dropped whenever the member is ranked again.
   */
  public String memberRankings(String memberId) {
    return prefix + "@rankings}:member:" + member(memberId).substring(prefix.length());
  }

  /**
   * Hash of every issue request id of the tenant to its owner: the member's pseudonym
   * ({@link MemberPseudonyms}) and the offer. One request id belongs to one member and one offer.
   * An erased member's request ids are replaced by keyed hashes marked erased.
   */
  public String issueRequestOwners() {
    return prefix + "@requests}:owners";
  }

  /**
   * The tenant's programme KPI document ({@link KpiDocuments}), one JSON string written whole by
   * {@code ./treue kpis}, in a slot of its own.
   */
  public String kpiDocument() {
    return prefix + "@kpis}:document";
  }

  /**
   * The tenant's uplift document ({@link UpliftDocuments}), one JSON string written whole by {@code ./treue
   * uplift --redis}, in a slot of its own.
   */
  public String upliftDocument() {
    return prefix + "@uplift}:document";
  }

  /** The tenant's random salt of {@link MemberPseudonyms}, created on first use. */
  public String privacySalt() {
    return prefix + "@privacy}:salt";
  }

  /**
   * Set of the pseudonyms of erased members who had opted out of profiling: the "do not profile"
   * tombstone that outlives the erase without naming the member.
   */
  public String erasedOptOuts() {
    return prefix + "@privacy}:optouts";
  }

  /**
   * Hash of offer id to the encoded {@link StoredOffer}: the tenant's offer catalogue, retired offers
   * included. Shares a slot with {@link #offerCatalogVersion}, so a change and its version bump are
   * one atomic script on a cluster too.
   */
  public String offerCatalog() {
    return prefix + "@offers}:catalog";
  }

  /** Counter bumped by every change of the catalogue: instances compare it to refresh their copy cheaply. */
  public String offerCatalogVersion() {
    return prefix + "@offers}:version";
  }

  /** Capped stream of served rankings (what was shown, in which slot, with which propensity). */
  public String rankingLog() {
    return prefix + "@rankings}:log";
  }

  /**
   * Where the {@link #rankingLog} starts since its latest trim (the first entry's time, in
   * milliseconds), for dropping trimmed ids from the members' indexes ({@link #memberRankings})
   * without reading the log on every append; in the log's slot. Absent until the log is first
   * trimmed.
   */
  public String rankingLogStart() {
    return prefix + "@rankings}:log-start";
  }

  /**
   * Hash of an offer's budget in whole cents ({@link dev.treue.core.offers.Money}): {@code total} and
   * {@code spent}. The offer's keys share a slot (the offer id is the hash tag), so issuing it is one
   * atomic script on a cluster too.
   */
  public String offerBudget(String offerId) {
    return offer(offerId) + "}:budget";
  }

  /** Hash of member id to how often the member was issued the offer. */
  public String offerIssued(String offerId) {
    return offer(offerId) + "}:issued";
  }

  /**
   * Hash of issue request id to its outcome and its owner's pseudonym, so a repeated request changes
   * nothing and a request id of another member is refused inside the issue script.
   */
  public String offerRequests(String offerId) {
    return offer(offerId) + "}:requests";
  }

  /**
   * Hash of webhook subscription id to the encoded subscription (url, trigger kinds, on/off, secret
   * and the previous secret while its rotation grace lasts). Every webhook key of a tenant shares
   * one slot, so a delivery's record, the due set and the dead letters change in one script.
   */
  public String webhooks() {
    return prefix + "@webhooks}:subs";
  }

  /**
   * Hash of delivery id to the encoded delivery of one subscription (the firing, status, attempts,
   * last response code and latency): the delivery log, and the dedup of firings per subscription.
   */
  public String webhookDeliveries(String subscriptionId) {
    return prefix + "@webhooks}:deliveries:" + webhookId(subscriptionId);
  }

  /** Sorted set of a subscription's delivery ids by creation time: the order the log lists them in. */
  public String webhookDeliveryLog(String subscriptionId) {
    return prefix + "@webhooks}:log:" + webhookId(subscriptionId);
  }

  /** Sorted set of a subscription's given-up (dead-letter) delivery ids by when they were given up. */
  public String webhookDeadLetters(String subscriptionId) {
    return prefix + "@webhooks}:dead:" + webhookId(subscriptionId);
  }

  /**
   * Sorted set of the tenant's due deliveries ({@code <subscription id>|<delivery id>}) by the
   * epoch millisecond they are due: first attempts, retries and leases of attempts in flight.
   */
  public String webhookDue() {
    return prefix + "@webhooks}:due";
  }

  /**
   * Set of the member's webhook deliveries ({@code <subscription id>|<delivery id>}), in the
   * webhooks' slot: the index erase follows to delete them from every subscription's log.
   */
  public String webhookMemberDeliveries(String memberId) {
    return prefix + "@webhooks}:member:" + member(memberId).substring(prefix.length());
  }

  private static String webhookId(String id) {
    // [A-Za-z0-9_-]{1,64}, by hand: every delivery builds several of these keys, and a regular
    // expression compiled per call was a visible share of delivery's CPU.
    boolean valid = id != null && !id.isEmpty() && id.length() <= 64;
    for (int i = 0; valid && i < id.length(); i++) {
      char c = id.charAt(i);
      valid =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-';
    }
    if (!valid) {
      throw new IllegalArgumentException("webhook id '" + id + "' is not valid");
    }
    return id;
  }

  private String offer(String offerId) {
    if (!validMemberId(offerId)) {
      throw new IllegalArgumentException(
          "offer id '" + offerId + "' is not valid: " + memberIdRule());
    }
    return prefix + "@offer:" + offerId;
  }

  private String member(String memberId) {
    if (!validMemberId(memberId)) {
      throw new IllegalArgumentException(
          "member id '" + memberId + "' is not valid: " + memberIdRule());
    }
    return prefix + memberId;
  }
}
