package dev.treue.serving.events;

import dev.treue.core.event.LoyaltyEvent;
import dev.treue.core.ingest.EventRowParser;
import dev.treue.core.ingest.Parsed;
import dev.treue.serving.contract.BodySchema;
import dev.treue.serving.http.ApiException;
import dev.treue.serving.http.FieldError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A posted events body, validated in two steps: the contract's JSON Schema ({@code Event} or
 * {@code EventBatch}: shapes, types, enums, id rules), then the same {@link EventRowParser} the
 * importer uses (timestamps with offset and not in the future, amounts, points), so the API and the
 * batch import accept exactly the same events. Any invalid event rejects the whole body.
 */
public final class PostedEvents {
  private PostedEvents() {}

  /**
   * The events of a body: one event object or {@code {"events": [...]}}.
   *
   * @throws ApiException 400 naming every invalid field (up to a limit)
   */
  public static List<LoyaltyEvent> parse(
      JsonObject body, BodySchema event, BodySchema batch, Instant now) {
    boolean isBatch = body.containsKey("events");
    List<FieldError> problems = (isBatch ? batch : event).problems(body, "");
    if (!problems.isEmpty()) {
      throw ApiException.invalid(problems);
    }
    List<JsonObject> objects = new ArrayList<>();
    if (isBatch) {
      JsonArray list = body.getJsonArray("events");
      for (int i = 0; i < list.size(); i++) {
        objects.add(list.getJsonObject(i));
      }
    } else {
      objects.add(body);
    }
    EventRowParser parser = new EventRowParser(now);
    List<LoyaltyEvent> events = new ArrayList<>(objects.size());
    List<FieldError> rejects = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      Parsed<LoyaltyEvent> parsed = parser.parse(row(objects.get(i)));
      if (parsed.isValid()) {
        events.add(parsed.value());
      } else if (rejects.size() < 20) {
        // The parser's reasons start with the column name: "ts: ... expected ...".
        String reason = parsed.reason();
        int colon = reason.indexOf(':');
        String field = colon > 0 ? reason.substring(0, colon) : "event";
        rejects.add(
            new FieldError(
                (isBatch ? "events[" + i + "]." : "") + field, reason.substring(colon + 1).trim()));
      }
    }
    if (!rejects.isEmpty()) {
      throw ApiException.invalid(rejects);
    }
    return events;
  }

  private static Map<String, String> row(JsonObject o) {
    Map<String, String> row = new HashMap<>();
    for (String column : EventRowParser.COLUMNS) {
      Object v = o.getValue(column);
      if (v != null) {
        // Integral numbers arrive as Integer or Long however they were written (JsonTree).
        row.put(column, v.toString());
      }
    }
    return row;
  }
}
