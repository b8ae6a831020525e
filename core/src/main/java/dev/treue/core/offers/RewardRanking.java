package dev.treue.core.offers;

import java.util.List;
import java.util.Map;

/**
 * The rewards for one member, best first.
 *
 * @param rewards the ranked, eligible rewards (at most the limit asked for)
 * @param coldStart true when the member was unknown and ranked on offer attributes alone
 * @param eligibleCount how many candidates passed every eligibility rule
 * @param excluded how many candidates each rule excluded (the first rule each failed)
 * @param policy the policy's label
 */
public record RewardRanking(
    List<RankedReward> rewards,
    boolean coldStart,
    int eligibleCount,
    Map<Ineligibility, Integer> excluded,
    String policy) {

  public RewardRanking {
    rewards = List.copyOf(rewards);
    excluded = Map.copyOf(excluded);
  }
}
