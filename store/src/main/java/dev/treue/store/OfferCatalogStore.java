package dev.treue.store;

import dev.treue.core.offers.Money;
import dev.treue.core.offers.Offer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * A tenant's offer catalogue in Redis: one hash of offer id to {@link StoredOffer}
 * ({@link RedisKeys#offerCatalog}) and a version counter beside it
 * ({@link RedisKeys#offerCatalogVersion}) that every change bumps, so service instances keep a copy
 * and refresh it with one {@code GET} when the version moved.
 *
 * <p>Every change is an optimistic compare-and-set: read the version and the hash, work out the new
 * entries, then one Lua script writes them and bumps the version only if nobody changed the
 * catalogue in between (else read again and retry). Both keys share a hash tag, so this is atomic on
 * Redis Cluster too.
 *
 * <p>Offers are never deleted: a full replace retires the offers the new file leaves out, because
 * grants, rankings and training history refer to them. Loading or putting an offer sets its budget
 * total in {@link OfferBudgets} (what was spent stays spent) before the catalogue names it, so an
 * offer in the catalogue always has a budget; retiring leaves the budget alone.
 */
public final class OfferCatalogStore {
  private static final System.Logger LOG = System.getLogger(OfferCatalogStore.class.getName());

  /**
   * The budget total, in cents, of an offer without a budget limit: 10^15 cents, large enough never to
   * run out and still exact as a Lua number (below 2^53).
   */
  public static final long UNLIMITED_CENTS = 1_000_000_000_000_000L;

  private static final int MAX_ATTEMPTS = 32;

  // KEYS[1] catalogue hash, KEYS[2] version; ARGV[1] expected version, then id, entry pairs.
  private static final String WRITE =
      """
      local v = tonumber(redis.call('GET', KEYS[2]) or '0')
      if v ~= tonumber(ARGV[1]) then return -1 end
      for i = 2, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
      return redis.call('INCR', KEYS[2])
      """;

  /**
   * The catalogue as read at one version.
   *
   * @param version the version counter (0 for a catalogue never written)
   * @param offers every entry by offer id, retired ones included
   */
  public record Snapshot(long version, Map<String, StoredOffer> offers) {
    public Snapshot {
      offers = Collections.unmodifiableMap(new TreeMap<>(offers));
    }

    /** The entry of an offer, retired or not. */
    public Optional<StoredOffer> find(String offerId) {
      return Optional.ofNullable(offers.get(offerId));
    }

    /** The offers that may be ranked and issued, by id. */
    public List<Offer> active() {
      List<Offer> out = new ArrayList<>();
      for (StoredOffer s : offers.values()) {
        if (s.active()) {
          out.add(s.offer());
        }
      }
      return out;
    }
  }

  /**
   * What a load did.
   *
   * @param added offers new to the catalogue
   * @param changed offers whose attributes changed (including retired offers brought back)
   * @param unchanged offers loaded as they already were
   * @param retired offers a full replace retired because the file left them out
   * @param version the catalogue version after the load
   */
  public record LoadResult(int added, int changed, int unchanged, int retired, long version) {}

  /**
   * What putting one offer did.
   *
   * @param entry the entry now stored
   * @param created true when the offer was new to the catalogue
   * @param version the catalogue version after the put
   */
  public record PutResult(StoredOffer entry, boolean created, long version) {}

  private final UnifiedJedis redis;
  private final RedisKeys keys;
  private final OfferBudgets budgets;
  private final Clock clock;

  public OfferCatalogStore(UnifiedJedis redis, RedisKeys keys, Clock clock) {
    this.redis = redis;
    this.keys = keys;
    this.budgets = new OfferBudgets(redis, keys);
    this.clock = clock;
  }

  /** The version counter alone: one {@code GET}, for instances checking whether their copy is current. */
  public long version() {
    String v = redis.get(keys.offerCatalogVersion());
    return v == null ? 0 : Long.parseLong(v);
  }

  /** The whole catalogue at one version. */
  public Snapshot read() {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      long before = version();
      Map<String, String> raw = redis.hgetAll(keys.offerCatalog());
      // A change between the two reads shows as a moved version: read again rather than mix
      // versions.
      if (version() == before) {
        Map<String, StoredOffer> offers = new LinkedHashMap<>();
        raw.forEach(
            (id, text) -> {
              try {
                offers.put(id, StoredOffer.decode(text));
              } catch (IllegalStateException e) {
                // An entry a previous version stored under looser rules (a cost finer than a cent):
                // left out,
                // so neither ranked nor issued, rather than failing every catalogue read; PUT or
                // load fixes it.
                LOG.log(
                    System.Logger.Level.WARNING,
                    "offer '"
                        + id
                        + "' of tenant "
                        + keys.tenant()
                        + " is left out of the catalogue until it is stored again: "
                        + e.getMessage());
              }
            });
        return new Snapshot(before, offers);
      }
    }
    throw new IllegalStateException(
        "the offer catalogue of tenant "
            + keys.tenant()
            + " kept changing while "
            + "being read ("
            + MAX_ATTEMPTS
            + " attempts)");
  }

  /**
   * Loads offers (already validated, each id once, e.g. from {@link OfferFile}).
   *
   * @param replace true: the offers are the whole catalogue, every other active offer is retired;
   *     false: add and change these, leave the rest
   */
  public LoadResult load(Collection<Offer> offers, boolean replace) {
    Map<String, Offer> wanted = new LinkedHashMap<>();
    for (Offer o : offers) {
      if (wanted.put(o.offerId(), o) != null) {
        throw new IllegalArgumentException(
            "offer " + o.offerId() + " is given twice; expected each offer once");
      }
    }
    wanted.values().forEach(OfferCatalogStore::checkMoney);
    for (Offer o : wanted.values()) {
      budgets.setBudget(o.offerId(), cents(o.budget()));
    }
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Snapshot current = read();
      long now = clock.millis();
      Map<String, StoredOffer> writes = new LinkedHashMap<>();
      int added = 0;
      int changed = 0;
      int unchanged = 0;
      int retired = 0;
      for (Offer o : wanted.values()) {
        StoredOffer old = current.offers().get(o.offerId());
        if (old == null) {
          added++;
          writes.put(o.offerId(), new StoredOffer(o, 0, now));
        } else if (old.active() && StoredOffer.sameOffer(old.offer(), o)) {
          unchanged++;
        } else {
          changed++;
          writes.put(o.offerId(), new StoredOffer(o, 0, now));
        }
      }
      if (replace) {
        for (StoredOffer old : current.offers().values()) {
          if (old.active() && !wanted.containsKey(old.offerId())) {
            retired++;
            writes.put(old.offerId(), new StoredOffer(old.offer(), now, now));
          }
        }
      }
      long version =
          writes.isEmpty() ? current.version() : write(current.version(), writes.values());
      if (version >= 0) {
        return new LoadResult(added, changed, unchanged, retired, version);
      }
    }
    throw conflict();
  }

  /**
   * What loading a file did: nothing when the file has rejects (all or nothing).
   *
   * @param file the rows read, with their rejects
   * @param result what the load changed, null when nothing was written
   */
  public record FileLoad(OfferFile file, LoadResult result) {
    /** True when the catalogue was written. */
    public boolean written() {
      return result != null;
    }
  }

  /**
   * Reads a whole {@code offers} file and loads it when every row is valid; with any reject, nothing
   * is written (budgets included).
   *
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException when its header is unusable, or a full replace would load no offer
   *     at all (that would retire the whole catalogue, which is never what a file of nothing means)
   */
  public FileLoad loadFile(Path file, boolean replace) throws IOException {
    OfferFile read = OfferFile.read(file);
    if (!read.rejects().isEmpty()) {
      return new FileLoad(read, null);
    }
    if (replace && read.offers().isEmpty()) {
      throw new IllegalArgumentException(
          file
              + " holds no offers; a full replace would retire every offer"
              + " (retire offers one by one instead)");
    }
    return new FileLoad(read, load(read.offers(), replace));
  }

  /** Adds or changes one offer; a retired offer put again is active again. */
  public PutResult put(Offer offer) {
    if (!RedisKeys.validMemberId(offer.offerId())) {
      throw new IllegalArgumentException(
          "offer id '" + offer.offerId() + "' is not valid: " + RedisKeys.memberIdRule());
    }
    checkMoney(offer);
    budgets.setBudget(offer.offerId(), cents(offer.budget()));
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Snapshot current = read();
      StoredOffer old = current.offers().get(offer.offerId());
      if (old != null && old.active() && StoredOffer.sameOffer(old.offer(), offer)) {
        return new PutResult(old, false, current.version());
      }
      StoredOffer entry = new StoredOffer(offer, 0, clock.millis());
      long version = write(current.version(), List.of(entry));
      if (version >= 0) {
        return new PutResult(entry, old == null, version);
      }
    }
    throw conflict();
  }

  /** Retires an offer (kept, never ranked or issued again unless put again); empty when unknown. */
  public Optional<StoredOffer> retire(String offerId) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Snapshot current = read();
      StoredOffer old = current.offers().get(offerId);
      if (old == null || !old.active()) {
        return Optional.ofNullable(old);
      }
      long now = clock.millis();
      StoredOffer entry = new StoredOffer(old.offer(), now, now);
      if (write(current.version(), List.of(entry)) >= 0) {
        return Optional.of(entry);
      }
    }
    throw conflict();
  }

  /**
   * What is left of each offer's budget in cents (negative after a cut below what was spent), read
   * in one pipeline (one round trip per node on a cluster); offers without a budget are absent.
   */
  public Map<String, Long> budgetsLeft(Collection<String> offerIds) {
    Map<String, Response<List<String>>> replies = new LinkedHashMap<>();
    try (AbstractPipeline p = redis.pipelined()) {
      for (String id : offerIds) {
        replies.put(id, p.hmget(keys.offerBudget(id), "total", "spent"));
      }
      p.sync();
    }
    Map<String, Long> out = new LinkedHashMap<>();
    replies.forEach(
        (id, r) -> {
          List<String> v = r.get();
          if (v.get(0) != null) {
            out.put(
                id, Long.parseLong(v.get(0)) - (v.get(1) == null ? 0 : Long.parseLong(v.get(1))));
          }
        });
    return out;
  }

  /**
   * Money as whole cents for {@link OfferBudgets} ({@link Money}); no limit (a budget of positive
   * infinity) is {@link #UNLIMITED_CENTS}.
   *
   * @throws IllegalArgumentException when the amount is not whole cents within {@link Money}'s range:
   *     never rounded, since a rounded sub-cent cost would let grants cost nothing
   */
  public static long cents(double money) {
    if (money == Double.POSITIVE_INFINITY) {
      return UNLIMITED_CENTS;
    }
    return Money.cents(money);
  }

  /**
   * Checks an offer's money before anything is written.
   *
   * @throws IllegalArgumentException naming the field when value, cost or budget is not {@link Money}
   */
  static void checkMoney(Offer o) {
    String field =
        !Money.valid(o.value())
            ? "value"
            : !Money.valid(o.cost())
                ? "cost"
                : o.budget() != Double.POSITIVE_INFINITY && !Money.valid(o.budget())
                    ? "budget"
                    : null;
    if (field != null) {
      throw new IllegalArgumentException(
          "offer " + o.offerId() + ": " + field + " is not " + Money.rule());
    }
  }

  /** Writes entries if the version is still {@code expected}; the new version, or -1 on conflict. */
  private long write(long expected, Collection<StoredOffer> entries) {
    List<String> args = new ArrayList<>(1 + 2 * entries.size());
    args.add(Long.toString(expected));
    for (StoredOffer e : entries) {
      args.add(e.offerId());
      args.add(e.encode());
    }
    Object v = redis.eval(WRITE, List.of(keys.offerCatalog(), keys.offerCatalogVersion()), args);
    return ((Number) v).longValue();
  }

  private IllegalStateException conflict() {
    return new IllegalStateException(
        "the offer catalogue of tenant "
            + keys.tenant()
            + " kept changing; gave up"
            + " after "
            + MAX_ATTEMPTS
            + " attempts");
  }
}
