package dev.treue.core.offers;

import static dev.treue.core.customer.CustomerState.NONE;

import dev.treue.core.customer.CategorySpend;
import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.OfferHistories;
import dev.treue.core.customer.OfferHistory;
import dev.treue.core.feature.ChurnFeature;
import dev.treue.core.feature.ChurnFeatures;
import dev.treue.core.feature.FeatureSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one definition of the offer feature vector, for training exposures (Spark, the state just
 * before each {@code offer_sent}) and for ranking in the service and batch scoring. The member's part
 * is computed once ({@link #member}) and reused for every candidate offer, which is what keeps a
 * ranking over 50 offers cheap. Pure and stateless.
 */
public final class OfferFeatures {
  private static final OfferFeature[] ALL = OfferFeature.values();
  private static final FeatureSpec SPEC = new FeatureSpec("offer-features/v2", names());

  /** Offers sent this recently, unredeemed and still valid, compete for the member's next purchase. */
  static final int OPEN_OFFER_DAYS = 60;

  private static final double MAX_COVER = 10;

  private OfferFeatures() {}

  /** The spec every offer model bundle records. */
  public static FeatureSpec spec() {
    return SPEC;
  }

  /** How many features a vector holds. */
  public static int size() {
    return ALL.length;
  }

  /**
   * The features that describe the offer alone (its attributes, the days it has left, the model's
   * priors for its kind and category), not the member: equal for every member an offer is ranked
   * for on a day. Their indexes in the vector, for the tree evaluator's per-offer turns
   * ({@code ScorePredictor.withCatalogFeatures}); a wrong entry would cost speed, never a result.
   */
  public static int[] offerOnlyFeatures() {
    return java.util.stream.Stream.of(
            OfferFeature.KIND_DISCOUNT,
            OfferFeature.KIND_BONUS_POINTS,
            OfferFeature.KIND_FREE_SHIPPING,
            OfferFeature.KIND_GIFT,
            OfferFeature.KIND_EXPERIENCE,
            OfferFeature.HAS_CATEGORY,
            OfferFeature.VALUE,
            OfferFeature.COST,
            OfferFeature.POINTS_COST,
            OfferFeature.MIN_TIER,
            OfferFeature.DAYS_LEFT,
            OfferFeature.KIND_CATEGORY_RATE,
            OfferFeature.CATEGORY_RATE)
        .mapToInt(Enum::ordinal)
        .toArray();
  }

  private static List<String> names() {
    List<String> names = new ArrayList<>();
    for (OfferFeature f : ALL) {
      names.add(f.featureName());
    }
    return names;
  }

  /**
   * The features of showing {@code offer} to the member on {@code day}.
   *
   * @param state the member's state holding only events on or before {@code day}, or null for a
   *     member Treue does not know (cold start)
   * @param day the UTC epoch day of the decision
   * @param offer the candidate
   * @param catalog offers by id, to learn the kind and category of past offers
   * @param priors the response model's redemption rates by kind and category
   */
  public static double[] vector(
      CustomerState state, int day, Offer offer, OfferCatalog catalog, OfferPriors priors) {
    return member(state, day, catalog, priors).vectorFor(offer);
  }

  /** The member's part of every vector on {@code day}; see {@link #vector}. */
  public static Member member(
      CustomerState state, int day, OfferCatalog catalog, OfferPriors priors) {
    return member(state, day, null, catalog, priors);
  }

  /**
   * As {@link #member(CustomerState, int, OfferCatalog, OfferPriors)}, with the member's churn
   * vector when the caller has computed it already.
   *
   * @param churn {@code ChurnFeatures.compute(state, day)} (not copied, not changed), or null to
   *     compute it here
   */
  public static Member member(
      CustomerState state, int day, double[] churn, OfferCatalog catalog, OfferPriors priors) {
    CustomerState s = state != null ? state : new CustomerState("");
    return new Member(
        s, day, churn != null ? churn : ChurnFeatures.compute(s, day), catalog, priors);
  }

  /**
   * Sets the features that come from the priors. Training computes its exposures before the priors
   * are fitted on them and sets these afterwards; the result equals computing with the priors.
   */
  public static void applyPriors(double[] v, Offer offer, OfferPriors priors) {
    set(v, OfferFeature.KIND_CATEGORY_RATE, priors.kindAndCategoryRate(offer));
    set(v, OfferFeature.CATEGORY_RATE, priors.categoryRate(offer));
  }

  /** A member on a day, ready to describe any offer; holds the per-kind and per-category history. */
  public static final class Member {
    private final CustomerState state;
    private final int day;
    private final double[] churn;
    private final double[] base = new double[ALL.length];
    private final int[] kindSent = new int[OfferKind.values().length];
    private final int[] kindRedeemed = new int[OfferKind.values().length];
    private final double[] kindRedeemedValue = new double[OfferKind.values().length];
    private final CategorySpend categorySpend;
    private final double positiveSpend;
    private final OfferHistories history;
    private final OfferCatalog catalog;
    private final OfferPriors priors;
    private final Map<String, Integer> categoryRedeemed = new java.util.HashMap<>();

    private Member(
        CustomerState s, int day, double[] churn, OfferCatalog catalog, OfferPriors priors) {
      this.state = s;
      this.priors = priors;
      this.day = day;
      this.churn = churn;
      this.catalog = catalog;
      this.categorySpend = s.categories();
      this.history = s.offers();
      double total = 0;
      for (int i = 0; i < categorySpend.size(); i++) {
        total += Math.max(0, categorySpend.spend(i));
      }
      positiveSpend = total;
      int lastRedeemed = NONE;
      int open = 0;
      for (int i = 0; i < history.size(); i++) {
        OfferHistory h = history.history(i);
        lastRedeemed = Math.max(lastRedeemed, h.lastRedeemedDay());
        Offer past = catalog.get(history.id(i));
        if (past == null) {
          continue;
        }
        int k = past.kind().ordinal();
        kindSent[k] += h.sent();
        kindRedeemed[k] += h.redeemed();
        kindRedeemedValue[k] += h.redeemed() * past.value();
        if (past.category() != null && h.redeemed() > 0) {
          categoryRedeemed.merge(past.category(), h.redeemed(), Integer::sum);
        }
        if (h.lastSentDay() != NONE
            && h.lastSentDay() > day - OPEN_OFFER_DAYS
            && h.redeemed() == 0
            && past.validOn(day)) {
          open++;
        }
      }
      copy(OfferFeature.RECENCY_DAYS, ChurnFeature.RECENCY_DAYS);
      copy(OfferFeature.TENURE_DAYS, ChurnFeature.TENURE_DAYS);
      copy(OfferFeature.FREQUENCY_90, ChurnFeature.FREQUENCY_90);
      copy(OfferFeature.FREQUENCY_365, ChurnFeature.FREQUENCY_365);
      copy(OfferFeature.MONETARY_365, ChurnFeature.MONETARY_365);
      copy(OfferFeature.AVG_BASKET_365, ChurnFeature.AVG_BASKET_365);
      copy(OfferFeature.PURCHASE_RATE, ChurnFeature.PURCHASE_RATE);
      copy(OfferFeature.TIER_RANK, ChurnFeature.TIER_RANK);
      copy(OfferFeature.POINTS_BALANCE, ChurnFeature.POINTS_BALANCE);
      copy(OfferFeature.APP_SESSIONS_90, ChurnFeature.APP_SESSIONS_90);
      copy(OfferFeature.EMAIL_OPENS_90, ChurnFeature.EMAIL_OPENS_90);
      copy(OfferFeature.DAYS_SINCE_ENGAGEMENT, ChurnFeature.DAYS_SINCE_ENGAGEMENT);
      copy(OfferFeature.OFFERS_SENT_365, ChurnFeature.OFFERS_SENT_365);
      copy(OfferFeature.OFFERS_REDEEMED_365, ChurnFeature.OFFERS_REDEEMED_365);
      copy(OfferFeature.OFFER_RESPONSE_RATE, ChurnFeature.OFFER_RESPONSE_RATE);
      set(
          base,
          OfferFeature.DAYS_SINCE_OFFER_REDEEMED,
          lastRedeemed == NONE
              ? ChurnFeatures.NEVER_DAYS
              : Math.min(ChurnFeatures.NEVER_DAYS, Math.max(0, day - lastRedeemed)));
      set(base, OfferFeature.OPEN_OFFERS, open);
    }

    private void copy(OfferFeature to, ChurnFeature from) {
      base[to.ordinal()] = churn[from.ordinal()];
    }

    /** The member's churn features on the day, as {@link ChurnFeatures#compute} gives them. */
    public double[] churnFeatures() {
      return churn;
    }

    /** The member's state (an empty one for an unknown member). */
    public CustomerState state() {
      return state;
    }

    /** The decision day. */
    public int day() {
      return day;
    }

    /** Share of the member's net spend in the category, 0 for none or no spend. */
    public double categoryShare(String category) {
      if (category == null || positiveSpend <= 0) {
        return 0;
      }
      return Math.max(0, categorySpend.get(category, 0.0)) / positiveSpend;
    }

    /** Offers of the kind sent to the member in the history window. */
    public int kindSent(OfferKind kind) {
      return kindSent[kind.ordinal()];
    }

    /** Offers of the kind the member redeemed in the history window. */
    public int kindRedeemed(OfferKind kind) {
      return kindRedeemed[kind.ordinal()];
    }

    /** The vector for one candidate offer. */
    public double[] vectorFor(Offer offer) {
      return vectorFor(offer, new double[ALL.length]);
    }

    /**
     * {@link #vectorFor(Offer)} written into {@code v} (at least {@link #size()} values, earlier
     * contents overwritten), so a ranking can reuse its rows instead of allocating one per offer.
     *
     * @return {@code v}
     */
    public double[] vectorFor(Offer offer, double[] v) {
      System.arraycopy(base, 0, v, 0, base.length);
      int k = offer.kind().ordinal();
      set(v, OfferFeature.KIND_DISCOUNT, k == OfferKind.DISCOUNT.ordinal() ? 1 : 0);
      set(v, OfferFeature.KIND_BONUS_POINTS, k == OfferKind.BONUS_POINTS.ordinal() ? 1 : 0);
      set(v, OfferFeature.KIND_FREE_SHIPPING, k == OfferKind.FREE_SHIPPING.ordinal() ? 1 : 0);
      set(v, OfferFeature.KIND_GIFT, k == OfferKind.GIFT.ordinal() ? 1 : 0);
      set(v, OfferFeature.KIND_EXPERIENCE, k == OfferKind.EXPERIENCE.ordinal() ? 1 : 0);
      set(v, OfferFeature.HAS_CATEGORY, offer.category() != null ? 1 : 0);
      set(v, OfferFeature.VALUE, offer.value());
      set(v, OfferFeature.COST, offer.cost());
      set(v, OfferFeature.POINTS_COST, offer.pointsCost());
      set(v, OfferFeature.MIN_TIER, offer.minTierRank());
      set(
          v,
          OfferFeature.DAYS_LEFT,
          Math.max(0, offer.validToDay() - Math.max(day, offer.validFromDay()) + 1));
      double basket = churn[ChurnFeature.AVG_BASKET_365.ordinal()];
      set(v, OfferFeature.VALUE_TO_BASKET, basket > 0 ? offer.value() / basket : 0);
      applyPriors(v, offer, priors);
      set(v, OfferFeature.CATEGORY_SPEND_SHARE, categoryShare(offer.category()));
      set(v, OfferFeature.KIND_SENT, kindSent[k]);
      set(v, OfferFeature.KIND_REDEEMED, kindRedeemed[k]);
      // Beta(1, 3) prior, as the churn features' response rate: no history looks like a 25%
      // responder.
      set(v, OfferFeature.KIND_RESPONSE_RATE, (kindRedeemed[k] + 1.0) / (kindSent[k] + 4.0));
      set(
          v,
          OfferFeature.CATEGORY_OFFERS_REDEEMED,
          offer.category() == null ? 0 : categoryRedeemed.getOrDefault(offer.category(), 0));
      OfferHistory same = history.get(offer.offerId());
      set(v, OfferFeature.SAME_OFFER_SENT, same == null ? 0 : same.sent());
      set(v, OfferFeature.SAME_OFFER_REDEEMED, same == null ? 0 : same.redeemed());
      long balance = state.pointsBalance();
      set(v, OfferFeature.POINTS_SHORTFALL, Math.max(0, offer.pointsCost() - balance));
      set(
          v,
          OfferFeature.POINTS_COVER,
          offer.pointsCost() <= 0
              ? MAX_COVER
              : Math.min(MAX_COVER, Math.max(0, balance) / (double) offer.pointsCost()));
      set(
          v,
          OfferFeature.KIND_REDEEMED_VALUE_RATIO,
          kindRedeemed[k] > 0 && kindRedeemedValue[k] > 0
              ? offer.value() / (kindRedeemedValue[k] / kindRedeemed[k])
              : 0);
      return v;
    }
  }

  private static void set(double[] v, OfferFeature f, double value) {
    v[f.ordinal()] = value;
  }
}
