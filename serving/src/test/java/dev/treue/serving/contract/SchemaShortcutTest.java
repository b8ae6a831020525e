package dev.treue.serving.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The body schemas' shortcut never lets through what the JSON Schema validator refuses: every event
 * field set to every hostile value (wrong types, bounds and one past them, lengths in UTF-16 and in
 * code points, line breaks after ids, huge and non-finite numbers), missing fields, unknown fields,
 * batches at and past their bounds. And it does let the plain valid events through, so the events
 * route skips the validator for them.
 */
class SchemaShortcutTest {
  private static Vertx vertx;
  private static ApiContract contract;

  @BeforeAll
  static void load() throws Exception {
    vertx = Vertx.vertx();
    contract = ApiContract.load(vertx).toCompletionStage().toCompletableFuture().get();
  }

  @AfterAll
  static void close() {
    vertx.close();
  }

  private static JsonObject event() {
    return new JsonObject()
        .put("event_id", "e-1")
        .put("customer_id", "c0000042")
        .put("ts", "2026-12-01T10:00:00+01:00")
        .put("type", "purchase")
        .put("amount", 12.5)
        .put("category", "grocery");
  }

  private static List<Object> hostileValues() {
    String smile = new String(Character.toChars(0x1F600));
    return Arrays.asList(
        null,
        "",
        " ",
        "a",
        "a\n",
        "a\r\n",
        "a\u2028",
        "-a",
        ".a",
        "a b",
        "a:b",
        "é",
        smile,
        smile.repeat(32),
        smile.repeat(33),
        smile.repeat(64),
        smile.repeat(65),
        "x".repeat(9),
        "x".repeat(10),
        "x".repeat(32),
        "x".repeat(33),
        "x".repeat(40),
        "x".repeat(41),
        "x".repeat(63),
        "x".repeat(64),
        "x".repeat(65),
        "x".repeat(128),
        "x".repeat(129),
        "purchase",
        "PURCHASE",
        "offer_sent",
        0,
        -1,
        1,
        1_000_000_000,
        1_000_000_000_000L,
        1_000_000_000_001L,
        -1_000_000_000_000L,
        -1_000_000_000_001L,
        1_000_000_000_000_000L,
        1_000_000_000_000_001L,
        Long.MAX_VALUE,
        Long.MIN_VALUE,
        (1L << 53) + 1,
        new BigInteger("100000000000000000000000"),
        new BigDecimal("12.5"),
        1.5,
        -0.5,
        0.0001,
        1e12 - 0.5,
        1e12 + 0.5,
        -1e12 - 0.5,
        1e15 + 0.5,
        1e300,
        -1e300,
        Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY,
        Double.NaN,
        1.5f,
        true,
        false,
        new JsonObject(),
        new JsonObject().put("a", 1),
        new JsonArray(),
        new JsonArray().add("purchase"));
  }

  private static List<Object> bodies() {
    List<Object> events = new ArrayList<>();
    events.add(event());
    JsonObject full =
        event().put("points", 100).put("offer_id", "o-1").put("channel", "app").put("amount", 7);
    events.add(full);
    for (String field : full.fieldNames()) {
      events.add(full.copy().put(field, null));
      JsonObject without = full.copy();
      without.remove(field);
      events.add(without);
      for (Object v : hostileValues()) {
        events.add(full.copy().put(field, v));
      }
    }
    for (Object v : hostileValues()) {
      events.add(event().put("unknown", v));
    }
    List<Object> bodies = new ArrayList<>(events);
    bodies.addAll(hostileValues());
    for (Object e : events) {
      bodies.add(new JsonObject().put("events", new JsonArray().add(event()).add(e)));
    }
    for (Object v : hostileValues()) {
      bodies.add(new JsonObject().put("events", v));
      bodies.add(new JsonObject().put("events", new JsonArray().add(v)));
      bodies.add(new JsonObject().put("events", new JsonArray().add(event())).put("more", v));
    }
    for (int n : new int[] {0, 1, 999, 1000, 1001}) {
      JsonArray list = new JsonArray();
      for (int i = 0; i < n; i++) {
        list.add(event().put("event_id", "e-" + i));
      }
      bodies.add(new JsonObject().put("events", list));
    }
    return bodies;
  }

  @Test
  void theShortcutAcceptsOnlyWhatTheValidatorAccepts() {
    int shortcuts = 0;
    int checked = 0;
    for (String name : List.of("Event", "EventBatch")) {
      BodySchema schema = contract.body(name);
      for (Object body : bodies()) {
        checked++;
        if (schema.shortcutConforms(body)) {
          shortcuts++;
          assertTrue(
              schema.validatorAccepts(body),
              name + ": the shortcut let through what the validator refuses: " + body);
          assertEquals(List.of(), schema.problems(body, ""));
        } else if (!schema.validatorAccepts(body)) {
          assertFalse(schema.problems(body, "").isEmpty(), name + ": " + body);
        }
      }
    }
    assertTrue(shortcuts > 100, shortcuts + " of " + checked + " bodies took the shortcut");
  }

  @Test
  void plainEventsAndBatchesTakeTheShortcut() {
    assertTrue(contract.body("Event").shortcutConforms(event()));
    JsonObject batch = new JsonObject().put("events", new JsonArray().add(event()).add(event()));
    assertTrue(contract.body("EventBatch").shortcutConforms(batch));
    JsonObject late = event().put("type", "Purchase");
    assertFalse(contract.body("Event").shortcutConforms(late));
    assertEquals(
        List.of("type"),
        contract.body("Event").problems(late, "").stream().map(e -> e.field()).toList());
  }

  @Test
  void aKeywordTheShortcutDoesNotImplementLeavesEverythingToTheValidator() {
    assertNull(SchemaShortcut.of(new JsonObject().put("type", "string").put("format", "date")));
    assertNull(
        SchemaShortcut.of(
            new JsonObject()
                .put("type", "object")
                .put(
                    "properties",
                    new JsonObject().put("a", new JsonObject().put("oneOf", new JsonArray())))));
    assertNull(
        SchemaShortcut.of(new JsonObject().put("type", "number").put("exclusiveMaximum", 1)));
    assertTrue(SchemaShortcut.of(new JsonObject().put("type", "string")).conforms("x"));
  }
}
