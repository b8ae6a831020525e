package dev.treue.training.report;

import dev.treue.core.customer.MemberStatus;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many members were in each {@link MemberStatus} group at one cutoff (members who had joined by
 * then and gave profiling consent).
 *
 * @param cutoff the cutoff day
 * @param active members with a purchase in the activity window: the churn model's population
 * @param lapsed members who bought before but not within the window
 * @param neverPurchased members without any purchase yet
 */
public record CutoffPopulation(LocalDate cutoff, long active, long lapsed, long neverPurchased) {

  /** The count of one group. */
  public long count(MemberStatus status) {
    return switch (status) {
      case ACTIVE -> active;
      case LAPSED -> lapsed;
      case NEVER_PURCHASED -> neverPurchased;
    };
  }

  /** {@code {active, lapsed, never_purchased}}, the shape of metrics.json's {@code population}. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    for (MemberStatus s : MemberStatus.values()) {
      map.put(s.wireName(), count(s));
    }
    return map;
  }
}
