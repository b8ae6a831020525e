package dev.treue.training.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.i18n.Language;
import dev.treue.core.i18n.ListColumn;
import dev.treue.core.ingest.Csv;
import dev.treue.training.spark.SparkTestSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch at-risk files in German open in a German spreadsheet: ';' between cells, decimal
 * commas, a German header, and the reasons (joined with "; ", and a segment holding a quote) each in
 * one RFC 4180 cell; English files keep ',' and decimal points. Checked by parsing the files back.
 */
class GermanAtRiskFilesIT {
  private static final String REASONS =
      "seit 96 Tagen kein Kauf, sonst im Abstand von 14 Tagen; nur 42,21 € Umsatz in den letzten"
          + " 12 Monaten, üblich sind 1.234,50 €";

  private static Dataset<Row> list(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    rows.add(row("c1", 0.8125, REASONS, "family \"plus\"", 1234.5, 1.0e-7));
    rows.add(row("c2", 0.5, "no purchase for 40 days", null, 12345678901.25, 0.25));
    return spark.createDataFrame(rows, AtRiskSchema.SCHEMA);
  }

  private static Row row(
      String id, double p, String reasons, String segment, double clv, double alive) {
    return RowFactory.create(
        id,
        p,
        "high",
        reasons,
        "gold",
        segment,
        "2024-05-01",
        p * clv,
        clv,
        alive,
        null,
        null,
        null,
        null,
        "active",
        0.5,
        null,
        "2026-03-31T06:00:00Z",
        "2026-03-31");
  }

  @Test
  void germanFilesParseBackCellByCell(@TempDir Path tmp) throws Exception {
    SparkSession spark = SparkTestSession.get();
    Path german = tmp.resolve("atrisk-de.csv");
    AtRiskFiles.write(list(spark), german.toString(), Language.DE);
    List<String> lines = Files.readAllLines(german, StandardCharsets.UTF_8);
    assertEquals(3, lines.size(), lines.toString());
    // UTF-8 with a byte order mark, so Excel reads the umlauts of a German file correctly.
    assertTrue(lines.get(0).startsWith("\uFEFF"), "byte order mark");
    String[] header = Csv.split(lines.get(0).substring(1), ';').orElseThrow();
    assertEquals(
        Arrays.stream(AtRiskSchema.SCHEMA.fieldNames())
            .map(n -> ListColumn.ofWireName(n).header(Language.DE))
            .toList(),
        List.of(header));
    String[] first = Csv.split(lines.get(1), ';').orElseThrow();
    assertEquals(AtRiskSchema.SCHEMA.size(), first.length, lines.get(1));
    assertEquals("c1", first[0]);
    assertEquals("0,8125", first[1]);
    assertEquals(REASONS, first[3], "the reasons stay one cell");
    assertEquals("family \"plus\"", first[5]);
    assertEquals("1234,50", first[8], "money in cents");
    assertEquals("0,0000", first[9], "probabilities with 4 decimals, never in E notation");
    assertEquals("hoch", first[2], "the risk band in German words");
    assertEquals("aktiv", first[14], "the status in German words");
    assertEquals("gold", first[4], "the programme's tier name");
    assertTrue(lines.get(1).contains(";\"seit 96 Tagen"), "quoted: " + lines.get(1));
    String[] second = Csv.split(lines.get(2), ';').orElseThrow();
    assertEquals(AtRiskSchema.SCHEMA.size(), second.length, lines.get(2));
    assertEquals("12345678901,25", second[8]);
    assertEquals("", second[5]);

    Path english = tmp.resolve("atrisk-en.csv");
    AtRiskFiles.write(list(spark), english.toString(), Language.EN);
    List<String> en = Files.readAllLines(english, StandardCharsets.UTF_8);
    assertEquals(String.join(",", AtRiskSchema.SCHEMA.fieldNames()), en.get(0));
    String[] enFirst = Csv.split(en.get(1), ',').orElseThrow();
    assertEquals(AtRiskSchema.SCHEMA.size(), enFirst.length, en.get(1));
    assertEquals("0.8125", enFirst[1]);
    assertEquals("1234.50", enFirst[8]);
    assertEquals("high", enFirst[2]);
    assertEquals("active", enFirst[14]);
    assertTrue(!en.get(0).startsWith("\uFEFF"), "no byte order mark in English");
    assertEquals(REASONS, enFirst[3]);
  }
}
