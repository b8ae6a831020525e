package dev.treue.serving.atrisk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.i18n.Language;
import dev.treue.core.i18n.ListColumn;
import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A service whose {@code language} is German: its answers and at-risk rows speak German unless a
 * request asks otherwise, and its CSV is what a German spreadsheet opens (';' between cells, decimal
 * commas, a German header, the reasons cell quoted so its "; " stays in one cell). Checked by
 * parsing the file back as RFC 4180.
 */
class GermanAtRiskCsvTest {
  private static final LocalDate TODAY = LocalDate.parse(TestService.TODAY);
  private static TestService service;
  private static Http http;

  @BeforeAll
  static void start() {
    service = TestService.start(new JsonObject().put("language", "de"), false);
    http = service.http(TestService.ACME_ALL);
    JsonArray events = new JsonArray();
    for (int i = 0; i < 3; i++) {
      purchases(events, "gone-" + i, 712 + 20 * i, 412 + 20 * i, 30, 20 + 15.55 * i);
      purchases(events, "quiet-" + i, 300, 120 + 10 * i, 10, 40.25 + i);
    }
    Http.Reply r = http.post("/v1/events", new JsonObject().put("events", events));
    assertEquals(200, r.status(), r.toString());
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private static void purchases(
      JsonArray events, String member, int firstAgo, int lastAgo, int every, double amount) {
    for (int ago = firstAgo; ago >= lastAgo; ago -= every) {
      events.add(
          new JsonObject()
              .put("event_id", member + "-" + ago)
              .put("customer_id", member)
              .put("ts", TODAY.minusDays(ago) + "T10:00:00Z")
              .put("type", "purchase")
              .put("amount", amount));
    }
  }

  @Test
  void theConfiguredLanguageIsTheDefaultAnswer() {
    JsonObject body = http.get("/v1/customers/gone-0/churn-risk").json();
    assertEquals(
        "letzter Kauf vor 412 Tagen, sonst im Abstand von 30 Tagen",
        body.getJsonArray("reasons").getString(0));
    JsonObject english = http.get("/v1/customers/gone-0/churn-risk?locale=en").json();
    assertEquals(
        "last bought 412 days ago, usually every 30 days",
        english.getJsonArray("reasons").getString(0));
  }

  @Test
  void theGermanCsvParsesBackIntoItsCells() {
    Http.Reply r = http.get("/v1/at-risk?status=lapsed", "Accept", "text/csv");
    assertEquals(200, r.status(), r.toString());
    // UTF-8 with a byte order mark, so Excel reads the umlauts of a German file correctly.
    assertTrue(r.body().startsWith("\uFEFF"), "byte order mark");
    List<List<String>> rows = parse(r.body().substring(1), ';');
    assertEquals(
        AtRiskRoutes.CSV_COLUMNS.stream().map(c -> c.header(Language.DE)).toList(), rows.get(0));
    assertEquals("Kunden-ID", rows.get(0).get(0));
    assertEquals(4, rows.size(), r.body());
    int reasons = AtRiskRoutes.CSV_COLUMNS.indexOf(ListColumn.REASONS);
    int clv = AtRiskRoutes.CSV_COLUMNS.indexOf(ListColumn.CLV);
    int alive = AtRiskRoutes.CSV_COLUMNS.indexOf(ListColumn.P_ALIVE);
    for (List<String> row : rows.subList(1, rows.size())) {
      assertEquals(AtRiskRoutes.CSV_COLUMNS.size(), row.size(), row.toString());
      assertTrue(row.get(0).startsWith("gone-"), row.toString());
      assertTrue(row.get(reasons).startsWith("letzter Kauf vor "), row.toString());
      assertTrue(row.get(reasons).contains("; "), "reasons joined in one cell: " + row);
      for (int c : new int[] {clv, alive}) {
        assertTrue(row.get(c).matches("-?\\d+(,\\d+)?(E-?\\d+)?"), "decimal comma: " + row);
      }
      assertEquals("abgewandert", row.get(AtRiskRoutes.CSV_COLUMNS.indexOf(ListColumn.STATUS)));
    }
    assertTrue(r.body().contains("\"letzter Kauf vor "), "the reasons cell is quoted");

    Http.Reply en = http.get("/v1/at-risk?status=lapsed&locale=en", "Accept", "text/csv");
    assertFalse(en.body().startsWith("\uFEFF"), "no byte order mark in English");
    List<List<String>> english = parse(en.body(), ',');
    assertEquals("customer_id", english.get(0).get(0));
    assertEquals(rows.size(), english.size());
    for (int i = 1; i < rows.size(); i++) {
      assertEquals(rows.get(i).get(0), english.get(i).get(0));
      assertEquals(rows.get(i).get(clv).replace(',', '.'), english.get(i).get(clv));
      assertFalse(english.get(i).get(clv).contains(","), english.get(i).toString());
    }
  }

  /**
   * The JSON row and the CSV carry the member's last purchase (issue 14: the batch files had it, the
   * service did not), the CSV's money in cents and probabilities with 4 decimals as the batch writes.
   */
  @Test
  void rowsCarryTheLastPurchaseAndRoundedNumbers() {
    JsonArray rows = http.get("/v1/at-risk?status=lapsed&limit=10").json().getJsonArray("rows");
    assertEquals(3, rows.size(), rows.encode());
    List<List<String>> csv =
        parse(http.get("/v1/at-risk?status=lapsed&locale=en", "Accept", "text/csv").body(), ',');
    int last = AtRiskRoutes.CSV_COLUMNS.indexOf(ListColumn.LAST_PURCHASE);
    int clv = AtRiskRoutes.CSV_COLUMNS.indexOf(ListColumn.CLV);
    int alive = AtRiskRoutes.CSV_COLUMNS.indexOf(ListColumn.P_ALIVE);
    for (int i = 0; i < rows.size(); i++) {
      JsonObject row = rows.getJsonObject(i);
      int n = Integer.parseInt(row.getString("customer_id").substring("gone-".length()));
      String day = TODAY.minusDays(412 + 20 * n).toString();
      assertEquals(day, row.getString("last_purchase"), row.encode());
      List<String> cells = csv.get(i + 1);
      assertEquals(row.getString("customer_id"), cells.get(0));
      assertEquals(day, cells.get(last), cells.toString());
      assertEquals(rounded(row.getDouble("clv"), 2), cells.get(clv));
      assertEquals(rounded(row.getDouble("p_alive"), 4), cells.get(alive));
    }
  }

  /** Half up from the double's shortest decimal text, as a person rounds what they read. */
  private static String rounded(double value, int decimals) {
    return java.math.BigDecimal.valueOf(value)
        .setScale(decimals, java.math.RoundingMode.HALF_UP)
        .toPlainString();
  }

  /** RFC 4180: cells between separators, quoted cells may hold separators and doubled quotes. */
  static List<List<String>> parse(String text, char sep) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == sep) {
        row.add(cell.toString());
        cell.setLength(0);
      } else if (c == '\n') {
        row.add(cell.toString());
        cell.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
      } else if (c != '\r') {
        cell.append(c);
      }
    }
    assertTrue(row.isEmpty() && cell.length() == 0 && !quoted, "the file ends with a line break");
    return rows;
  }
}
