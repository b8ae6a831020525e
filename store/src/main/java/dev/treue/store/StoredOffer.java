package dev.treue.store;

import dev.treue.core.customer.TierLadder;
import dev.treue.core.ingest.OfferRowParser;
import dev.treue.core.ingest.Parsed;
import dev.treue.core.offers.Offer;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;

/**
 * One catalogue entry as Redis keeps it: the offer, and when it was retired (retired offers stay,
 * because rankings, grants and training history refer to them).
 *
 * <p>Encoded as tab-separated text: a format tag, the retirement time, the last change time, then
 * the offer's {@code offers} table columns. Decoding goes back through {@link OfferRowParser}, so
 * the catalogue in Redis can never hold an offer the import would refuse.
 *
 * @param offer the offer
 * @param retiredAtMillis when it was retired (epoch ms), 0 while active
 * @param updatedAtMillis when it last changed (epoch ms)
 */
public record StoredOffer(Offer offer, long retiredAtMillis, long updatedAtMillis) {
  private static final String FORMAT = "o1";
  private static final OfferRowParser PARSER = new OfferRowParser();

  public StoredOffer {
    Objects.requireNonNull(offer, "offer");
  }

  /** True when the offer may still be ranked and issued. */
  public boolean active() {
    return retiredAtMillis == 0;
  }

  public String offerId() {
    return offer.offerId();
  }

  /** The offer's values in {@link OfferRowParser#COLUMNS} order, as the {@code offers} table writes them. */
  public static String[] columns(Offer o) {
    return new String[] {
      o.offerId(),
      o.kind().wireName(),
      o.category() == null ? "" : o.category(),
      money(o.value()),
      money(o.cost()),
      Long.toString(o.pointsCost()),
      TierLadder.name(o.minTierRank()),
      LocalDate.ofEpochDay(o.validFromDay()).toString(),
      LocalDate.ofEpochDay(o.validToDay()).toString(),
      Double.isInfinite(o.budget()) ? "" : money(o.budget()),
      Integer.toString(o.perCustomerCap()),
      String.join("|", o.channels().stream().sorted().toList())
    };
  }

  /** True when both describe the same offer (the set of channels, not its order, counts). */
  public static boolean sameOffer(Offer a, Offer b) {
    return Arrays.equals(columns(a), columns(b));
  }

  /** The text stored in the catalogue hash. */
  public String encode() {
    StringBuilder b =
        new StringBuilder(FORMAT)
            .append('\t')
            .append(retiredAtMillis)
            .append('\t')
            .append(updatedAtMillis);
    for (String v : columns(offer)) {
      b.append('\t');
      escape(v, b);
    }
    return b.toString();
  }

  /**
   * Reads an entry written by {@link #encode}.
   *
   * @throws IllegalStateException naming what is wrong, when the text is not a valid entry
   */
  public static StoredOffer decode(String text) {
    String[] parts = text.split("\t", -1);
    int n = OfferRowParser.COLUMNS.size();
    if (parts.length != 3 + n || !parts[0].equals(FORMAT)) {
      throw new IllegalStateException(
          "stored offer is not in format "
              + FORMAT
              + " with "
              + n
              + " columns: "
              + (text.length() > 80 ? text.substring(0, 80) + "..." : text));
    }
    String[] values = new String[n];
    for (int i = 0; i < n; i++) {
      values[i] = unescape(parts[3 + i]);
    }
    Parsed<Offer> parsed = PARSER.parse(values);
    if (!parsed.isValid()) {
      throw new IllegalStateException(
          "stored offer " + values[0] + " is not valid: " + parsed.reason());
    }
    return new StoredOffer(parsed.value(), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
  }

  /** Money as a plain decimal ({@code 12.5}, never {@code 1.25E1}). */
  static String money(double v) {
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  private static void escape(String v, StringBuilder b) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '\t' -> b.append("\\t");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        default -> b.append(c);
      }
    }
  }

  private static String unescape(String v) {
    if (v.indexOf('\\') < 0) {
      return v;
    }
    StringBuilder b = new StringBuilder(v.length());
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '\\' && i + 1 < v.length()) {
        char next = v.charAt(++i);
        b.append(
            switch (next) {
              case 't' -> '\t';
              case 'n' -> '\n';
              case 'r' -> '\r';
              default -> next;
            });
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
