package dev.treue.core.offers;

import dev.treue.core.feature.ChurnFeature;
import dev.treue.core.i18n.Language;
import dev.treue.core.reason.Reason;
import dev.treue.core.reason.ReasonWords;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Ranks a member's eligible rewards, the same way for the service and for batch scoring: eligibility
 * rules first ({@link OfferEligibility}), then one batched model call for every eligible offer, then
 * the policy's objective with its retention bonus, then slot by slot either the best remaining offer
 * or, with the exploration share, a uniformly drawn one. Stateless and thread safe.
 */
public final class RewardRanker {
  /**
   * Per thread, the vector rows of the ranking in progress, reused by the next: a ranking over 50
   * offers otherwise allocates 50 vectors per request. A predictor reads them during the call only.
   */
  private static final ThreadLocal<List<double[]>> ROWS = ThreadLocal.withInitial(ArrayList::new);

  private final RankingPolicy policy;
  private final String policyLabel;
  private final Currency currency;

  /** A ranker whose explanations quote money in the default programme currency (EUR). */
  public RewardRanker(RankingPolicy policy) {
    this(policy, ReasonWords.DEFAULT_CURRENCY);
  }

  /** A ranker whose explanations quote money ("€45.00 more spend to reach gold") in {@code currency}. */
  public RewardRanker(RankingPolicy policy, Currency currency) {
    if (policy == null || currency == null) {
      throw new IllegalArgumentException("a ranker needs a policy and a currency");
    }
    this.policy = policy;
    // Formatted once: every ranking carries it.
    this.policyLabel = policy.label();
    this.currency = currency;
  }

  /** This ranker without exploration: always the policy's best, money in the same currency. */
  public RewardRanker greedy() {
    return new RewardRanker(policy.greedy(), currency);
  }

  /** The policy this ranker applies. */
  public RankingPolicy policy() {
    return policy;
  }

  /** {@link RankingPolicy#label} of the policy, as every ranking carries it. */
  public String policyLabel() {
    return policyLabel;
  }

  /**
   * Ranks the input's candidates.
   *
   * @param in the member, the moment and the candidates
   * @param model the response model
   * @param limit how many rewards to return at most
   * @param rng the source of exploration draws (seed it for reproducible rankings)
   */
  public RewardRanking rank(
      RankingInput in, ResponsePredictor model, int limit, RandomGenerator rng) {
    return rank(in, model, limit, rng, Language.EN);
  }

  /**
   * Ranks the input's candidates, explanations in {@code language}.
   *
   * @see #rank(RankingInput, ResponsePredictor, int, RandomGenerator)
   */
  public RewardRanking rank(
      RankingInput in, ResponsePredictor model, int limit, RandomGenerator rng, Language language) {
    return rank(in, null, model, limit, rng, language);
  }

  /**
   * As {@link #rank(RankingInput, ResponsePredictor, int, RandomGenerator, Language)}, with the
   * member's churn vector when the caller has computed it already.
   *
   * @param churnFeatures {@code ChurnFeatures.compute(in.state(), in.day())}, or null to compute
   *     it here
   */
  public RewardRanking rank(
      RankingInput in,
      double[] churnFeatures,
      ResponsePredictor model,
      int limit,
      RandomGenerator rng,
      Language language) {
    Map<Ineligibility, Integer> excluded = new EnumMap<>(Ineligibility.class);
    OfferFeatures.Member member =
        OfferFeatures.member(in.state(), in.day(), churnFeatures, in.catalog(), model.priors());
    long points = member.state().pointsBalance();
    int tier = member.state().tierRank();
    List<Offer> eligible = new ArrayList<>();
    List<double[]> rows = ROWS.get();
    for (Offer offer : in.candidates()) {
      OfferEligibility.Context context =
          new OfferEligibility.Context(
              in.consent(),
              tier,
              points,
              in.timesIssued().applyAsInt(offer.offerId()),
              in.day(),
              in.channel(),
              in.budgetLeft().applyAsDouble(offer.offerId()));
      Optional<Ineligibility> why = OfferEligibility.check(offer, context);
      if (why.isPresent()) {
        excluded.merge(why.get(), 1, Integer::sum);
      } else {
        if (rows.size() == eligible.size()) {
          rows.add(new double[OfferFeatures.size()]);
        }
        member.vectorFor(offer, rows.get(eligible.size()));
        eligible.add(offer);
      }
    }
    boolean coldStart = in.state() == null;
    if (eligible.isEmpty() || limit <= 0) {
      return new RewardRanking(List.of(), coldStart, eligible.size(), excluded, policyLabel);
    }
    double[] p = model.predict(rows.subList(0, eligible.size()));
    double[] value = new double[p.length];
    double[] churn = member.churnFeatures();
    double basket = churn[ChurnFeature.AVG_BASKET_365.ordinal()];
    double margin = policy.marginRate() * (basket > 0 ? basket : policy.defaultBasket());
    double yearlyMargin =
        policy.marginRate() * Math.max(churn[ChurnFeature.MONETARY_365.ordinal()], margin);
    // Active members by churn risk, lapsed ones by the chance they have gone (RetentionSignal).
    RetentionSignal standing = in.retention();
    boolean atRisk = policy.retentionWeight() > 0 && standing.counts(policy.retentionThreshold());
    for (int i = 0; i < p.length; i++) {
      Offer o = eligible.get(i);
      value[i] =
          switch (policy.objective()) {
            case EXPECTED_PROFIT -> p[i] * (margin - o.cost());
            case REDEMPTIONS -> p[i];
            case MEMBER_VALUE -> p[i] * o.value();
          };
      if (atRisk) {
        value[i] += policy.retentionWeight() * p[i] * standing.weight() * yearlyMargin;
      }
    }
    return new RewardRanking(
        fillSlots(eligible, p, value, member, atRisk, in, limit, rng, language),
        coldStart,
        eligible.size(),
        excluded,
        policyLabel);
  }

  private List<RankedReward> fillSlots(
      List<Offer> eligible,
      double[] p,
      double[] value,
      OfferFeatures.Member member,
      boolean atRisk,
      RankingInput in,
      int limit,
      RandomGenerator rng,
      Language language) {
    List<Integer> remaining = new ArrayList<>();
    for (int i = 0; i < eligible.size(); i++) {
      remaining.add(i);
    }
    // Best first; ties go to the smaller offer id so equal inputs always rank alike.
    remaining.sort(
        (a, b) ->
            value[a] != value[b]
                ? Double.compare(value[b], value[a])
                : eligible.get(a).offerId().compareTo(eligible.get(b).offerId()));
    double epsilon = policy.explorationShare();
    List<RankedReward> out = new ArrayList<>();
    int slots = Math.min(limit, eligible.size());
    for (int slot = 0; slot < slots; slot++) {
      int n = remaining.size();
      boolean explore = epsilon > 0 && rng.nextDouble() < epsilon;
      int pick = explore ? rng.nextInt(n) : 0;
      int chosen = remaining.remove(pick);
      double propensity = (pick == 0 ? 1 - epsilon : 0) + epsilon / n;
      Offer offer = eligible.get(chosen);
      List<Reason> why =
          RewardExplanations.reasons(offer, p[chosen], member, atRisk, in.retention());
      out.add(
          new RankedReward(
              offer,
              slot + 1,
              p[chosen],
              value[chosen],
              propensity,
              explore,
              RewardExplanations.words(language, currency).render(why),
              why));
    }
    return out;
  }
}
