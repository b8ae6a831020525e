package dev.treue.serving.rewards;

import dev.treue.core.churn.WinBack;
import dev.treue.core.customer.CustomerState;
import dev.treue.core.feature.ChurnFeatures;
import dev.treue.core.i18n.Language;
import dev.treue.core.offers.RankedReward;
import dev.treue.core.offers.RankingInput;
import dev.treue.core.offers.RetentionSignal;
import dev.treue.core.offers.RewardRanker;
import dev.treue.core.offers.RewardRanking;
import dev.treue.serving.auth.ApiKey;
import dev.treue.serving.models.ServingModel;
import dev.treue.serving.offers.OfferCatalogCache;
import dev.treue.serving.redis.PipelinedPasses;
import dev.treue.serving.redis.RedisAccess;
import dev.treue.serving.scoring.ChurnRiskService;
import dev.treue.store.MemberReader;
import dev.treue.store.RankingLog;
import dev.treue.store.RedisKeys;
import dev.treue.store.StoredMember;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Ranks a member's rewards for now, on a worker thread: the tenant's live offers (cached copy), the
 * member's stored state, standing for the retention bonus ({@link #retention}) and grants so far (from the member's slot), what is left
 * of each budget (cached for about a second), then core's {@link RewardRanker} with the offer model,
 * and finally one entry in the tenant's ranking log with the propensity of every shown offer. The
 * Redis reads and the log's append share pipelines with concurrent requests ({@link #rank}).
 * Unknown members (no stored state) are ranked on offer attributes alone (cold start) with the churn
 * model's base rate, and their rankings are not logged.
 */
public final class RewardsService {
  /**
   * A ranking as served.
   *
   * @param rankingId the id logged with it
   * @param customerId the member
   * @param ranking the ranked rewards
   * @param offerModel the offer model that predicted
   * @param churnModel the churn model that gave the churn probability
   * @param retention what the retention bonus used: an active member's churn probability (the base
   *     rate for a cold start), a lapsed member's win-back view, nothing for a member who never
   *     purchased; null when the member opted out
   * @param optedOut the member opted out of profiling; nothing was ranked or logged
   * @param day the UTC day ranked for
   * @param servedAtMillis when it was served
   */
  public record Served(
      String rankingId,
      String customerId,
      RewardRanking ranking,
      OfferModel offerModel,
      ServingModel churnModel,
      RetentionSignal retention,
      boolean optedOut,
      int day,
      long servedAtMillis) {}

  private final RedisAccess redis;
  private final OfferCatalogCache catalog;
  private final BudgetCache budgets;
  private final MemberReader reader;
  private final ChurnRiskService scoring;
  private final RewardRanker ranker;
  private final RewardRanker greedy;
  private final RankingLog log;
  private final Clock clock;

  /**
   * @param reader the service's one member reader
   * @param budgetTtl how long this instance ranks with a budget read before reading it again
   * @param clock the wall clock for ranking log timestamps (the day ranked for is the scoring clock's)
   */
  public RewardsService(
      RedisAccess redis,
      MemberReader reader,
      OfferCatalogCache catalog,
      Duration budgetTtl,
      ChurnRiskService scoring,
      RewardRanker ranker,
      RankingLog log,
      Clock clock) {
    this.redis = redis;
    this.catalog = catalog;
    this.budgets = new BudgetCache(redis, budgetTtl);
    this.reader = reader;
    this.scoring = scoring;
    this.ranker = ranker;
    this.greedy = ranker.greedy();
    this.log = log;
    this.clock = clock;
  }

  /** The policy's label, as logged. */
  public String policy() {
    return ranker.policyLabel();
  }

  /** The language of answers whose request names none. */
  public Language language() {
    return scoring.language();
  }

  /**
   * Ranks and logs, explanations in {@code language}, as steps of the service's shared pipelines
   * ({@link RedisAccess#pipelined}): the member and its grants are read with the pass's other
   * requests and ranked on the reader thread; the ranking log's entry goes out with the next pass,
   * and the answer comes only once it is written.
   *
   * @param channel where the rewards will be shown, lower case, or null for any
   */
  public PipelinedPasses.Step<Served> rank(
      ApiKey key,
      String customerId,
      String channel,
      int limit,
      OfferModel offerModel,
      ServingModel churnModel,
      Language language) {
    return serve(key, customerId, channel, limit, offerModel, churnModel, language, false);
  }

