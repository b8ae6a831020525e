package dev.treue.store;

import dev.treue.core.ingest.Csv;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.UnifiedJedis;

/**
 * Every ranking the service served, in a capped Redis stream per tenant ({@link RedisKeys#rankingLog}):
 * which offers were shown in which slot and with which probability under the policy. Training reads
 * it back (as the {@code impressions} table) to correct for what the policy chose to show, and to
 * estimate a new policy off-line. The cap ({@code MAXLEN ~}) bounds memory; export regularly.
 *
 * <p>Entries name the member (training joins them with the member's events), so each member keeps an
 * index of its entries' ids in its own slot ({@link RedisKeys#memberRankings}) for erasure.
 */
public final class RankingLog {
  /** Columns of the {@code impressions} table {@link #exportImpressions} writes. */
  public static final List<String> IMPRESSION_COLUMNS = List.of("ranking_id", "customer_id", "offer_id", "ts",
      "propensity", "policy");

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
  public record Entry(String rankingId, String customerId, long tsMillis, String policy, String modelVersion,
      boolean coldStart, List<Shown> shown) {
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
  private static final int MAX_ID_ATTEMPTS = 16;

  private final UnifiedJedis redis;
  private final long maxLength;
  private StreamEntryID last = new StreamEntryID(0, 0);

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
   * Appends a ranking. The entry's stream id is chosen here and pushed onto the member's index
   * ({@link RedisKeys#memberRankings}, capped at the log's length) before the entry is written, so an
   * erase finds every entry that names the member, on a cluster too (the index lives in the member's
   * slot, the log in the tenant's). An id the stream has already passed (another instance wrote a
   * later one) is replaced by one after the stream's last; the stale index entry names no entry.
   */
  public void append(RedisKeys keys, Entry e) {
    Map<String, String> fields = fields(e);
    String index = keys.memberRankings(e.customerId());
    StreamEntryID id = nextId(e.tsMillis());
    for (int attempt = 1; ; attempt++) {
      try (AbstractPipeline p = redis.pipelined()) {
        p.lpush(index, id.toString());
        p.ltrim(index, 0, maxLength - 1);
        p.sync();
      }
      try {
        redis.xadd(keys.rankingLog(), XAddParams.xAddParams().id(id).maxLen(maxLength).approximateTrimming(), fields);
        return;
      } catch (JedisDataException ex) {
        if (attempt >= MAX_ID_ATTEMPTS || ex.getMessage() == null || !ex.getMessage().contains("equal or smaller")) {
          throw ex;
        }
        List<StreamEntry> top = redis.xrevrange(keys.rankingLog(), "+", "-", 1);
        id = after(top.isEmpty() ? id : top.get(0).getID());
      }
    }
  }

  /** Stream ids of the member's entries (newest first; ids of entries trimmed since may remain). */
  public static List<StreamEntryID> memberEntries(UnifiedJedis redis, RedisKeys keys, String memberId) {
    List<StreamEntryID> out = new ArrayList<>();
    for (String id : redis.lrange(keys.memberRankings(memberId), 0, -1)) {
      out.add(new StreamEntryID(id));
    }
    return out;
  }

  private synchronized StreamEntryID nextId(long nowMillis) {
    // Increasing within this instance, so its own appends never collide.
    last = nowMillis > last.getTime() ? new StreamEntryID(nowMillis, 0) : after(last);
    return last;
  }

  private synchronized StreamEntryID after(StreamEntryID id) {
    StreamEntryID next = new StreamEntryID(id.getTime(), id.getSequence() + 1);
    if (next.compareTo(last) > 0) {
      last = next;
    }
    return next;
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
        throw new IllegalArgumentException("offer id '" + s.offerId() + "' is not valid: " + RedisKeys.memberIdRule());
      }
      shown.append(shown.length() == 0 ? "" : ";").append(s.offerId()).append(':').append(s.position()).append(':')
          .append(s.propensity()).append(':').append(s.explored() ? '1' : '0');
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
      List<StreamEntry> page = exclusive
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
    forEach(keys, e -> {
      if (failure[0] != null) {
        return;
      }
      counts[0]++;
      String ts = Instant.ofEpochMilli(e.tsMillis()).toString();
      try {
        for (Shown s : e.shown()) {
          out.write(Csv.line(e.rankingId(), e.customerId(), s.offerId(), ts, Double.toString(s.propensity()),
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
        shown.add(new Shown(p[0], Integer.parseInt(p[1]), Double.parseDouble(p[2]), p[3].equals("1")));
      }
    }
    return new Entry(f.get("ranking_id"), f.get("customer_id"), Long.parseLong(f.get("ts")), f.get("policy"),
        f.get("model_version"), "1".equals(f.get("cold_start")), shown);
  }
}
