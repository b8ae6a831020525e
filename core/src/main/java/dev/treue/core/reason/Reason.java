package dev.treue.core.reason;

import dev.treue.core.i18n.Phrase;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A churn or win-back reason, or a line of a reward's explanation, before it is put into words: its
 * phrase (a {@link ReasonPhrase}, or a {@link RewardPhrase} for an offer's "why") and the quantities
 * the phrase quotes. {@link ReasonWords#render} writes it in any language, so a reason stored once
 * (an at-risk row, its retention offer) is read in the language each reader asks for.
 *
 * <p>A reason stored as words by an older version has no phrase: it is shown as it was written
 * ({@link #asWritten}).
 *
 * @param phrase the phrase, of one of the two tables; null for a reason kept as the words it was
 *     written in
 * @param args the quantities, in the phrase's placeholder order; for words as written, their text
 */
public record Reason(Phrase phrase, List<ReasonArg> args) {
  /**
   * How the stored form begins, with its version: {@code r1|PHRASE|d96|m12.5}. Words written by
   * older versions never begin so.
   */
  static final String PREFIX = "r1|";

  /**
   * How the stored name of a reward explanation's phrase begins ({@code r1|offer.RETENTION_PICK|%0.71});
   * a churn reason's phrase is stored by its bare name, as it always was.
   */
  static final String OFFER_TABLE = "offer.";

  private static final char SEP = '|';

  public Reason {
    args = List.copyOf(args);
    if (phrase == null && (args.size() != 1 || args.get(0).kind() != ReasonArg.Kind.TEXT)) {
      throw new IllegalArgumentException("a reason without a phrase is one text: " + args);
    }
    if (phrase != null && !(phrase instanceof ReasonPhrase) && !(phrase instanceof RewardPhrase)) {
      throw new IllegalArgumentException("a stored reason's phrase is a reason or reward phrase");
    }
  }

  /** A phrase with its quantities. */
  public static Reason of(Phrase phrase, ReasonArg... args) {
    return new Reason(Objects.requireNonNull(phrase, "phrase"), List.of(args));
  }

  /** Words written before reasons were stored language-neutral, shown as they are. */
  public static Reason asWritten(String words) {
    return new Reason(null, List.of(ReasonArg.text(words)));
  }

  /**
   * The compact stored form: versioned, one line, with no tab and no {@code \u001f} (the at-risk
   * row's separators): {@code r1|NO_PURCHASE_USUALLY|d96|d30}. Numbers are Java's exact shortest
   * text of the value, text is percent-escaped. A reason as written is stored as its words.
   */
  public String encode() {
    if (phrase == null) {
      return args.get(0).text();
    }
    StringBuilder b = new StringBuilder(32).append(PREFIX);
    if (phrase instanceof RewardPhrase reward) {
      b.append(OFFER_TABLE).append(reward.name());
    } else {
      b.append(((ReasonPhrase) phrase).name());
    }
    for (ReasonArg a : args) {
      b.append(SEP).append(a.kind().code());
      if (a.kind() == ReasonArg.Kind.TEXT) {
        escape(b, a.text());
      } else if (a.kind().whole()) {
        b.append(a.whole());
      } else {
        b.append(a.number());
      }
    }
    return b.toString();
  }

  /**
   * Reads a stored reason: the form {@link #encode} writes, or words written by an older version
   * (anything not beginning with the version prefix), kept as they are.
   *
   * @throws IllegalArgumentException when the text begins as a stored reason but is not one
   */
  public static Reason decode(String stored) {
    if (!stored.startsWith(PREFIX)) {
      return asWritten(stored);
    }
    String[] parts = stored.substring(PREFIX.length()).split("\\|", -1);
    try {
      Phrase phrase =
          parts[0].startsWith(OFFER_TABLE)
              ? RewardPhrase.valueOf(parts[0].substring(OFFER_TABLE.length()))
              : ReasonPhrase.valueOf(parts[0]);
      List<ReasonArg> args = new ArrayList<>(parts.length - 1);
      for (int i = 1; i < parts.length; i++) {
        args.add(arg(parts[i]));
      }
      return new Reason(phrase, args);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a stored reason: " + stored, e);
    }
  }

  private static ReasonArg arg(String part) {
    ReasonArg.Kind kind = ReasonArg.Kind.ofCode(part.charAt(0));
    String value = part.substring(1);
    if (kind == ReasonArg.Kind.TEXT) {
      return ReasonArg.text(unescape(value));
    }
    double number = kind.whole() ? Long.parseLong(value) : Double.parseDouble(value);
    return new ReasonArg(kind, number, null);
  }

  /** Percent-escapes '%', '|' and control characters (tab, {@code \u001f}, line breaks). */
  private static void escape(StringBuilder b, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%' || c == SEP || c < 0x20 || c == 0x7f) {
        b.append('%')
            .append(Character.forDigit(c >> 4 & 0xf, 16))
            .append(Character.forDigit(c & 0xf, 16));
      } else {
        b.append(c);
      }
    }
  }

  private static String unescape(String text) {
    StringBuilder b = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        b.append((char) Integer.parseInt(text.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
