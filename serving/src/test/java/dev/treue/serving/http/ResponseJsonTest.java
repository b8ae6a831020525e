package dev.treue.serving.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.EncodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bodies written field by field are the text the JSON tree gave for the same values. */
class ResponseJsonTest {
  @Test
  void aTreesFieldsAreWrittenAsItsOwnEncodingWritesThem() {
    JsonObject tree =
        new JsonObject()
            .put("text", "Grüße \"quoted\" \u2028 \uD83D\uDE00 \u0001")
            .put("none", (String) null)
            .put("int", 42)
            .put("long", Long.MIN_VALUE)
            .put("tiny", 4.9e-324)
            .put("huge", 1.7976931348623157e308)
            .put("fraction", 0.1 + 0.2)
            .put("negative_zero", -0.0)
            .put("exact", new BigDecimal("12345678901234567890.0000001"))
            .put("yes", true)
            .put("nested", new JsonObject().put("list", new JsonArray().add(1).add("a").addNull()));
    String written =
        ResponseJson.of(
                g -> {
                  g.writeStartObject();
                  ResponseJson.fields(g, tree);
                  g.writeEndObject();
                })
            .toString();
    assertEquals(tree.encode(), written);
  }

  @Test
  void absentNumbersAndStringListsMatchTheTreesNullsAndArrays() {
    List<String> reasons = Arrays.asList("no purchase for 63 days", "Umsatz −45 %");
    JsonObject tree =
        new JsonObject()
            .put("p", (Double) null)
            .put("q", 0.25)
            .put("reasons", new JsonArray(reasons))
            .put("empty", new JsonArray());
    String written =
        ResponseJson.of(
                g -> {
                  g.writeStartObject();
                  ResponseJson.number(g, "p", null);
                  ResponseJson.number(g, "q", 0.25);
                  ResponseJson.strings(g, "reasons", reasons);
                  ResponseJson.strings(g, "empty", List.of());
                  g.writeEndObject();
                })
            .toString();
    assertEquals(tree.encode(), written);
  }

  @Test
  void aValueWithoutAJsonFormIsRefusedNotWrittenAsSomethingElse() {
    JsonObject tree = new JsonObject().put("when", new StringBuilder("x"));
    assertThrows(
        EncodeException.class,
        () ->
            ResponseJson.of(
                g -> {
                  g.writeStartObject();
                  ResponseJson.fields(g, tree);
                  g.writeEndObject();
                }));
  }
}
