package dev.treue.core.offers;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How often the programme's offers were redeemed, by kind and category, fitted on the response
 * model's training exposures and kept in its bundle: what a campaign's kind and category say before
 * anything is known about the member. Rates are shrunk towards the next coarser level (kind and
 * category towards kind, kind and category alone towards all offers) by {@link #STRENGTH} pseudo
 * exposures, so a rare or new combination starts near what its kind does. Immutable.
 */
public final class OfferPriors implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Pseudo exposures of the coarser rate added to every group. */
  public static final double STRENGTH = 50;

  /** No priors: every rate is 0 (models trained without them, tests). */
  public static final OfferPriors NONE =
      new OfferPriors(Map.of(), Map.of(), Map.of(), new long[] {0, 0});

  private final Map<String, long[]> byKindAndCategory;
  private final Map<String, long[]> byKind;
  private final Map<String, long[]> byCategory;
  private final long[] all;
  // byKindAndCategory by kind, then category: a ranking looks up every candidate, and the joined
  // key (group) was a new string each time.
  private final Map<OfferKind, Map<String, long[]>> byKindThenCategory =
      new EnumMap<>(OfferKind.class);

  private OfferPriors(
      Map<String, long[]> byKindAndCategory,
      Map<String, long[]> byKind,
      Map<String, long[]> byCategory,
      long[] all) {
    this.byKindAndCategory = byKindAndCategory;
    this.byKind = byKind;
    this.byCategory = byCategory;
    this.all = all;
    byKindAndCategory.forEach(
        (group, counts) -> {
          int bar = group.indexOf('|');
          OfferKind kind = bar < 0 ? null : OfferKind.fromWire(group.substring(0, bar));
          if (kind != null && kind.wireName().equals(group.substring(0, bar))) {
            byKindThenCategory
                .computeIfAbsent(kind, k -> new HashMap<>())
                .put(group.substring(bar + 1), counts);
          }
        });
  }

  /** Collects exposures, then {@link #build}s the priors. Not thread safe. */
  public static final class Builder {
    private final Map<String, long[]> byKindAndCategory = new TreeMap<>();
    private final Map<String, long[]> byKind = new TreeMap<>();
    private final Map<String, long[]> byCategory = new TreeMap<>();
    private final long[] all = new long[2];

    /** Counts one exposure of the offer and whether it was redeemed. */
    public Builder add(Offer offer, boolean redeemed) {
      count(byKindAndCategory.computeIfAbsent(group(offer), g -> new long[2]), redeemed);
      count(byKind.computeIfAbsent(offer.kind().wireName(), g -> new long[2]), redeemed);
      count(byCategory.computeIfAbsent(category(offer), g -> new long[2]), redeemed);
      count(all, redeemed);
      return this;
    }

    private static void count(long[] counts, boolean redeemed) {
      counts[0] += redeemed ? 1 : 0;
      counts[1]++;
    }

    public OfferPriors build() {
      return new OfferPriors(
          Map.copyOf(byKindAndCategory), Map.copyOf(byKind), Map.copyOf(byCategory), all.clone());
    }
  }

  private static String group(Offer o) {
    return o.kind().wireName() + "|" + category(o);
  }

  private static String category(Offer o) {
    return o.category() == null ? "" : o.category();
  }

  /** Redemption rate of all exposures (0 without any). */
  public double overallRate() {
    return all[1] == 0 ? 0 : all[0] / (double) all[1];
  }

  /** Rate of offers of the offer's kind and category, shrunk towards its kind's. */
  public double kindAndCategoryRate(Offer offer) {
    double kind = shrunk(byKind.get(offer.kind().wireName()), overallRate());
    Map<String, long[]> ofKind = byKindThenCategory.get(offer.kind());
    return shrunk(ofKind == null ? null : ofKind.get(category(offer)), kind);
  }

  /** Rate of offers in the offer's category (or without one), shrunk towards all offers'. */
  public double categoryRate(Offer offer) {
    return shrunk(byCategory.get(category(offer)), overallRate());
  }

  private static double shrunk(long[] counts, double prior) {
    if (counts == null) {
      return prior;
    }
    return (counts[0] + STRENGTH * prior) / (counts[1] + STRENGTH);
  }

  /** The counts as bundle JSON: {@code {all: [redeemed, sent], kind: {...}, category: {...}, kind_category: {...}}}. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("all", List.of(all[0], all[1]));
    m.put("kind", lists(byKind));
    m.put("category", lists(byCategory));
    m.put("kind_category", lists(byKindAndCategory));
    return m;
  }

  private static Map<String, List<Long>> lists(Map<String, long[]> counts) {
    Map<String, List<Long>> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, List.of(v[0], v[1])));
    return out;
  }

  /**
   * The priors {@link #toMap} wrote.
   *
   * @throws IllegalArgumentException when a count is missing or not a pair of whole numbers
   */
  @SuppressWarnings("unchecked")
  public static OfferPriors fromMap(Map<String, Object> m) {
    try {
      return new OfferPriors(
          counts((Map<String, Object>) m.get("kind_category")),
          counts((Map<String, Object>) m.get("kind")),
          counts((Map<String, Object>) m.get("category")),
          pair(m.get("all")));
    } catch (ClassCastException | NullPointerException e) {
      throw new IllegalArgumentException("offer priors are malformed: " + e.getMessage(), e);
    }
  }

  private static Map<String, long[]> counts(Map<String, Object> m) {
    Map<String, long[]> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, pair(v)));
    return Map.copyOf(out);
  }

  private static long[] pair(Object v) {
    List<?> l = (List<?>) v;
    if (l.size() != 2) {
      throw new IllegalArgumentException("offer priors: expected [redeemed, sent], got " + l);
    }
    long redeemed = ((Number) l.get(0)).longValue();
    long sent = ((Number) l.get(1)).longValue();
    if (redeemed < 0 || sent < redeemed) {
      throw new IllegalArgumentException("offer priors: impossible counts " + l);
    }
    return new long[] {redeemed, sent};
  }
}
