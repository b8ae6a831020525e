package dev.treue.core.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The KPI definitions are one: the README's table under "Programme KPIs" lists exactly the enum's KPIs with their
 * kinds and English sentences, in order, and every KPI has a distinct one-sentence definition in both languages.
 */
class KpiDefinitionsTest {
  private static final Path README = Path.of("..", "README.md");

  @Test
  void theReadmeTableIsTheEnum() throws Exception {
    List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
    int section = lines.indexOf("### Programme KPIs");
    assertTrue(section >= 0, "README has no 'Programme KPIs' section");
    int header =
        lines.subList(section, lines.size()).indexOf("| KPI | kind | definition |") + section;
    List<String> table = new ArrayList<>();
    for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      table.add(lines.get(i));
    }
    List<String> expected = new ArrayList<>();
    for (Kpi k : Kpi.values()) {
      expected.add(
          "| `" + k.wireName() + "` | " + k.kind().wireName() + " | " + k.english() + " |");
    }
    assertEquals(String.join("\n", expected), String.join("\n", table));
  }

  @Test
  void everyKpiHasOneSentenceInEachLanguage() {
    Set<String> seen = new HashSet<>();
    for (Kpi k : Kpi.values()) {
      for (String sentence : List.of(k.english(), k.german())) {
        assertTrue(sentence.endsWith("."), k + ": " + sentence);
        assertTrue(seen.add(sentence), k + " repeats a definition");
      }
      assertNotEquals(k.english(), k.german());
      assertEquals(k, Kpi.fromWireName(k.wireName()));
      assertEquals(k.german(), k.definition("de"));
      assertEquals(k.english(), k.definition("en"));
    }
    assertEquals(18, Kpi.values().length);
    assertThrows(IllegalArgumentException.class, () -> Kpi.fromWireName("churn"));
  }
}
