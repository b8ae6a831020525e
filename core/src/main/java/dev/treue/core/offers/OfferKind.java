package dev.treue.core.offers;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a member gets from an offer, as the {@code kind} column of the {@code offers} table names it. */
public enum OfferKind {
  DISCOUNT,
  BONUS_POINTS,
  FREE_SHIPPING,
  GIFT,
  EXPERIENCE;

  // Once per constant: the name is asked for on every request that answers with it.
  private final String wireName = name().toLowerCase(Locale.ROOT);

  /** The name in files and the API, e.g. {@code bonus_points}. */
  public String wireName() {
    return wireName;
  }

  /** The kind a wire name (any case) stands for, or null when it names none. */
  public static OfferKind fromWire(String name) {
    if (name == null) {
      return null;
    }
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    for (OfferKind k : values()) {
      if (k.wireName().equals(wanted)) {
        return k;
      }
    }
    return null;
  }

  /** Every wire name, comma separated, for error messages. */
  public static String wireNames() {
    return Arrays.stream(values()).map(OfferKind::wireName).collect(Collectors.joining(", "));
  }
}
