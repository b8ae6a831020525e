package dev.treue.training.kpis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.treue.core.i18n.Language;
import dev.treue.core.kpi.Kpi;
import dev.treue.core.kpi.KpiCsv;
import dev.treue.training.cli.TreueCli;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./treue kpis --language de} writes {@code kpis.csv} for a German spreadsheet, with the
 * columns and cells of the service's KPI CSV ({@link KpiCsv}): German column names, ';' between
 * cells, decimal commas, a byte order mark; its all-members rows say what {@code kpis.json} says.
 */
class KpiCsvLanguageIT {
  private static final Path SAMPLE = Path.of("..", "data", "sample");

  @Test
  void aGermanRunWritesTheServicesGermanColumns(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("kpis");
    assertEquals(
        0,
        TreueCli.run(
            List.of(
                "kpis",
                "--data",
                SAMPLE.toString(),
                "--registry",
                tmp.resolve("none").toString(),
                "--work",
                tmp.resolve("work").toString(),
                "--language",
                "de",
                "--out",
                out.toString()),
            System.out,
            System.err));
    List<String> lines = Files.readAllLines(out.resolve("kpis.csv"), StandardCharsets.UTF_8);
    assertEquals(KpiCsv.start(Language.DE) + KpiCsv.header(Language.DE), lines.get(0));
    assertTrue(
        lines.get(0).startsWith("\uFEFFStufe;Kundensegment;Zeitraum;Beginn;Ende;Vollständig;"),
        lines.get(0));
    assertTrue(lines.get(0).contains(";Aktive Mitglieder;"), lines.get(0));
    JsonNode doc = new ObjectMapper().readTree(Files.readString(out.resolve("kpis.json")));
    JsonNode periods = doc.get("periods");
    assertTrue(periods.size() > 20, "periods: " + periods.size());
    for (int i = 0; i < periods.size(); i++) {
      JsonNode p = periods.get(i);
      Map<Kpi, Object> values = new EnumMap<>(Kpi.class);
      for (Kpi k : Kpi.values()) {
        JsonNode v = p.get("kpis").get(k.wireName());
        values.put(k, v == null || v.isNull() ? null : new BigDecimal(v.asText()));
      }
      KpiCsv.Row row =
          new KpiCsv.Row(
              null,
              null,
              p.get("period").asText(),
              p.get("start").asText(),
              p.get("end").asText(),
              p.get("complete").asBoolean(),
              values);
      assertEquals(KpiCsv.line(Language.DE, row), lines.get(1 + i), p.get("period").asText());
    }
    String money = lines.get(periods.size()).split(";", -1)[6 + Kpi.AVERAGE_ORDER_VALUE.ordinal()];
    assertTrue(money.matches("\\d+,\\d\\d"), "decimal comma: " + money);
  }
}
