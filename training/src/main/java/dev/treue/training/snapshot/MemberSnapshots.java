package dev.treue.training.snapshot;

import static dev.treue.core.time.Days.DAY_MILLIS;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.Member;
import dev.treue.core.customer.MemberStatus;
import dev.treue.core.customer.TierLadder;
import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import dev.treue.core.feature.ChurnFeatures;
import dev.treue.training.replay.StreamedHistories;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Replays one member's history through {@link CustomerState} and emits a snapshot row at each
 * cutoff: features from events up to the end of the cutoff day only, the label from the horizon
 * after it. One pass per member serves every cutoff, because cutoffs are visited in order.
 *
 * <p>Rows are made as Spark holds them ({@link InternalRow} in {@link SnapshotSchema#SCHEMA}): the
 * member's id and segment encoded once for all their cutoffs, the tier and status names once, the
 * features copied once into Spark's array; from {@code Row}s Spark encoded every field of every row
 * again (about 9% of the job's profile at six cutoffs).
 */
final class MemberSnapshots
    implements FlatMapFunction<Iterator<StreamedHistories.History>, InternalRow> {
  private static final long serialVersionUID = 1L;

  /** {@link TierLadder#name} of each rank, as Spark's strings. */
  private static final UTF8String[] TIERS =
      TierLadder.NAMES.stream().map(UTF8String::fromString).toArray(UTF8String[]::new);

  /** {@link MemberStatus#wireName} of each status, by ordinal, as Spark's strings. */
  private static final UTF8String[] STATUSES =
      Arrays.stream(MemberStatus.values())
          .map(s -> UTF8String.fromString(s.wireName()))
          .toArray(UTF8String[]::new);

  private final int[] cutoffDays;
  private final int horizonDays;
  private final int dataEndDay;
  private final int activeDays;

  /**
   * @param cutoffDays ascending UTC epoch days
   * @param horizonDays label window length
   * @param dataEndDay last day with data; labels whose window passes it are null
   * @param activeDays activity window of {@link MemberStatus} for each row's status
   */
  MemberSnapshots(int[] cutoffDays, int horizonDays, int dataEndDay, int activeDays) {
    this.cutoffDays = cutoffDays.clone();
    Arrays.sort(this.cutoffDays);
    this.horizonDays = horizonDays;
    this.dataEndDay = dataEndDay;
    this.activeDays = activeDays;
  }

  /** Snapshots of each member of a partition of {@link StreamedHistories#histories}, lazily. */
  @Override
  public Iterator<InternalRow> call(Iterator<StreamedHistories.History> rows) {
    return StreamedHistories.flatMap(rows, h -> snapshots(h.member(), h.events()).iterator());
  }

  /** One member's rows: events sorted in replay order. */
  List<InternalRow> snapshots(Member member, List<LoyaltyEvent> events) {
    // Cutoffs ascend: if the first has no label, none has.
    int[] purchaseDays =
        cutoffDays.length > 0 && labelled(cutoffDays[0]) ? purchaseDays(events) : null;

    List<InternalRow> out = new ArrayList<>(cutoffDays.length);
    UTF8String id = UTF8String.fromString(member.customerId());
    UTF8String segment = UTF8String.fromString(member.segment()); // null for null
    CustomerState state = CustomerState.beforeHistory(member, events);
    int next = 0;
    for (int cutoff : cutoffDays) {
      long endMillis = (cutoff + 1L) * DAY_MILLIS;
      while (next < events.size() && events.get(next).tsMillis() < endMillis) {
        // Out-of-range events are left out, as MemberReplay and the service do.
        state.applyUnlessRefused(events.get(next++));
      }
      if (member.signupEpochDay() > cutoff) {
        continue;
      }
      double[] features = ChurnFeatures.compute(state, cutoff);
      out.add(
          new GenericInternalRow(
              new Object[] {
                id,
                cutoff,
                UnsafeArrayData.fromPrimitiveArray(features),
                label(purchaseDays, cutoff),
                TIERS[TierLadder.index(state.tierRank())],
                segment,
                state.lastPurchaseDay() == CustomerState.NONE ? null : state.lastPurchaseDay(),
                STATUSES[MemberStatus.of(state, cutoff, activeDays).ordinal()]
              }));
    }
    return out;
  }

  /**
   * 1 when no purchase falls in (cutoff, cutoff + horizon], null when the window is incomplete.
   *
   * @param purchaseDays the member's purchase days, ascending; null when no cutoff has a label
   */
  private Integer label(int[] purchaseDays, int cutoff) {
    if (!labelled(cutoff)) {
      return null;
    }
    int i = Arrays.binarySearch(purchaseDays, cutoff + 1);
    int first = i >= 0 ? i : -i - 1;
    // binarySearch may land on any of several equal days; step back to the first one.
    while (first > 0 && purchaseDays[first - 1] >= cutoff + 1) {
      first--;
    }
    boolean bought = first < purchaseDays.length && purchaseDays[first] <= cutoff + horizonDays;
    return bought ? 0 : 1;
  }

  /** Whether the label window after {@code cutoff} lies whole before the data's end. */
  private boolean labelled(int cutoff) {
    return cutoff + horizonDays <= dataEndDay;
  }

  private static int[] purchaseDays(List<LoyaltyEvent> sorted) {
    int[] days = new int[sorted.size()];
    int n = 0;
    for (LoyaltyEvent e : sorted) {
      if (e.type() == EventType.PURCHASE) {
        days[n++] = e.epochDay();
      }
    }
    return Arrays.copyOf(days, n);
  }
}
