package dev.treue.core.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Validates one row of the optional {@code impressions} table (the logging policy: which offer was
 * shown or sent to whom, and with what probability the policy chose it) and turns it into an
 * {@link Impression}, or into the reason it was rejected. Thread-safe.
 *
 * <p>Rules, checked in column order (the first failure is the reason):
 *
 * <ul>
 *   <li>{@code ranking_id}, {@code customer_id}, {@code offer_id}: required, non-blank; a ranking
 *       lists each offer once
 *   <li>{@code ts}: required, see {@link Timestamps}; not after "now"
 *   <li>{@code propensity}: required decimal in (0, 1]
 *   <li>{@code policy}: optional name of the policy that chose it
 * </ul>
 */
public final class ImpressionRowParser {
  /** The contract columns in the order {@link #parse(String[])} expects them. */
  public static final List<String> COLUMNS =
      List.of("ranking_id", "customer_id", "offer_id", "ts", "propensity", "policy");

  /** Columns a file must have. */
  public static final Set<String> REQUIRED_COLUMNS =
      Set.of("ranking_id", "customer_id", "offer_id", "ts", "propensity");

  /**
   * One logged impression.
   *
   * @param rankingId the ranking (request or campaign send) it belongs to
   * @param customerId the member
   * @param offerId the offer shown or sent
   * @param tsMillis when, epoch milliseconds UTC
   * @param propensity probability with which the logging policy chose this offer for this member
   * @param policy the policy's name, or null
   */
  public record Impression(
      String rankingId,
      String customerId,
      String offerId,
      long tsMillis,
      double propensity,
      String policy) {

    /** The table's key: a ranking lists each offer once. */
    public String key() {
      return rankingId + "/" + offerId;
    }
  }

  private final long nowMillis;

  /** @param now impressions after this instant are rejected as coming from the future */
  public ImpressionRowParser(Instant now) {
    this.nowMillis = now.toEpochMilli();
  }

  /** Resolves a file header against {@link #COLUMNS}; see {@link ColumnLayout#of}. */
  public static ColumnLayout layout(String[] header, String source) {
    return ColumnLayout.of(COLUMNS, REQUIRED_COLUMNS, header, source);
  }

  /** Validates a row given as values in {@link #COLUMNS} order; null means absent. */
  public Parsed<Impression> parse(String[] values) {
    if (values.length != COLUMNS.size()) {
      throw new IllegalArgumentException(
          "expected " + COLUMNS.size() + " values " + COLUMNS + ", got " + values.length);
    }
    String[] ids = new String[3];
    for (int c = 0; c < 3; c++) {
      ids[c] = Fields.clean(values[c]);
      if (ids[c] == null) {
        return Parsed.reject(COLUMNS.get(c) + ": missing; expected a non-empty id");
      }
    }
    String tsText = Fields.clean(values[3]);
    if (tsText == null) {
      return Parsed.reject("ts: missing; expected " + Timestamps.EXPECTED);
    }
    long ts = Timestamps.parseEpochMillis(tsText);
    if (ts == Timestamps.NO_OFFSET) {
      return Parsed.reject(
          "ts: " + Fields.shown(tsText) + " has no offset; expected " + Timestamps.EXPECTED);
    }
    if (ts == Timestamps.INVALID) {
      return Parsed.reject("ts: expected " + Timestamps.EXPECTED + ", got " + Fields.shown(tsText));
    }
    if (ts > nowMillis) {
      return Parsed.reject("ts: " + Fields.shown(tsText) + " is in the future");
    }
    String pText = Fields.clean(values[4]);
    double p = pText == null ? Double.NaN : Fields.decimal(pText);
    if (!(p > 0 && p <= 1)) {
      return Parsed.reject(
          "propensity: expected a probability in (0, 1], got "
              + (pText == null ? "nothing" : Fields.shown(pText)));
    }
    return Parsed.of(new Impression(ids[0], ids[1], ids[2], ts, p, Fields.clean(values[5])));
  }
}
