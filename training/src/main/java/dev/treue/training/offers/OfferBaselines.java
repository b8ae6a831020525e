package dev.treue.training.offers;

import dev.treue.core.offers.Offer;
import dev.treue.core.offers.OfferCatalog;
import dev.treue.training.report.OfferModelEvaluation;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The rankings the model must beat, each scored on the evaluation exposures with the same metrics:
 * <ul>
 *   <li>{@code popular}: the training redemption rate of the offer's kind and category (smoothed
 *       towards the kind's, then the overall rate), so a new offer gets a score;
 *   <li>{@code last_kind}: offers of the kind the member redeemed last first, then popular; its
 *       probability is the training rate of exposures with the same kind-match, kind and category;
 *   <li>{@code random}: a seeded random order, with the training base rate as probability;
 *   <li>{@code oracle}: the generator's true P(redeem) ({@code offer_truth.csv}), when present.
 * </ul>
 */
final class OfferBaselines {
  /** Pseudo-count pulling a small group's rate towards its parent's. */
  private static final double SMOOTHING = 20;

  private OfferBaselines() {}

  /** Scores and probabilities of one baseline on the evaluation exposures. */
  record Ranking(double[] scores, double[] probabilities) {}

  static Map<String, Ranking> rankings(
      Exposures train,
      Exposures eval,
      OfferCatalog catalog,
      long seed,
      Map<String, Double> oracle) {
    Map<String, Ranking> out = new LinkedHashMap<>();
    Rates popular = Rates.fit(train, i -> popularKey(catalog, train.offerIds()[i]), catalog);
    double[] pop = new double[eval.size()];
    for (int i = 0; i < pop.length; i++) {
      pop[i] =
          popular.rate(
              popularKey(catalog, eval.offerIds()[i]), kindOf(catalog, eval.offerIds()[i]));
    }
    out.put("popular", new Ranking(pop, pop));

    Rates matched = Rates.fit(train, i -> matchKey(catalog, train, i), catalog);
    double[] lastScore = new double[eval.size()];
    double[] lastP = new double[eval.size()];
    for (int i = 0; i < lastScore.length; i++) {
      boolean match = matches(catalog, eval, i);
      lastScore[i] = (match ? 1 : 0) + pop[i];
      lastP[i] = matched.rateOr(matchKey(catalog, eval, i), pop[i]);
    }
    out.put("last_kind", new Ranking(lastScore, lastP));

    SplittableRandom rnd = new SplittableRandom(seed);
    double[] random = new double[eval.size()];
    double[] base = new double[eval.size()];
    double rate = train.redemptionRate();
    for (int i = 0; i < random.length; i++) {
      random[i] = rnd.nextDouble();
      base[i] = rate;
    }
    out.put("random", new Ranking(random, base));

    if (!oracle.isEmpty()) {
      double[] truth = new double[eval.size()];
      for (int i = 0; i < truth.length; i++) {
        truth[i] =
            oracle.getOrDefault(
                OracleOffers.key(eval.customerIds()[i], eval.offerIds()[i], eval.sentDays()[i]),
                rate);
      }
      out.put(OfferModelEvaluation.ORACLE, new Ranking(truth, truth));
    }
    return out;
  }

  private static String kindOf(OfferCatalog catalog, String offerId) {
    return catalog.find(offerId).map(o -> o.kind().wireName()).orElse("?");
  }

  private static String popularKey(OfferCatalog catalog, String offerId) {
    Offer o = catalog.find(offerId).orElse(null);
    return o == null ? "?" : o.kind().wireName() + "|" + (o.category() == null ? "" : o.category());
  }

  private static boolean matches(OfferCatalog catalog, Exposures x, int i) {
    String last = x.lastRedeemedKinds()[i];
    return last != null && last.equals(kindOf(catalog, x.offerIds()[i]));
  }

  private static String matchKey(OfferCatalog catalog, Exposures x, int i) {
    return (matches(catalog, x, i) ? "same|" : "other|") + popularKey(catalog, x.offerIds()[i]);
  }

  /** Smoothed redemption rates by a key, with the offer kind's and the overall rate behind them. */
  private record Rates(Map<String, double[]> byKey, Map<String, double[]> byKind, double overall) {

    static Rates fit(Exposures train, Function<Integer, String> key, OfferCatalog catalog) {
      Map<String, double[]> byKey = new HashMap<>();
      Map<String, double[]> byKind = new HashMap<>();
      for (int i = 0; i < train.size(); i++) {
        double y = train.redeemed()[i] ? 1 : 0;
        add(byKey, key.apply(i), y);
        add(byKind, kindOf(catalog, train.offerIds()[i]), y);
      }
      return new Rates(byKey, byKind, train.redemptionRate());
    }

    private static void add(Map<String, double[]> m, String k, double y) {
      double[] c = m.computeIfAbsent(k, x -> new double[2]);
      c[0] += y;
      c[1]++;
    }

    double rate(String key, String kind) {
      double kindRate = smoothed(byKind.get(kind), overall);
      return smoothed(byKey.get(key), kindRate);
    }

    double rateOr(String key, double prior) {
      return smoothed(byKey.get(key), prior);
    }

    private static double smoothed(double[] c, double prior) {
      return c == null ? prior : (c[0] + SMOOTHING * prior) / (c[1] + SMOOTHING);
    }
  }
}