  /**
   * The ranking {@link #rank} would give the member now, for a person looking at the member (the
   * dashboard's member page) rather than for the member: without exploration (the policy's best,
   * so propensity 1) and without an entry in the ranking log, since nothing is shown to the member;
   * {@code rankingId} is null.
   */
  public PipelinedPasses.Step<Served> preview(
      ApiKey key,
      String customerId,
      String channel,
      int limit,
      OfferModel offerModel,
      ServingModel churnModel,
      Language language) {
    return serve(key, customerId, channel, limit, offerModel, churnModel, language, true);
  }

  private PipelinedPasses.Step<Served> serve(
      ApiKey key,
      String customerId,
      String channel,
      int limit,
      OfferModel offerModel,
      ServingModel churnModel,
      Language language,
      boolean preview) {
    RedisKeys keys = key.keys();
    return pipeline -> {
      Supplier<MemberReader.WithGrants> reply =
          MemberReader.readWithGrants(pipeline, keys, customerId);
      return () -> {
        Ranked ranked =
            rank(
                keys,
                reply.get(),
                customerId,
                channel,
                limit,
                offerModel,
                churnModel,
                language,
                preview);
        if (ranked.logged() == null) {
          return PipelinedPasses.Outcome.answer(ranked.served());
        }
        return PipelinedPasses.Outcome.then(
            next -> {
              Supplier<String> appended = log.append(next, keys, ranked.logged());
              return () -> {
                appended.get();
                return PipelinedPasses.Outcome.answer(ranked.served());
              };
            });
      };
    };
  }

  /** A ranking and the log entry to write for it (null when it is not logged). */
  private record Ranked(Served served, RankingLog.Entry logged) {}

  private Ranked rank(
      RedisKeys keys,
      MemberReader.WithGrants read,
      String customerId,
      String channel,
      int limit,
      OfferModel offerModel,
      ServingModel churnModel,
      Language language,
      boolean preview) {
    int day = scoring.today();
    long now = clock.millis();
    StoredMember member = read.member();
    if (member.optedOut()) {
      return new Ranked(
          new Served(null, customerId, null, offerModel, churnModel, null, true, day, now), null);
    }
    CustomerState state = member.customerState();
    // One base vector for both: the offer features use it as it is, the churn model with the
    // lifetime features filled in.
    double[] base = state == null ? null : ChurnFeatures.compute(state, day);
    RetentionSignal churn = retention(churnModel, state, base, day);
    RewardRanking ranking =
        ranking(
            keys,
            customerId,
            state,
            base,
            read.grants(),
            day,
            channel,
            churn,
            limit,
            preview ? greedy : ranker,
            offerModel,
            language);
    if (preview) {
      return new Ranked(
          new Served(null, customerId, ranking, offerModel, churnModel, churn, false, day, now),
          null);
    }
    String rankingId = rankingId();
    Served served =
        new Served(rankingId, customerId, ranking, offerModel, churnModel, churn, false, day, now);
    if (!member.known()) {
      // Only members with stored state are logged: anyone can ask for made-up ids, and their
      // rankings would push real impressions out of the capped log (and training has no events
      // to join them with).
      return new Ranked(served, null);
    }
    List<RankingLog.Shown> shown = new ArrayList<>(ranking.rewards().size());
    for (RankedReward r : ranking.rewards()) {
      shown.add(
          new RankingLog.Shown(r.offer().offerId(), r.position(), r.propensity(), r.explored()));
    }
    return new Ranked(
        served,
        new RankingLog.Entry(
            rankingId,
            customerId,
            now,
            ranking.policy(),
            offerModel.version(),
            ranking.coldStart(),
            shown));
  }

