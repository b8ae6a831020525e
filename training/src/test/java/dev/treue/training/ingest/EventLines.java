package dev.treue.training.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * CSV lines of a small, valid {@code events} table, and of the {@code customers} it names, that the
 * ingest tests add their cases to.
 */
final class EventLines {
  static final String HEADER =
      "event_id,customer_id,ts,type,amount,points,category,offer_id,channel";

  private EventLines() {}

  /** The header and twenty good purchases (g1..g20 of members c0..c2), so a few bad lines stay a small share. */
  static List<String> withTwentyPurchases() {
    List<String> lines = new ArrayList<>();
    lines.add(HEADER);
    for (int i = 1; i <= 20; i++) {
      lines.add(
          "g"
              + i
              + ",c"
              + (i % 3)
              + ",2024-01-0"
              + (1 + i % 9)
              + "T10:00:00+01:00,purchase,"
              + i
              + ".5,,books,,web");
    }
    return lines;
  }

  /** The header and the members c0..c2 of {@link #withTwentyPurchases}. */
  static List<String> threeCustomers() {
    return new ArrayList<>(
        List.of(
            "customer_id,signup_date,tier,segment",
            "c0,2023-01-01,gold,premium",
            "c1,2023-02-01,,",
            "c2,2023-03-01,silver,student"));
  }
}
