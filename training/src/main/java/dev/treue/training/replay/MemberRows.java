package dev.treue.training.replay;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.Member;
import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/** Reads the member-with-history rows that {@link SnapshotJob} builds back into core types. */
final class MemberRows {
  /** Column holding the member's events as a list of structs. */
  static final String EVENTS = "events";

  private MemberRows() {}

  static Member member(Row row) {
    Integer birth = row.getAs("birth_day");
    Boolean consent = row.getAs("profiling_consent");
    return new Member(
        row.getAs("customer_id"),
        row.<Integer>getAs("signup_day"),
        row.getAs("tier"),
        birth == null ? CustomerState.NONE : birth,
        row.getAs("segment"),
        row.getAs("channel"),
        consent == null || consent);
  }

  static List<LoyaltyEvent> events(Row row) {
    String customerId = row.getAs("customer_id");
    int index = row.fieldIndex(EVENTS);
    if (row.isNullAt(index)) {
      return new ArrayList<>();
    }
    List<Row> structs = row.getList(index);
    List<LoyaltyEvent> events = new ArrayList<>(structs.size());
    for (Row e : structs) {
      Double amount = e.getAs("amount");
      Long points = e.getAs("points");
      events.add(
          new LoyaltyEvent(
              e.getAs("event_id"),
              customerId,
              e.<Long>getAs("ts_millis"),
              EventType.fromWire(e.getAs("type")),
              amount == null ? 0 : amount,
              points == null ? 0 : points,
              e.getAs("category"),
              e.getAs("offer_id"),
              null));
    }
    return events;
  }
}
