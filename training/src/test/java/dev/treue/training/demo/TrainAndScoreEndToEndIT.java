package dev.treue.training.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.treue.core.churn.ChurnModelBundle;
import dev.treue.core.ingest.Csv;
import dev.treue.training.cli.TreueCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed 2,000-member sample through the real commands: train churn, then score. Checks the
 * registry layout, the metrics contract, that the model beats the recency rule out of time, and
 * the at-risk list's columns and order.
 */
class TrainAndScoreEndToEndIT {
  private static final Path SAMPLE = Path.of("..", "data", "sample");

  @Test
  void trainThenScoreTheSample(@TempDir Path tmp) throws Exception {
    String registry = tmp.resolve("models").toString();
    String work = tmp.resolve("work").toString();
    int trained =
        TreueCli.run(
            List.of(
                "train",
                "churn",
                "--data",
                SAMPLE.toString(),
                "--registry",
                registry,
                "--work",
                work,
                "--trees",
                "150",
                "--eta",
                "0.08"),
            System.out,
            System.err);
    assertEquals(0, trained);

    String version = Files.readString(tmp.resolve("models/churn/CURRENT")).trim();
    Path bundle = tmp.resolve("models/churn").resolve(version);
    for (String file :
        List.of(
            "model.pb",
            "bundle.json",
            "metrics.json",
            "report.html",
            "report.json",
            "feature_stats.json",
            "provenance.txt",
            "params.json",
            "targeting.json")) {
      assertTrue(Files.isRegularFile(bundle.resolve(file)), file + " in the bundle");
    }
    JsonNode metrics = new ObjectMapper().readTree(bundle.resolve("metrics.json").toFile());
    for (String key :
        List.of("auc", "pr_auc", "log_loss", "brier", "lift_top_decile", "n_train", "n_valid")) {
      assertTrue(metrics.hasNonNull(key), key);
    }
    for (String baseline : List.of("recency", "rfm", "bgnbd", "oracle")) {
      assertTrue(metrics.path("baselines").path(baseline).hasNonNull("auc"), baseline);
    }
    // Only active members are validated on (issue 13): the validation rows are the active group.
    JsonNode population = metrics.path("population");
    assertEquals(population.path("active").asLong(-1), metrics.get("n_valid").asLong());
    assertTrue(
        population.path("lapsed").asLong() + population.path("never_purchased").asLong() > 0,
        "the sample has members who are not active: " + population);
    assertEquals(365, metrics.path("active_days").asInt());
    double auc = metrics.get("auc").asDouble();
    assertTrue(
        auc > metrics.path("baselines").path("rfm").path("auc").asDouble(),
        "model beats RFM: " + auc);
    assertTrue(
        auc < metrics.path("baselines").path("oracle").path("auc").asDouble() + 0.02,
        "no leak past the oracle");
    // The targeting simulator's tables: the validation rows in the list's order (value at risk)
    // and by churn probability.
    JsonNode targeting = new ObjectMapper().readTree(bundle.resolve("targeting.json").toFile());
    assertEquals(metrics.get("n_valid").asLong(), targeting.get("members").asLong());
    JsonNode byValue = targeting.path("orders").path("value_at_risk");
    JsonNode byProbability = targeting.path("orders").path("churn_probability");
    assertEquals(100, byValue.size());
    assertEquals(100, byProbability.size());
    for (JsonNode steps : List.of(byValue, byProbability)) {
      assertEquals(
          targeting.get("churners").asDouble(),
          steps.get(99).get("churners_reached").asDouble(),
          0.05);
      assertEquals(
          targeting.get("value_at_risk").asDouble(),
          steps.get(99).get("value_at_risk_covered").asDouble(),
          0.05);
    }
    JsonNode tenth = byProbability.get(9);
    assertTrue(
        tenth.get("churners_reached").asDouble() / tenth.get("contacted").asDouble()
            > 1.5 * metrics.get("validation_base_rate").asDouble(),
        "the likeliest decile holds far more churners than the base rate: " + tenth);
    // Ranked by value at risk, the top decile covers more of it than the likeliest decile does.
    assertTrue(
        byValue.get(9).get("value_at_risk_covered").asDouble()
            > tenth.get("value_at_risk_covered").asDouble(),
        byValue.get(9) + " vs " + tenth);
    // One name per base rate: the prior the service gives a cold start is the bundle's training
    // share.
    JsonNode bundleJson = new ObjectMapper().readTree(bundle.resolve("bundle.json").toFile());
    double trainingRate = bundleJson.path("training_base_rate").asDouble(Double.NaN);
    assertTrue(trainingRate > 0 && trainingRate < 1, "training_base_rate " + trainingRate);
    assertEquals(trainingRate, ChurnModelBundle.read(bundle).info().trainingBaseRate());
    assertTrue(
        metrics.path("validation_base_rate").isNumber() && !metrics.has("base_rate"),
        metrics.toString());

    assertEquals(
        0,
        TreueCli.run(
            List.of(
                "train",
                "offers",
                "--data",
                SAMPLE.toString(),
                "--registry",
                registry,
                "--work",
                work,
                "--trees",
                "60"),
            System.out,
            System.err));

    Path list = tmp.resolve("atrisk.csv");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // The score command prints its summary to System.out: captured here to check the counts.
    PrintStream systemOut = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    int scored;
    try {
      scored =
          TreueCli.run(
              List.of(
                  "score",
                  "--data",
                  SAMPLE.toString(),
                  "--registry",
                  registry,
                  "--work",
                  work,
                  "--out",
                  list.toString()),
              new PrintStream(out, true, StandardCharsets.UTF_8),
              System.err);
    } finally {
      System.setOut(systemOut);
    }
    System.out.print(out.toString(StandardCharsets.UTF_8));
    assertEquals(0, scored);
    List<String> lines = Files.readAllLines(list);
    String header =
        "customer_id,churn_probability,risk_band,reasons,tier,segment,last_purchase,value_at_risk,"
            + "clv,p_alive,retention_offer_id,retention_offer_p,retention_offer_ev,retention_offer_why,"
            + "status,expected_purchases_90,win_back_value,scored_at,as_of";
    assertEquals(header, lines.get(0));
    List<String> winBack = Files.readAllLines(tmp.resolve("atrisk-winback.csv"));
    List<String> notActivated = Files.readAllLines(tmp.resolve("atrisk-not-activated.csv"));
    assertEquals(header, winBack.get(0));
    assertEquals(header, notActivated.get(0));
    long consenting =
        Files.readAllLines(SAMPLE.resolve("customers.csv")).stream()
            .skip(1)
            .filter(l -> !l.endsWith(",false"))
            .count();
    // The console counts the three groups; the at-risk file lists the active members at medium or
    // high risk, the other two files every lapsed and never-purchased member.
    String console = out.toString(StandardCharsets.UTF_8);
    java.util.regex.Matcher counts =
        java.util.regex.Pattern.compile(
                "Members: ([0-9,]+) active \\(a purchase in the last 365 days\\), ([0-9,]+) lapsed,"
                    + " ([0-9,]+) never purchased")
            .matcher(console);
    assertTrue(counts.find(), console);
    long active = Long.parseLong(counts.group(1).replace(",", ""));
    long lapsed = Long.parseLong(counts.group(2).replace(",", ""));
    long never = Long.parseLong(counts.group(3).replace(",", ""));
    assertEquals(consenting, active + lapsed + never, "every consenting member in one group");
    assertEquals(lapsed, winBack.size() - 1);
    assertEquals(never, notActivated.size() - 1);
    assertTrue(lapsed > 0 && lines.size() - 1 <= active, console);
    assertTrue(console.contains("Win-back list (lapsed"), console);
    double previousWinBack = Double.MAX_VALUE;
    for (String line : winBack.subList(1, winBack.size())) {
      String[] cells = Csv.split(line, ',').orElseThrow();
      assertEquals("lapsed", cells[14], line);
      assertTrue(cells[1].isEmpty() && cells[2].isEmpty() && cells[7].isEmpty(), line);
      double value = Double.parseDouble(cells[16]);
      // The list's value is the expected purchases in the next 90 days; both cells are rounded.
      assertEquals(Double.parseDouble(cells[15]), value, 0.0051, line);
      assertTrue(value <= previousWinBack, "by win-back value");
      previousWinBack = value;
      assertTrue(cells[3].startsWith("last bought "), line);
    }
    for (String line : notActivated.subList(1, notActivated.size())) {
      String[] cells = Csv.split(line, ',').orElseThrow();
      assertEquals("never_purchased", cells[14], line);
      assertTrue(cells[1].isEmpty() && cells[6].isEmpty(), line);
    }
    double previous = Double.MAX_VALUE;
    Map<String, String[]> offers = new HashMap<>();
    for (String line : Files.readAllLines(SAMPLE.resolve("offers.csv"))) {
      String[] cells = line.split(",", -1);
      offers.put(cells[0], cells);
    }
    String asOf =
        Files.readAllLines(SAMPLE.resolve("events.csv")).stream()
            .skip(1)
            .map(l -> l.split(",")[2].substring(0, 10))
            .max(String::compareTo)
            .orElseThrow();
    int atRisk = 0;
    int withOffer = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = Csv.split(line, ',').orElseThrow();
      assertEquals("active", cells[14], line);
      assertTrue(!cells[2].equals("low"), "medium or high risk only: " + line);
      double valueAtRisk = Double.parseDouble(cells[7]);
      assertTrue(valueAtRisk <= previous, "sorted by value at risk");
      previous = valueAtRisk;
      double clv = Double.parseDouble(cells[8]);
      assertEquals(
          Double.parseDouble(cells[1]) * Math.max(0, clv),
          valueAtRisk,
          0.01 + 0.0001 * clv,
          "rounded cells: " + line);
      // A member who never purchased has no P(alive): an empty cell, as the service answers null.
      assertEquals(cells[6].isEmpty(), cells[9].isEmpty(), "P(alive) only for buyers: " + line);
      double alive = cells[9].isEmpty() ? 0 : Double.parseDouble(cells[9]);
      assertTrue(alive >= 0 && alive <= 1, line);
      // Rounded cells: a long-silent buyer's P(alive) and CLV may show as 0.0000 and 0.00.
      assertTrue(
          cells[6].isEmpty() ? clv == 0 : !cells[9].isEmpty() && clv >= 0,
          "buyers have a P(alive) and a CLV: " + line);
      boolean risky = Double.parseDouble(cells[1]) >= 0.4;
      assertTrue(risky, line);
      atRisk += risky ? 1 : 0;
      if (!cells[10].isEmpty()) {
        withOffer++;
        assertTrue(risky, "only members at risk get a retention offer: " + line);
        String[] offer = offers.get(cells[10]);
        assertTrue(offer != null, "a catalogue offer: " + line);
        assertTrue(
            offer[7].compareTo(asOf) <= 0 && offer[8].compareTo(asOf) >= 0,
            "live on " + asOf + ": " + line);
        double p = Double.parseDouble(cells[11]);
        assertTrue(p > 0 && p < 1, line);
        assertTrue(!cells[13].isEmpty(), "explained: " + line);
      }
    }
    assertTrue(
        atRisk > 0 && withOffer > atRisk / 2,
        withOffer + " of " + atRisk + " members at risk got an offer");
    assertTrue(Files.isDirectory(tmp.resolve("atrisk.parquet")));
    germanFilesMatchTheEnglish(tmp, registry, work, lines, winBack);
  }

  /**
   * {@code score --language de}: the same members in the same order, in German words, with ';'
   * between cells, decimal commas and a German header, each row parsing back into its cells.
   */
  private static void germanFilesMatchTheEnglish(
      Path tmp, String registry, String work, List<String> english, List<String> englishWinBack)
      throws Exception {
    Path german = tmp.resolve("atrisk-de.csv");
    assertEquals(
        0,
        TreueCli.run(
            List.of(
                "score",
                "--data",
                SAMPLE.toString(),
                "--registry",
                registry,
                "--work",
                work,
                "--language",
                "de",
                "--out",
                german.toString()),
            System.out,
            System.err));
    List<String> lines = Files.readAllLines(german);
    List<String> winBack = Files.readAllLines(tmp.resolve("atrisk-de-winback.csv"));
    assertEquals(english.size(), lines.size());
    assertEquals(englishWinBack.size(), winBack.size());
    assertTrue(
        lines.get(0).startsWith("\uFEFFKunden-ID;Abwanderungswahrscheinlichkeit;"), lines.get(0));
    int germanOffers = 0;
    for (int i = 1; i < lines.size(); i++) {
      String[] de = Csv.split(lines.get(i), ';').orElseThrow();
      String[] en = Csv.split(english.get(i), ',').orElseThrow();
      assertEquals(en.length, de.length, lines.get(i));
      assertEquals(en[0], de[0], "same member, same order");
      assertEquals(en[1], de[1].replace(',', '.'), "the same probability, decimal comma");
      assertEquals(en[3].isEmpty(), de[3].isEmpty(), lines.get(i));
      if (!de[3].isEmpty()) {
        assertTrue(!de[3].equals(en[3]), "reasons in German: " + lines.get(i));
      }
      assertTrue(!de[1].contains("."), lines.get(i));
      if (!de[13].isEmpty()) {
        germanOffers++;
        assertTrue(!de[13].equals(en[13]), "offer explained in German: " + lines.get(i));
      }
    }
    assertTrue(germanOffers > 0, "retention offers in the German file");
    // The README's "Exports for spreadsheets" shows these first lines.
    System.out.println("First lines of the English and German at-risk files:");
    english.subList(0, 2).forEach(System.out::println);
    lines.subList(0, 2).forEach(System.out::println);
    for (String line : winBack.subList(1, winBack.size())) {
      String[] cells = Csv.split(line, ';').orElseThrow();
      assertTrue(cells[3].startsWith("letzter Kauf vor "), line);
      // German files name the status in German words (one table with the dashboard's).
      assertEquals(
          dev.treue.core.i18n.CodeWord.say(dev.treue.core.i18n.Language.DE, "lapsed"),
          cells[14],
          line);
    }
  }
}
