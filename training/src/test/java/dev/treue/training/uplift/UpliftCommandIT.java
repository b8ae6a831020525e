package dev.treue.training.uplift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.treue.core.trigger.Holdout;
import dev.treue.store.RedisKeys;
import dev.treue.store.RedisTestServers;
import dev.treue.store.UpliftDocuments;
import dev.treue.training.cli.TreueCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@code ./treue uplift} on a small written data set, against a plain recount of the rows written: members
 * signed up after the period are left out, contacts before the period and purchases outside the outcome
 * window do not count, and the group is the service's hash.
 */
class UpliftCommandIT {
  private static final int MEMBERS = 600;
  private static final Holdout GROUP = Holdout.of(0.2, "it-salt");

  @TempDir static Path dir;

  /** One purchase as written: member and amount, and whether it falls in the outcome window. */
  private record Purchase(String member, double amount, boolean inWindow) {}

  private static final List<String> CONTACTED = new ArrayList<>();
  private static final List<Purchase> PURCHASES = new ArrayList<>();

  @BeforeAll
  static void write() throws Exception {
    StringBuilder members =
        new StringBuilder(
            "customer_id,signup_date,tier,birth_date,segment,channel,profiling_consent\n");
    StringBuilder events =
        new StringBuilder("event_id,customer_id,ts,type,amount,points,category,offer_id,channel\n");
    int[] seq = {0};
    for (int i = 0; i < MEMBERS; i++) {
      String id = String.format("u%03d", i);
      members.append(id).append(",2023-01-01,basic,,regular,app,true\n");
      boolean held = GROUP.heldOut(id);
      if (!held && i % 3 != 0) {
        event(events, seq, id, "2024-03-10T09:00:00Z", "offer_sent", "");
        CONTACTED.add(id);
        purchase(events, seq, id, "2024-03-12T10:00:00Z", 20 + i % 5, true);
        purchase(events, seq, id, "2024-04-02T10:00:00Z", 15, true);
      }
      if (i % 10 == 0) {
        // Before the period: not a contact of it.
        event(events, seq, id, "2024-02-15T09:00:00Z", "offer_sent", "");
      }
      if (i % 2 == 0) {
        purchase(events, seq, id, "2024-04-05T12:00:00+02:00", 10 + i % 7, true);
      }
      if (i % 11 == 0) {
        purchase(events, seq, id, "2024-04-30T23:30:00Z", 7, true);
      }
      if (i % 13 == 0) {
        purchase(events, seq, id, "2024-05-01T00:00:00Z", 99, false);
      }
      purchase(events, seq, id, "2024-02-20T10:00:00Z", 50, false);
    }
    // Signed up after the period: not assigned, whatever they did.
    members.append("late1,2024-04-10,basic,,regular,app,true\n");
    purchase(events, seq, "late1", "2024-04-11T10:00:00Z", 30, false);
    Files.writeString(dir.resolve("customers.csv"), members, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("events.csv"), events, StandardCharsets.UTF_8);
  }

  private static void event(
      StringBuilder b, int[] seq, String id, String ts, String type, String amount) {
    b.append("x")
        .append(seq[0]++)
        .append(',')
        .append(id)
        .append(',')
        .append(ts)
        .append(',')
        .append(type)
        .append(',')
        .append(amount)
        .append(",,coffee,")
        .append(type.equals("offer_sent") ? "o001" : "")
        .append(",app\n");
  }

  private static void purchase(
      StringBuilder b, int[] seq, String id, String ts, double amount, boolean in) {
    event(b, seq, id, ts, "purchase", String.valueOf(amount));
    PURCHASES.add(new Purchase(id, amount, in));
  }

