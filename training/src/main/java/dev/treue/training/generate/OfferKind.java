package dev.treue.training.generate;

import java.util.Locale;

/** The kinds of offer in the data contract. */
enum OfferKind {
  DISCOUNT,
  BONUS_POINTS,
  FREE_SHIPPING,
  GIFT,
  EXPERIENCE;

  String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
