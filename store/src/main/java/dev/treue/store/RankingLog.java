package dev.treue.store;

import dev.treue.core.ingest.Csv;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Every ranking the service served, in a capped Redis stream per tenant ({@link RedisKeys#rankingLog}):
 * which offers were shown in which slot and with which probability under the policy. Training reads
 * it back (as the {@code impressions} table) to correct for what the policy chose to show, and to
 * estimate a new policy off-line. The cap ({@code MAXLEN ~}) bounds memory; export regularly.
 *
 * <p>Entries name the member (training joins them with the member's events), so each member has an
 * index of its entries' ids ({@link RedisKeys#memberRankings}) in the log's slot, written by the same
 * script as the entry, for erasure.
 */
public final class RankingLog {
  /** Columns of the {@code impressions} table {@link #exportImpressions} writes. */
  public static final List<String> IMPRESSION_COLUMNS =
      List.of("ranking_id", "customer_id", "offer_id", "ts", "propensity", "policy");

  /**
   * One offer shown.
   *
   * @param offerId the offer
   * @param position slot, 1 = first
   * @param propensity probability with which the policy put this offer in this slot
   * @param explored true when an exploration draw chose it
   */
  public record Shown(String offerId, int position, double propensity, boolean explored) {}

  /**
   * One served ranking.
   *
   * @param rankingId id returned to the caller
   * @param customerId the member
   * @param tsMillis when it was served (epoch ms)
   * @param policy the ranking policy's name or description
   * @param modelVersion the offer model version, or empty without a model
   * @param coldStart true for an unknown member
   * @param shown the offers, in slot order
   */
  public record Entry(
      String rankingId,
      String customerId,
      long tsMillis,
      String policy,
      String modelVersion,
      boolean coldStart,
      List<Shown> shown) {
    public Entry {
      shown = List.copyOf(shown);
    }
  }

  /**
   * What an export wrote.
   *
   * @param rankings rankings read
   * @param impressions rows written (one per shown offer)
   */
  public record Exported(long rankings, long impressions) {}

  private static final int PAGE = 1_000;

  private final UnifiedJedis redis;
  private final long maxLength;

  /**
   * @param maxLength rankings kept per tenant (approximately: Redis trims whole stream nodes)
   */
  public RankingLog(UnifiedJedis redis, long maxLength) {
    if (maxLength < 1) {
      throw new IllegalArgumentException("ranking log length must be at least 1, was " + maxLength);
    }
    this.redis = redis;
    this.maxLength = maxLength;
  }

  /**
   * Appends a ranking and indexes it under its member, atomically: one script in the log's slot lets
   * Redis choose the entry's id (so concurrent appends from any number of threads and instances never
   * collide), adds the id to the member's index ({@link RedisKeys#memberRankings}, a sorted set by
   * time in the same slot) and drops from that index the ids the log has trimmed since. An erase
   * therefore finds every entry that names the member, on a cluster too.
   */
  public void append(RedisKeys keys, Entry e) {
    IndexedStream.append(
        redis,
        keys.rankingLog(),
        keys.rankingLogStart(),
        keys.memberRankings(e.customerId()),
        maxLength,
        fields(e));
  }

  /**
   * As {@link #append(RedisKeys, Entry)}, queued on a pipeline that other requests share (the
   * service's batched passes): the entry is written when the pipeline syncs. The supplier, called
   * after the sync, gives the entry's id and throws if the script failed; when the server did not
   * know the script yet (first call after a start or a {@code SCRIPT FLUSH}), it runs it then.
   */
  public Supplier<String> append(AbstractPipeline pipeline, RedisKeys keys, Entry e) {
    RedisScript.Queued queued =
        IndexedStream.append(
            pipeline,
            keys.rankingLog(),
            keys.rankingLogStart(),
            keys.memberRankings(e.customerId()),
            maxLength,
            fields(e));
    return () -> IndexedStream.text(queued.result(redis));
  }

  /**
   * Deletes every entry of the member's index from the log, and the index, in one script in the
   * log's slot.
   *
   * @return entries deleted
   */
  public static long eraseMember(UnifiedJedis redis, RedisKeys keys, String memberId) {
    return IndexedStream.eraseMember(redis, keys.rankingLog(), keys.memberRankings(memberId));
  }

  /** Stream ids of the member's entries, oldest first (ids of entries trimmed since may remain). */
  public static List<StreamEntryID> memberEntries(
      UnifiedJedis redis, RedisKeys keys, String memberId) {
    List<StreamEntryID> out = new ArrayList<>();
    for (String id : redis.zrange(keys.memberRankings(memberId), 0, -1)) {
      out.add(new StreamEntryID(id));
    }
    return out;
  }

  private static Map<String, String> fields(Entry e) {
    Map<String, String> fields = new HashMap<>();
    fields.put("ranking_id", e.rankingId());
    fields.put("customer_id", e.customerId());
    fields.put("ts", Long.toString(e.tsMillis()));
    fields.put("policy", e.policy());
    fields.put("model_version", e.modelVersion() == null ? "" : e.modelVersion());
    fields.put("cold_start", e.coldStart() ? "1" : "0");
    StringBuilder shown = new StringBuilder();
    for (Shown s : e.shown()) {
      if (!RedisKeys.validMemberId(s.offerId())) {
        throw new IllegalArgumentException(
            "offer id '" + s.offerId() + "' is not valid: " + RedisKeys.memberIdRule());
      }
      shown
          .append(shown.length() == 0 ? "" : ";")
          .append(s.offerId())
          .append(':')
          .append(s.position())
          .append(':')
          .append(s.propensity())
          .append(':')
          .append(s.explored() ? '1' : '0');
    }
    fields.put("shown", shown.toString());
    return fields;
  }

  /** Rankings held now. */
  public long length(RedisKeys keys) {
    return redis.xlen(keys.rankingLog());
  }

  /** Every ranking held, oldest first (read in pages). */
  public List<Entry> readAll(RedisKeys keys) {
    List<Entry> out = new ArrayList<>();
    forEach(keys, out::add);
    return out;
  }

  /** Visits every ranking held, oldest first, reading pages of 1,000. */
  public void forEach(RedisKeys keys, java.util.function.Consumer<Entry> visitor) {
    StreamEntryID from = StreamEntryID.MINIMUM_ID;
    boolean exclusive = false;
    while (true) {
      List<StreamEntry> page =
          exclusive
              ? redis.xrange(keys.rankingLog(), "(" + from, "+", PAGE)
              : redis.xrange(keys.rankingLog(), from, StreamEntryID.MAXIMUM_ID, PAGE);
      for (StreamEntry s : page) {
        visitor.accept(decode(s.getFields()));
      }
      if (page.size() < PAGE) {
        return;
      }
      from = page.get(page.size() - 1).getID();
      exclusive = true;
    }
  }

  /**
   * Writes the {@code impressions} table: a header, then one row per shown offer
   * ({@link #IMPRESSION_COLUMNS}, {@code ts} as an ISO-8601 instant).
   *
   * @return how many rankings and rows were written
   */
  public Exported exportImpressions(RedisKeys keys, Writer out) throws IOException {
    out.write(String.join(",", IMPRESSION_COLUMNS));
    out.write('\n');
    long[] counts = {0, 0};
    IOException[] failure = {null};
    forEach(
        keys,
        e -> {
          if (failure[0] != null) {
            return;
          }
          counts[0]++;
          String ts = Instant.ofEpochMilli(e.tsMillis()).toString();
          try {
            for (Shown s : e.shown()) {
              out.write(
                  Csv.line(
                      e.rankingId(),
                      e.customerId(),
                      s.offerId(),
                      ts,
                      Double.toString(s.propensity()),
                      e.policy()));
              out.write('\n');
              counts[1]++;
            }
          } catch (IOException ex) {
            failure[0] = ex;
          }
        });
    if (failure[0] != null) {
      throw failure[0];
    }
    return new Exported(counts[0], counts[1]);
  }

  private static Entry decode(Map<String, String> f) {
    List<Shown> shown = new ArrayList<>();
    String text = f.getOrDefault("shown", "");
    if (!text.isEmpty()) {
      for (String item : text.split(";")) {
        String[] p = item.split(":");
        shown.add(
            new Shown(p[0], Integer.parseInt(p[1]), Double.parseDouble(p[2]), p[3].equals("1")));
      }
    }
    return new Entry(
        f.get("ranking_id"),
        f.get("customer_id"),
        Long.parseLong(f.get("ts")),
        f.get("policy"),
        f.get("model_version"),
        "1".equals(f.get("cold_start")),
        shown);
  }
}
