package dev.treue.training.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.treue.core.event.EventType;
import dev.treue.training.spark.SparkTestSession;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * {@code ./treue score --as-of} a past day lists the tier each member held on that day, not the
 * export-time tier of the {@code customers} table: tier changes after the as-of day are not folded,
 * but they say where the member stood before them.
 */
class PastAsOfTierIT {
  private static final long DAY = 86_400_000L;
  private static final LocalDate AS_OF = LocalDate.parse("2025-06-30");
  private static final int SIGNUP = Math.toIntExact(LocalDate.parse("2024-01-15").toEpochDay());

  private static final StructType MEMBERS =
      new StructType()
          .add("customer_id", DataTypes.StringType, false)
          .add("signup_day", DataTypes.IntegerType, false)
          .add("tier", DataTypes.StringType, true)
          .add("birth_day", DataTypes.IntegerType, true)
          .add("segment", DataTypes.StringType, true)
          .add("channel", DataTypes.StringType, true)
          .add("profiling_consent", DataTypes.BooleanType, false);

  private static final StructType EVENTS =
      new StructType()
          .add("event_id", DataTypes.StringType, false)
          .add("customer_id", DataTypes.StringType, false)
          .add("ts_millis", DataTypes.LongType, false)
          .add("type", DataTypes.StringType, false)
          .add("amount", DataTypes.DoubleType, true)
          .add("points", DataTypes.LongType, true)
          .add("category", DataTypes.StringType, true)
          .add("offer_id", DataTypes.StringType, true)
          .add("channel", DataTypes.StringType, true);

  private final List<Row> members = new ArrayList<>();
  private final List<Row> events = new ArrayList<>();

  private void member(String id, String exportTier) {
    members.add(RowFactory.create(id, SIGNUP, exportTier, null, "vip", "app", true));
    // a purchase a week before the as-of day: an active member, scored
    event(id, "p", AS_OF.minusDays(7), EventType.PURCHASE, "grocery");
  }

  private void event(String id, String n, LocalDate day, EventType type, String category) {
    events.add(
        RowFactory.create(
            id + "-" + n,
            id,
            day.toEpochDay() * DAY + 3_600_000L,
            type.wireName(),
            type == EventType.PURCHASE ? 60.0 : null,
            null,
            category,
            null,
            null));
  }

  @Test
  void aPastAsOfListsTheTierHeldThen() {
    member("gold-later", "gold");
    event("gold-later", "t", AS_OF.plusDays(40), EventType.TIER_CHANGE, "gold");
    member("down-later", "basic");
    event("down-later", "t", AS_OF.plusDays(10), EventType.TIER_CHANGE, "basic");
    member("silver-before", "gold");
    event("silver-before", "t1", AS_OF.minusDays(100), EventType.TIER_CHANGE, "silver");
    event("silver-before", "t2", AS_OF.plusDays(1), EventType.TIER_CHANGE, "gold");
    member("platinum-throughout", "platinum");

    SparkSession spark = SparkTestSession.get();
    Dataset<Row> list =
        BatchScoring.atRiskList(
            spark,
            spark.createDataFrame(members, MEMBERS),
            spark.createDataFrame(events, EVENTS),
            AtRiskExportParityIT.scorer(),
            AS_OF,
            0.4);
    Map<String, String> tiers = new HashMap<>();
    for (Row r : list.collectAsList()) {
      tiers.put(r.getAs("customer_id"), r.getAs("tier"));
    }
    assertEquals("basic", tiers.get("gold-later"), "gold only after the as-of day");
    assertEquals("silver", tiers.get("down-later"), "a change to basic left at least silver");
    assertEquals("silver", tiers.get("silver-before"));
    assertEquals("platinum", tiers.get("platinum-throughout"), "no change: the export tier");
  }
}
