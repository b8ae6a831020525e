package dev.treue.core.ingest;

import dev.treue.core.customer.TierLadder;
import dev.treue.core.offers.Money;
import dev.treue.core.offers.Offer;
import dev.treue.core.offers.OfferKind;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Validates one row of the {@code offers} table and turns it into an {@link Offer}, or into the
 * reason it was rejected. Thread-safe.
 *
 * <p>Rules, checked in column order (the first failure is the reason):
 *
 * <ul>
 *   <li>{@code offer_id}: required, exactly as given (never trimmed; the catalogue checks it against
 *       {@code dev.treue.core.id.IdRule#OFFER})
 *   <li>{@code kind}: required, one of {@link OfferKind} (any case)
 *   <li>{@code category}: optional, blank = any category
 *   <li>{@code value}, {@code cost}: required {@link Money}: whole cents (at most two decimals), from 0
 *       to 10^12
 *   <li>{@code points_cost}: optional whole number, not negative, blank = 0
 *   <li>{@code min_tier}: optional tier name, blank = basic
 *   <li>{@code valid_from}, {@code valid_to}: required dates (or timestamps: their UTC day),
 *       {@code valid_from <= valid_to}
 *   <li>{@code budget}: optional {@link Money}, blank = no limit
 *   <li>{@code per_customer_cap}: optional whole number from 1, blank = 1
 *   <li>{@code channels}: optional, {@code |}-separated, lower-cased; blank = any channel
 * </ul>
 */
public final class OfferRowParser {
  /** The contract columns in the order {@link #parse(String[])} expects them. */
  public static final List<String> COLUMNS =
      List.of(
          "offer_id",
          "kind",
          "category",
          "value",
          "cost",
          "points_cost",
          "min_tier",
          "valid_from",
          "valid_to",
          "budget",
          "per_customer_cap",
          "channels");

  /** Columns a file must have; the others may be left out. */
  public static final Set<String> REQUIRED_COLUMNS =
      Set.of("offer_id", "kind", "value", "cost", "valid_from", "valid_to");

  private static final String DATE_EXPECTED = "a date yyyy-MM-dd or an ISO-8601 timestamp";

  /** Resolves a file header against {@link #COLUMNS}; see {@link ColumnLayout#of}. */
  public static ColumnLayout layout(String[] header, String source) {
    return ColumnLayout.of(COLUMNS, REQUIRED_COLUMNS, header, source);
  }

  /** Validates a row given by column name (absent keys count as empty). */
  public Parsed<Offer> parse(Map<String, String> row) {
    String[] values = new String[COLUMNS.size()];
    for (int c = 0; c < values.length; c++) {
      values[c] = row.get(COLUMNS.get(c));
    }
    return parse(values);
  }

  /** Validates a row given as values in {@link #COLUMNS} order; null means absent. */
  public Parsed<Offer> parse(String[] values) {
    if (values.length != COLUMNS.size()) {
      throw new IllegalArgumentException(
          "expected " + COLUMNS.size() + " values " + COLUMNS + ", got " + values.length);
    }
    String id = values[0];
    if (id == null || id.isBlank()) {
      return Parsed.reject("offer_id: missing; expected a non-empty offer id");
    }
    String kindText = Fields.clean(values[1]);
    OfferKind kind = OfferKind.fromWire(kindText);
    if (kind == null) {
      return Parsed.reject(
          "kind: expected one of "
              + OfferKind.wireNames()
              + ", got "
              + (kindText == null ? "nothing" : Fields.shown(kindText)));
    }
    String category = Fields.clean(values[2]);
    String problem = moneyProblem(values[3]);
    if (problem != null) {
      return Parsed.reject("value: " + problem);
    }
    double value = money(values[3]);
    problem = moneyProblem(values[4]);
    if (problem != null) {
      return Parsed.reject("cost: " + problem);
    }
    double cost = money(values[4]);
    long pointsCost = 0;
    String pointsText = Fields.clean(values[5]);
    if (pointsText != null) {
      pointsCost = Fields.whole(pointsText);
      if (pointsCost == Fields.NOT_WHOLE || pointsCost < 0) {
        return Parsed.reject(
            "points_cost: expected a whole number at least 0 or empty, got "
                + Fields.shown(pointsText));
      }
    }
    int minTier = 0;
    String tierText = Fields.clean(values[6]);
    if (tierText != null) {
      String tier = tierText.toLowerCase(Locale.ROOT);
      if (!TierLadder.NAMES.contains(tier)) {
        return Parsed.reject(
            "min_tier: expected one of "
                + TierLadder.NAMES
                + " or empty, got "
                + Fields.shown(tierText));
      }
      minTier = TierLadder.rank(tier);
    }
    long from = day(values[7]);
    if (from == Timestamps.INVALID) {
      return Parsed.reject(
          "valid_from: expected " + DATE_EXPECTED + ", got " + shownOrNothing(values[7]));
    }
    long to = day(values[8]);
    if (to == Timestamps.INVALID) {
      return Parsed.reject(
          "valid_to: expected " + DATE_EXPECTED + ", got " + shownOrNothing(values[8]));
    }
    if (to < from) {
      return Parsed.reject(
          "valid_to: "
              + LocalDate.ofEpochDay(to)
              + " is before valid_from "
              + LocalDate.ofEpochDay(from)
              + "; expected a window of at least one day");
    }
    double budget = Double.POSITIVE_INFINITY;
    if (Fields.clean(values[9]) != null) {
      problem = moneyProblem(values[9]);
      if (problem != null) {
        return Parsed.reject("budget: " + problem + " (or empty for no limit)");
      }
      budget = money(values[9]);
    }
    int cap = 1;
    String capText = Fields.clean(values[10]);
    if (capText != null) {
      long c = Fields.whole(capText);
      if (c == Fields.NOT_WHOLE || c < 1 || c > Integer.MAX_VALUE) {
        return Parsed.reject(
            "per_customer_cap: expected a whole number at least 1 or empty, got "
                + Fields.shown(capText));
      }
      cap = (int) c;
    }
    Set<String> channels = new LinkedHashSet<>();
    String channelText = Fields.clean(values[11]);
    if (channelText != null) {
      for (String c : channelText.split("\\|")) {
        String channel = Fields.clean(c);
        if (channel == null) {
          return Parsed.reject(
              "channels: empty entry in "
                  + Fields.shown(channelText)
                  + "; expected channel names separated by '|'");
        }
        channels.add(channel.toLowerCase(Locale.ROOT));
      }
    }
    return Parsed.of(
        new Offer(
            id,
            kind,
            category,
            value,
            cost,
            pointsCost,
            minTier,
            Math.toIntExact(from),
            Math.toIntExact(to),
            budget,
            cap,
            channels));
  }

  /** Why the text is not {@link Money} (whole cents from 0 to its maximum), or null when it is. */
  private static String moneyProblem(String text) {
    String t = Fields.clean(text);
    if (t == null) {
      return "expected " + Money.rule() + ", got nothing";
    }
    try {
      Money.parseCents(t);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  /** Money {@link #moneyProblem} accepted, as the exact double of its cents. */
  private static double money(String text) {
    return Money.units(Money.parseCents(Fields.clean(text)));
  }

  private static long day(String text) {
    String t = Fields.clean(text);
    return t == null ? Timestamps.INVALID : Timestamps.parseEpochDay(t);
  }

  private static String shownOrNothing(String text) {
    String t = Fields.clean(text);
    return t == null ? "nothing" : Fields.shown(t);
  }
}