  /**
   * The top of the ranking {@link #rank} would give the member now for any channel, without
   * exploration (the policy's best, not a random draw) and without an entry in the ranking log (it
   * is no impression): what a trigger firing carries as its {@code best_reward}. Reads the member's
   * grants; the catalogue and budgets come from the same caches as {@link #rank}.
   *
   * @param state the member's state (for a fold, the state about to be written)
   * @return the best eligible reward, or null when no offer is eligible
   */
  public RankedReward best(
      RedisKeys keys, CustomerState state, OfferModel offerModel, ServingModel churnModel) {
    int day = scoring.today();
    String customerId = state.customerId();
    Map<String, Integer> issued = redis.timed("read_grants", () -> reader.grants(keys, customerId));
    double[] base = state == null ? null : ChurnFeatures.compute(state, day);
    RewardRanking ranking =
        ranking(
            keys,
            customerId,
            state,
            base,
            issued,
            day,
            null,
            retention(churnModel, state, base, day),
            1,
            greedy,
            offerModel,
            scoring.language());
    return ranking.rewards().isEmpty() ? null : ranking.rewards().get(0);
  }

  /** What {@link #rank} and {@link #best} share: candidates, grants and budgets, then the ranker. */
  private RewardRanking ranking(
      RedisKeys keys,
      String customerId,
      CustomerState state,
      double[] base,
      Map<String, Integer> issued,
      int day,
      String channel,
      RetentionSignal churn,
      int limit,
      RewardRanker ranker,
      OfferModel offerModel,
      Language language) {
    OfferCatalogCache.View view = catalog.view(keys);
    Map<String, Long> left = budgets.leftCents(keys, view.snapshot().version(), view.active());
    RankingInput in =
        new RankingInput(
            customerId,
            state,
            day,
            channel,
            churn,
            true,
            view.catalog(),
            view.active(),
            id -> issued.getOrDefault(id, 0),
            id -> BudgetCache.money(left.get(id)));
    return ranker.rank(in, base, offerModel.scorer(), limit, ThreadLocalRandom.current(), language);
  }

  /**
   * The member's standing for the retention bonus, by the churn bundle's {@code MemberStatus}: only
   * an active member has a churn probability (a cold start the model's base rate); a lapsed member
   * is weighed by the chance they have gone, 1 - P(alive); a member who never purchased gets none.
   */
  static RetentionSignal retention(ServingModel churnModel, CustomerState state, int day) {
    return retention(
        churnModel, state, state == null ? null : ChurnFeatures.compute(state, day), day);
  }

  /**
   * As {@link #retention(ServingModel, CustomerState, int)}, from the member's vector without the
   * lifetime features ({@code ChurnFeatures.compute(state, day)}), which the ranking uses too.
   */
  static RetentionSignal retention(
      ServingModel churnModel, CustomerState state, double[] base, int day) {
    if (state == null) {
      return RetentionSignal.churnRisk(churnModel.trainingBaseRate());
    }
    return switch (churnModel.status(state, day)) {
      case ACTIVE -> RetentionSignal.churnRisk(churnModel.probability(churnModel.features(base)));
      case LAPSED ->
          RetentionSignal.winBack(
              WinBack.of(state, churnModel.features(base), day).probabilityAlive());
      case NEVER_PURCHASED -> RetentionSignal.notActivated();
    };
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /**
   * 96 random bits, enough that two rankings never share an id: {@code rk-} and 24 lower-case hex
   * digits, as {@code String.format("rk-%016x%08x", long, int)} would write them (a Formatter per
   * ranking was 3.4 KB of garbage).
   */
  static String rankingId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return rankingId(r.nextLong(), r.nextInt());
  }

  static String rankingId(long high, int low) {
    char[] id = new char[3 + 16 + 8];
    id[0] = 'r';
    id[1] = 'k';
    id[2] = '-';
    for (int i = 0; i < 16; i++) {
      id[3 + i] = HEX[(int) (high >>> (60 - 4 * i)) & 0xf];
    }
    for (int i = 0; i < 8; i++) {
      id[19 + i] = HEX[(low >>> (28 - 4 * i)) & 0xf];
    }
    return new String(id);
  }
}
