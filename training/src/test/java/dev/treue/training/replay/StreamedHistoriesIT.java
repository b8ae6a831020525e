package dev.treue.training.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.treue.core.event.LoyaltyEvent;
import dev.treue.training.ingest.LoyaltySchemas;
import dev.treue.training.spark.SparkTestSession;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The streamed histories hold the members and events {@link MemberHistories#join} holds: a member
 * without events gets an empty history, events of a customer missing from the members are left out,
 * and a member's events come in replay order, ties on time settled by event id.
 */
class StreamedHistoriesIT {
  @Test
  void sameMembersAndHistoriesAsTheJoin() {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> members =
        spark.createDataFrame(
            List.of(
                RowFactory.create("quiet", 19_000, "basic", null, "regular", "app", true),
                RowFactory.create("busy", 19_000, "silver", 7_000, null, "web", true)),
            LoyaltySchemas.MEMBERS);
    List<Row> events = new ArrayList<>();
    // Same time: the event id decides (b-1 before b-2), whatever order the rows come in.
    events.add(event("b-2", "busy", 5_000L, "purchase", 10.0));
    events.add(event("b-1", "busy", 5_000L, "purchase", 20.0));
    events.add(event("b-0", "busy", 1_000L, "email_open", 0.0));
    events.add(event("x-1", "stranger", 2_000L, "purchase", 5.0));
    Dataset<Row> eventRows = spark.createDataFrame(events, LoyaltySchemas.EVENTS).repartition(3);

    Map<String, String> streamed = new TreeMap<>();
    for (String line :
        StreamedHistories.histories(members, eventRows)
            .mapPartitions(
                (FlatMapFunction<Iterator<StreamedHistories.History>, String>)
                    it -> {
                      List<String> out = new ArrayList<>();
                      while (it.hasNext()) {
                        StreamedHistories.History h = it.next();
                        out.add(h.member() + "|" + ids(h.events()));
                      }
                      return out.iterator();
                    })
            .collect()) {
      streamed.put(line.substring(0, line.indexOf('|')), line);
    }

    Map<String, String> joined = new TreeMap<>();
    for (Row r : MemberHistories.join(members, eventRows).collectAsList()) {
      String line = MemberReplay.member(r) + "|" + ids(MemberReplay.sortedEvents(r));
      joined.put(line.substring(0, line.indexOf('|')), line);
    }
    assertEquals(joined, streamed);
    assertEquals(2, streamed.size(), "the stranger's events are left out");
    assertEquals(
        List.of("b-0", "b-1", "b-2"),
        List.of(
            streamed.values().stream()
                .filter(l -> l.contains("busy"))
                .findFirst()
                .orElseThrow()
                .split("\\|")[1]
                .split(",")));
  }

  private static Row event(String id, String customer, long ts, String type, double amount) {
    return RowFactory.create(
        id, customer, ts, type, amount, 0L, type.equals("purchase") ? "coffee" : null, null, null);
  }

  private static String ids(List<LoyaltyEvent> events) {
    return String.join(",", events.stream().map(LoyaltyEvent::eventId).toList());
  }
}
