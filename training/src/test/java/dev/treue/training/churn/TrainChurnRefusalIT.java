package dev.treue.training.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.training.cli.TreueCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train churn} refuses, exiting non-zero with what it needs, a history too small or too
 * short to train on honestly, and registers nothing. Hand-built shops: every member buys on the
 * 10th of each month from their first month to the end of 2025.
 */
class TrainChurnRefusalIT {

  @Test
  void tooFewActiveMembersAtTheValidationCutoff(@TempDir Path tmp) throws IOException {
    Path data = shop(tmp, 30, LocalDate.parse("2024-01-10"));

    Run run = train(tmp, data);

    assertEquals(1, run.status, run.err);
    assertTrue(
        run.err.contains(
            "needs at least 100 active members with a complete horizon at the validation cutoff"
                + " 2025-08-31; found 30"),
        run.err);
    assertFalse(Files.exists(tmp.resolve("models/churn/CURRENT")), "nothing registered");
  }

  @Test
  void tooFewUsableTrainingCutoffs(@TempDir Path tmp) throws IOException {
    // 150 members who start buying in April 2025 (data ends 2025-12-10, so validation is
    // 2025-08-31):
    // April and May are the only training cutoffs after the first event a 90-day horizon leaves.
    Path data = shop(tmp, 150, LocalDate.parse("2025-04-10"));

    Run run = train(tmp, data);

    assertEquals(1, run.status, run.err);
    assertTrue(run.out.contains("lie before the first event (2025-04-10); left out"), run.out);
    assertTrue(
        run.err.contains(
            "Needs 3 training cutoff(s) with at least 100 active members each; found 2 of 2"
                + " planned"),
        run.err);
    assertFalse(Files.exists(tmp.resolve("models/churn/CURRENT")), "nothing registered");
  }

  private record Run(int status, String out, String err) {}

  private static Run train(Path tmp, Path data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    int status;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      // The planner reports on System.out.
      System.setOut(o);
      status =
          TreueCli.run(
              List.of(
                  "train",
                  "churn",
                  "--data",
                  data.toString(),
                  "--registry",
                  tmp.resolve("models").toString(),
                  "--work",
                  tmp.resolve("work").toString()),
              o,
              e);
    } finally {
      System.setOut(stdout);
    }
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** {@code members} members, each buying monthly from {@code firstPurchase} to 2025-12-10. */
  private static Path shop(Path tmp, int members, LocalDate firstPurchase) throws IOException {
    Path data = Files.createDirectories(tmp.resolve("data"));
    List<String> customers = new ArrayList<>();
    customers.add("customer_id,signup_date,tier,birth_date,segment,channel,profiling_consent");
    List<String> events = new ArrayList<>();
    events.add("event_id,customer_id,ts,type,amount,points,category,offer_id,channel");
    for (int m = 0; m < members; m++) {
      String id = String.format("c%04d", m);
      customers.add(id + ",2023-06-01,basic,1990-01-01,regular,web,true");
      int k = 0;
      for (LocalDate d = firstPurchase;
          !d.isAfter(LocalDate.parse("2025-12-31"));
          d = d.plusMonths(1)) {
        events.add(
            "e"
                + m
                + "-"
                + k++
                + ","
                + id
                + ","
                + d
                + "T12:00:00Z,purchase,"
                + (10 + m % 7)
                + ".00,,grocery,,web");
      }
    }
    Files.write(data.resolve("customers.csv"), customers);
    Files.write(data.resolve("events.csv"), events);
    return data;
  }
}
