package dev.treue.core.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import dev.treue.core.feature.ChurnFeature;
import dev.treue.core.feature.ChurnFeatures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code customers} table's tier is the tier at export time: a state at a past cutoff, replayed
 * from {@link CustomerState#beforeHistory}, holds the tier the member had then, never one reached
 * later.
 */
class PointInTimeTierTest {
  private static final long DAY = 86_400_000L;
  private static final int SIGNUP = 19_000;

  private static Member member(String exportTier) {
    return new Member("m1", SIGNUP, exportTier, CustomerState.NONE, "vip", "app", true);
  }

  private static LoyaltyEvent buy(int n, int day) {
    return new LoyaltyEvent(
        "e" + n, "m1", day * DAY + 3_600_000L, EventType.PURCHASE, 40, 0, "grocery", null, null);
  }

  private static LoyaltyEvent tierChange(int n, int day, String tier) {
    return new LoyaltyEvent(
        "e" + n, "m1", day * DAY + 300_000L, EventType.TIER_CHANGE, 0, 0, tier, null, null);
  }

  /** The replay up to the end of {@code cutoff}, as every Spark job folds a history. */
  private static CustomerState stateAt(Member m, List<LoyaltyEvent> history, int cutoff) {
    List<LoyaltyEvent> sorted = new ArrayList<>(history);
    sorted.sort(LoyaltyEvent.REPLAY_ORDER);
    CustomerState s = CustomerState.beforeHistory(m, history);
    for (LoyaltyEvent e : sorted) {
      if (e.epochDay() <= cutoff) {
        s.apply(e);
      }
    }
    return s;
  }

  @Test
  void aMemberExportedGoldIsNotGoldBeforeTheChangeToGold() {
    Member gold = member("gold");
    List<LoyaltyEvent> history =
        List.of(buy(1, SIGNUP + 5), buy(2, SIGNUP + 40), tierChange(3, SIGNUP + 100, "gold"));
    CustomerState before = stateAt(gold, history, SIGNUP + 50);
    assertNotEquals(2, before.tierRank(), "the cutoff must not see the tier reached later");
    assertEquals(0, before.tierRank(), "members enter at basic");
    assertEquals(0, ChurnFeatures.compute(before, SIGNUP + 50)[ChurnFeature.TIER_RANK.ordinal()]);
    CustomerState after = stateAt(gold, history, SIGNUP + 100);
    assertEquals(2, after.tierRank());
    assertEquals(0, after.previousTierRank());
    assertEquals(CustomerState.NONE, after.lastDowngradeDay(), "basic to gold is an upgrade");
  }

  @Test
  void aFirstChangeToBasicIsADowngradeFromSilver() {
    Member basic = member("basic");
    List<LoyaltyEvent> history =
        List.of(buy(1, SIGNUP + 5), tierChange(2, SIGNUP + 100, "basic"), buy(3, SIGNUP + 120));
    CustomerState before = stateAt(basic, history, SIGNUP + 50);
    assertEquals(1, before.tierRank(), "a change to basic left a higher tier, at least silver");
    CustomerState after = stateAt(basic, history, SIGNUP + 130);
    assertEquals(0, after.tierRank());
    assertEquals(1, after.previousTierRank());
    assertEquals(SIGNUP + 100, after.lastDowngradeDay());
    assertEquals(
        30,
        ChurnFeatures.compute(after, SIGNUP + 130)[ChurnFeature.DAYS_SINCE_DOWNGRADE.ordinal()]);
  }

  @Test
  void withoutTierChangesTheExportTierHoldsThroughout() {
    Member platinum = member("platinum");
    List<LoyaltyEvent> history = List.of(buy(1, SIGNUP + 5), buy(2, SIGNUP + 40));
    assertEquals(3, stateAt(platinum, history, SIGNUP + 1).tierRank());
    assertEquals(3, stateAt(platinum, history, SIGNUP + 60).tierRank());
    assertEquals(0, stateAt(member(null), history, SIGNUP + 60).tierRank(), "unknown = basic");
  }

  @Test
  void theFirstChangeInReplayOrderDecidesWhateverTheInputOrder() {
    // same millisecond: the event id breaks the tie (e2 before e3), as in the replay
    List<LoyaltyEvent> history =
        List.of(
            tierChange(4, SIGNUP + 200, "silver"),
            tierChange(3, SIGNUP + 100, "gold"),
            tierChange(2, SIGNUP + 100, "basic"));
    assertEquals(1, TierLadder.rankBeforeHistory("silver", history));
    assertEquals(0, TierLadder.rankBeforeHistory("silver", history.subList(0, 2)));
  }

  @Test
  void theServiceFoldingLiveEventsFromBasicAgreesWithTheReplayAfterTheChange() {
    // a member the service first meets through events starts at basic (no profile)
    List<LoyaltyEvent> history =
        List.of(buy(1, SIGNUP + 5), tierChange(2, SIGNUP + 100, "basic"), buy(3, SIGNUP + 120));
    CustomerState live = new CustomerState("m1");
    for (LoyaltyEvent e : history) {
      live.apply(e);
    }
    CustomerState replayed = stateAt(member("basic"), history, SIGNUP + 130);
    assertEquals(replayed.tierRank(), live.tierRank());
    assertEquals(replayed.previousTierRank(), live.previousTierRank());
    assertEquals(replayed.lastDowngradeDay(), live.lastDowngradeDay());
    // a repeated change to basic once the tier moved is no new downgrade
    live.apply(tierChange(4, SIGNUP + 160, "basic"));
    assertEquals(SIGNUP + 100, live.lastDowngradeDay());
    // an upgrade first, as the generator's members: the service and the replay agree too
    CustomerState upLive = new CustomerState("m1");
    List<LoyaltyEvent> up = List.of(tierChange(1, SIGNUP + 30, "silver"), buy(2, SIGNUP + 31));
    up.forEach(upLive::apply);
    CustomerState upReplayed = stateAt(member("silver"), up, SIGNUP + 40);
    assertEquals(upReplayed.tierRank(), upLive.tierRank());
    assertEquals(upReplayed.previousTierRank(), upLive.previousTierRank());
    assertEquals(CustomerState.NONE, upLive.lastDowngradeDay());
  }
}
