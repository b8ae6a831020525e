package dev.treue.training.generate;

/** Product categories of the synthetic shop, with their share of an average member's baskets. */
final class Categories {
  static final String[] NAMES = {
    "grocery", "coffee", "fashion", "electronics", "beauty", "home", "sports", "books"
  };

  /** Population-average share of purchases; a member's own shares scatter around these. */
  static final double[] SHARE = {0.30, 0.12, 0.14, 0.08, 0.10, 0.10, 0.08, 0.08};

  static final int COUNT = NAMES.length;

  private Categories() {}
}
