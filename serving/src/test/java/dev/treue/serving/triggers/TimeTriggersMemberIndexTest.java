package dev.treue.serving.triggers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.Member;
import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import dev.treue.serving.Http;
import dev.treue.serving.TestModels;
import dev.treue.serving.TestService;
import dev.treue.store.AtRiskEntry;
import dev.treue.store.RedisKeys;
import dev.treue.store.StateBatchWriter;
import dev.treue.store.StoredState;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

/**
 * The time-driven sweep reaches members the at-risk list does not hold: no model is served, so a
 * member met only through events gets no at-risk row, and a batch load without a model (or of a
 * member who joined after its as-of day) writes states without rows. The service clock is
 * 2024-06-30.
 */
class TimeTriggersMemberIndexTest {
  private static final RedisKeys ACME = TestService.keys("acme");
  private static Path empty;
  private static TestService service;
  private static Http http;

  @BeforeAll
  static void start() throws IOException {
    empty = Files.createTempDirectory("treue-no-model");
    JsonObject on = new JsonObject().put("enabled", true);
    service =
        TestService.start(
            new JsonObject()
                .put("registry", empty.toString())
                .put(
                    "triggers",
                    new JsonObject()
                        .put(
                            "*",
                            new JsonObject()
                                .put("points_expiring", on.copy().put("within_days", 30))
                                .put("became_lapsed", on)
                                .put("membership_anniversary", on)
                                .put("birthday", on)))
                .put("trigger_sweep_interval", "PT0.2S")
                .put("trigger_relay_interval", "PT0S"),
            false);
    http = service.http();
  }

  @AfterAll
  static void stop() {
    service.close();
    TestModels.delete(empty);
  }

  private static Set<String> firingIdsOf(String member) {
    Set<String> ids = new TreeSet<>();
    for (StreamEntry e : service.jedis.xrange(ACME.triggerStream(), (StreamEntryID) null, null)) {
      if (member.equals(e.getFields().get("customer_id"))) {
        ids.add(e.getFields().get("firing_id"));
      }
    }
    return ids;
  }

  private static Set<String> awaitFirings(String member, int n) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (firingIdsOf(member).size() < n && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    Thread.sleep(600); // a few more sweeps: still once
    return firingIdsOf(member);
  }

  private static int day(String date) {
    return (int) LocalDate.parse(date).toEpochDay();
  }

  /** Writes the states as {@code ./treue materialize} does for members it gives no at-risk row. */
  private static void load(CustomerState... states) {
    long synced = LocalDate.parse("2024-06-29").toEpochDay() * 86_400_000L;
    List<StoredState> stored = new java.util.ArrayList<>();
    for (CustomerState s : states) {
      stored.add(new StoredState(synced * 1_000, synced, synced, s));
    }
    new StateBatchWriter(service.jedis, ACME, Duration.ZERO, 100)
        .write(stored.iterator(), Collections.<AtRiskEntry>emptyIterator());
  }

  private static CustomerState profile(String id, String birthDate) {
    return CustomerState.of(
        new Member(id, day("2020-01-15"), "basic", day(birthDate), null, "web", true));
  }

  @Test
  void aLoadedMembersBirthdayFiresOnceWithTheDayOnlyAndNotAfterConsentIsWithdrawn()
      throws InterruptedException {
    load(profile("ix-bd", "1990-06-29"), profile("ix-bd-no", "1985-06-30"));
    // ix-bd-no withdrew consent at a later load: state deleted, opt-out marker set.
    new StateBatchWriter(service.jedis, ACME, Duration.ZERO, 100)
        .optOut(List.of("ix-bd-no").iterator());

    assertEquals(Set.of("birthday:ix-bd:y2024"), awaitFirings("ix-bd", 1));
    Map<String, String> fired =
        service.jedis.xrange(ACME.triggerStream(), (StreamEntryID) null, null).stream()
            .map(StreamEntry::getFields)
            .filter(f -> f.get("firing_id").equals("birthday:ix-bd:y2024"))
            .findFirst()
            .orElseThrow();
    assertEquals("birthday", fired.get("kind"));
    JsonObject payload = new JsonObject(fired.get("payload"));
    assertEquals("2024-06-29", payload.getString("birthday_on"));
    assertFalse(fired.get("payload").contains("1990"), "no birth date or year: " + payload);
    assertEquals(Set.of(), firingIdsOf("ix-bd-no"), "no consent, not stored, no birthday");

    assertEquals(
        "1990-06-29",
        http.get("/v1/customers/ix-bd/export")
            .json()
            .getJsonObject("state")
            .getString("birth_date"),
        "the export shows the stored birth date");
    assertEquals(200, http.delete("/v1/customers/ix-bd").status());
    assertFalse(service.jedis.exists(ACME.memberState("ix-bd")), "the birth date went with it");
    assertFalse(service.jedis.sismember(ACME.memberIndexOf("ix-bd"), "ix-bd"), "out of the index");
    assertEquals(Set.of(), firingIdsOf("ix-bd"), "and its firing off the stream");
    assertEquals(404, http.get("/v1/customers/ix-bd/export").status());
  }

  @Test
  void aMemberMetOnlyThroughEventsWithoutAModelBecomesLapsed() throws InterruptedException {
    JsonObject purchase =
        new JsonObject()
            .put("event_id", "ix-e-1")
            .put("customer_id", "ix-ev")
            .put("ts", "2023-06-28T10:00:00Z")
            .put("type", "purchase")
            .put("amount", 30)
            .put("category", "coffee")
            .put("channel", "app");
    assertEquals(200, http.post("/v1/events", purchase).status());
    assertNull(service.jedis.hget(ACME.atRiskRows(), "ix-ev"), "no model, no at-risk row");

    // Last purchase 2023-06-28: lapsed on 2024-06-27 under the default 365-day window.
    assertEquals(Set.of("became_lapsed:ix-ev:d" + day("2024-06-27")), awaitFirings("ix-ev", 1));
  }

  @Test
  void aMemberLoadedWithoutAnAtRiskRowHasAnniversaryAndExpiringPoints()
      throws InterruptedException {
    CustomerState state =
        CustomerState.of(
            new Member(
                "ix-load", day("2023-06-29"), "basic", CustomerState.NONE, null, "web", true));
    state.apply(
        new LoyaltyEvent(
            "ix-l-1",
            "ix-load",
            day("2023-07-20") * 86_400_000L + 36_000_000L,
            EventType.POINTS_EARNED,
            0,
            80,
            null,
            null,
            "app"));
    long synced = LocalDate.parse("2024-06-29").toEpochDay() * 86_400_000L;
    new StateBatchWriter(service.jedis, ACME, Duration.ZERO, 100)
        .write(
            List.of(new StoredState(synced * 1_000, synced, synced, state)).iterator(),
            Collections.<AtRiskEntry>emptyIterator());
    assertFalse(service.jedis.hexists(ACME.atRiskRows(), "ix-load"));

    assertEquals(
        Set.of(
            "membership_anniversary:ix-load:y2024",
            "points_expiring:ix-load:d" + (day("2023-07-20") + 365)),
        awaitFirings("ix-load", 2));
    Map<String, String> anniversary =
        service.jedis.xrange(ACME.triggerStream(), (StreamEntryID) null, null).stream()
            .map(StreamEntry::getFields)
            .filter(f -> f.get("firing_id").startsWith("membership_anniversary:ix-load"))
            .findFirst()
            .orElseThrow();
    assertEquals(1, new JsonObject(anniversary.get("payload")).getInteger("years"));
  }
}