  private static JsonNode run(String share, String out, String... more) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "uplift",
                "--data",
                dir.toString(),
                "--from",
                "2024-03-01",
                "--to",
                "2024-03-31",
                "--horizon",
                "30",
                "--holdout-share",
                share,
                "--salt",
                "it-salt",
                "--work",
                dir.resolve("work").toString(),
                "--out",
                dir.resolve(out).toString()));
    args.addAll(List.of(more));
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    int status =
        TreueCli.run(args, new PrintStream(text, true, StandardCharsets.UTF_8), System.err);
    System.out.print(text.toString(StandardCharsets.UTF_8));
    assertEquals(0, status, text.toString(StandardCharsets.UTF_8));
    return new ObjectMapper().readTree(dir.resolve(out).resolve("uplift.json").toFile());
  }

  /** The arm recounted from the rows written. */
  private static Arm recount(Holdout group, boolean heldOut) {
    Arm arm = Arm.EMPTY;
    for (int i = 0; i < MEMBERS; i++) {
      String id = String.format("u%03d", i);
      if (group.heldOut(id) != heldOut) {
        continue;
      }
      long n = 0;
      double spend = 0;
      for (Purchase p : PURCHASES) {
        if (p.member().equals(id) && p.inWindow()) {
          n++;
          spend += p.amount();
        }
      }
      arm = arm.plus(CONTACTED.contains(id), n, spend);
    }
    return arm;
  }

  private static void same(Arm expected, JsonNode actual) {
    assertEquals(expected.members(), actual.get("members").asLong());
    assertEquals(expected.contacted(), actual.get("contacted").asLong());
    assertEquals(expected.retained(), actual.get("retained").asLong());
    assertEquals(expected.purchases(), actual.get("purchases").asDouble(), 1e-9);
    assertEquals(expected.spend(), actual.get("spend").asDouble(), 1e-6);
    // Money is written to the cent, not as a double's sum ("2683466.200000018").
    String spend = actual.get("spend").toString();
    assertTrue(spend.matches("-?[0-9]+(\\.[0-9]{1,2})?"), "spend " + spend);
  }

  @Test
  void theArmsAreTheRecountAndTheVerdictFollowsTheInterval() throws Exception {
    JsonNode r = run("0.2", "big");
    Arm treated = recount(GROUP, false);
    Arm held = recount(GROUP, true);
    same(treated, r.get("treated"));
    same(held, r.get("held_out"));
    assertEquals(MEMBERS, treated.members() + held.members(), "late1 signed up after the period");
    assertEquals(0, held.contacted(), "the February contacts are outside the period");
    UpliftEstimate expected = UpliftEstimate.of(treated, held);
    JsonNode retention = r.get("metrics").get(0);
    assertEquals("retention", retention.get("metric").asText());
    assertEquals(expected.retention().low(), retention.get("low").asDouble(), 1e-12);
    assertEquals(expected.retention().perContact(), retention.get("per_contact").asDouble(), 1e-12);
    // Contacted members buy twice more here: the difference is plain.
    for (JsonNode m : r.get("metrics")) {
      assertEquals("higher", m.get("verdict").asText(), m.toString());
    }
    assertEquals("2024-04-30", r.get("outcome_end").asText());
  }

  @Test
  void aTinyGroupIsTooSmallToTell() throws Exception {
    JsonNode r = run("0.02", "tiny");
    Holdout tiny = Holdout.of(0.02, "it-salt");
    same(recount(tiny, true), r.get("held_out"));
    assertTrue(r.get("held_out").get("members").asLong() < UpliftEstimate.MIN_MEMBERS);
    for (JsonNode m : r.get("metrics")) {
      assertEquals("too_small", m.get("verdict").asText(), m.toString());
    }
    assertTrue(
        r.get("warnings").get(0).asText().startsWith("the groups are too small to tell"),
        r.toString());
  }

  @Test
  void withRedisTheResultIsStoredAsTheTenantsDocument() throws Exception {
    try (RedisTestServers.Single redis = RedisTestServers.single();
        UnifiedJedis jedis = RedisTestServers.connect(redis.url())) {
      JsonNode r =
          run(
              "0.2",
              "stored",
              "--trigger",
              "first_purchase",
              "--trigger",
              "purchase_milestone",
              "--redis",
              redis.url(),
              "--tenant",
              "acme");
      UpliftDocuments documents = new UpliftDocuments(jedis);
      JsonNode stored =
          new ObjectMapper().readTree(documents.get(RedisKeys.forTenant("acme")).orElseThrow());
      assertEquals(r, stored, "the document is uplift.json");
      assertEquals("first_purchase", stored.get("triggers").get(0).get("trigger").asText());
      assertEquals("purchase_milestone", stored.get("triggers").get(1).get("trigger").asText());
      assertTrue(documents.get(RedisKeys.forTenant("globex")).isEmpty());
    }
  }

  @Test
  void badArgumentsAreRefused() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errs = new PrintStream(err, true, StandardCharsets.UTF_8);
    int status =
        TreueCli.run(
            List.of(
                "uplift",
                "--data",
                dir.toString(),
                "--from",
                "2024-03-01",
                "--to",
                "2024-03-31",
                "--holdout-share",
                "1"),
            System.out,
            errs);
    assertNotEquals(0, status);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("0 <= share < 1"), err.toString());
    status =
        TreueCli.run(
            List.of(
                "uplift", "--data", dir.toString(), "--from", "2024-03-31", "--to", "2024-03-01"),
            System.out,
            errs);
    assertNotEquals(0, status);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("is before --from"), err.toString());
  }
}
