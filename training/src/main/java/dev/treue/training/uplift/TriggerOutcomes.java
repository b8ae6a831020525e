package dev.treue.training.uplift;

import dev.treue.core.customer.Member;
import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import dev.treue.core.time.Days;
import dev.treue.core.trigger.FiringHistory;
import dev.treue.core.trigger.Holdout;
import dev.treue.core.trigger.TriggerKind;
import dev.treue.core.trigger.TriggerSettings;
import dev.treue.training.replay.StreamedHistories;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One member's outcomes after each trigger that fired for them in the period ({@link FiringHistory}, the
 * service's rules): for each kind, a row with the member's arm, whether an {@code offer_sent} reached them and
 * their purchases and spend in the {@code horizon} days after the kind's first firing (the firing event itself
 * not counted). A member for whom a kind did not fire gives no row for it.
 */
final class TriggerOutcomes implements FlatMapFunction<Iterator<StreamedHistories.History>, Row> {
  private static final long serialVersionUID = 1L;

  /** The rows' schema. */
  static final StructType SCHEMA =
      new StructType()
          .add("kind", DataTypes.StringType, false)
          .add("held_out", DataTypes.BooleanType, false)
          .add("contacted", DataTypes.LongType, false)
          .add("purchases", DataTypes.LongType, false)
          .add("spend", DataTypes.DoubleType, false);

  private final List<String> kinds;
  private final double share;
  private final String salt;
  private final int activeDays;
  private final int fromDay;
  private final int toDay;
  private final int horizonDays;

  TriggerOutcomes(
      List<TriggerKind> kinds,
      Holdout holdout,
      int activeDays,
      int fromDay,
      int toDay,
      int horizonDays) {
    this.kinds = kinds.stream().map(TriggerKind::wireName).toList();
    this.share = holdout.share();
    this.salt = holdout.salt();
    this.activeDays = activeDays;
    this.fromDay = fromDay;
    this.toDay = toDay;
    this.horizonDays = horizonDays;
  }

  /** The service's default parameters with exactly these kinds on. */
  static TriggerSettings settings(List<String> kinds) {
    TriggerSettings s = TriggerSettings.DEFAULTS;
    for (TriggerKind k : TriggerKind.values()) {
      s = s.with(k, kinds.contains(k.wireName()));
    }
    return s;
  }

  @Override
  public Iterator<Row> call(Iterator<StreamedHistories.History> rows) {
    return StreamedHistories.flatMap(rows, h -> outcomes(h.member(), h.events()));
  }

  /** One member's rows: a row for each kind that fired for them, from events in replay order. */
  private Iterator<Row> outcomes(Member member, List<LoyaltyEvent> sorted) {
    Map<TriggerKind, Long> fired =
        FiringHistory.firstFirings(member, sorted, settings(kinds), activeDays, fromDay, toDay);
    boolean heldOut = Holdout.of(share, salt).heldOut(member.customerId());
    List<Row> out = new ArrayList<>(fired.size());
    for (Map.Entry<TriggerKind, Long> f : fired.entrySet()) {
      long after = f.getValue();
      long end = after + horizonDays * Days.DAY_MILLIS;
      long contacted = 0;
      long purchases = 0;
      double spend = 0;
      for (LoyaltyEvent e : sorted) {
        if (e.tsMillis() <= after || e.tsMillis() > end) {
          continue;
        }
        if (e.type() == EventType.OFFER_SENT) {
          contacted = 1;
        } else if (e.type() == EventType.PURCHASE) {
          purchases++;
          spend += e.amount();
        }
      }
      out.add(RowFactory.create(f.getKey().wireName(), heldOut, contacted, purchases, spend));
    }
    return out.iterator();
  }
}
