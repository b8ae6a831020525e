package dev.treue.serving.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's message catalogues (issue 14): English and German have the same keys, no empty
 * message, the same {placeholders}, and every key the page's scripts and HTML name literally is in
 * them (a label missing in one language would show its key).
 */
class DashboardCatalogueTest {
  private static final List<String> SCRIPTS =
      List.of(
          "js/app.js",
          "js/api.js",
          "js/i18n.js",
          "js/dom.js",
          "js/pages/index.js",
          "js/pages/overview.js",
          "js/pages/at-risk.js",
          "js/pages/win-back.js",
          "js/pages/member-list.js",
          "js/pages/member.js",
          "js/pages/model-quality.js",
          "js/pages/uplift.js");

  /** A call t('key' ...) of the catalogue, not a name ending in t such as createElement('a'). */
  private static final Pattern T_CALL = Pattern.compile("(?<![\\w.$])t\\('([A-Za-z0-9_.]+)'");

  private static final Pattern ATTRIBUTE = Pattern.compile("data-i18n(?:-aria)?=\"([^\"]+)\"");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

  static String resource(String name) {
    try (InputStream in =
        DashboardCatalogueTest.class.getClassLoader().getResourceAsStream("dashboard/" + name)) {
      if (in == null) {
        throw new AssertionError("no dashboard/" + name + " on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonObject catalogue(String language) {
    return new JsonObject(resource("i18n/" + language + ".json"));
  }

  @Test
  void bothLanguagesHaveTheSameKeysAndPlaceholders() {
    JsonObject en = catalogue("en");
    JsonObject de = catalogue("de");
    assertEquals(new TreeSet<>(en.fieldNames()), new TreeSet<>(de.fieldNames()));
    for (String key : en.fieldNames()) {
      assertFalse(en.getString(key).isBlank(), "en " + key);
      assertFalse(de.getString(key).isBlank(), "de " + key);
      assertEquals(placeholders(en.getString(key)), placeholders(de.getString(key)), key);
    }
  }

  @Test
  void everyKeyThePageNamesIsInTheCatalogue() {
    Set<String> used = new TreeSet<>();
    for (String script : SCRIPTS) {
      collect(T_CALL, resource(script), used);
    }
    collect(ATTRIBUTE, resource("index.html"), used);
    assertTrue(used.size() > 40, "the scan finds the page's keys: " + used);
    Set<String> missing = new TreeSet<>(used);
    missing.removeAll(catalogue("en").fieldNames());
    assertEquals(Set.of(), missing, "keys used by the page but missing from the catalogue");
  }

  private static void collect(Pattern pattern, String text, Set<String> into) {
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      into.add(m.group(1));
    }
  }

  private static Set<String> placeholders(String message) {
    Set<String> names = new TreeSet<>();
    collect(PLACEHOLDER, message, names);
    return names;
  }
}
