package dev.treue.serving.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.serving.TestService;
import dev.treue.store.UpliftDocuments;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The Uplift page in a real headless Chromium, in English and German: without a stored result it says how
 * to compute one; with one ({@code GET /v1/uplift}) it shows per comparison (all members, each trigger) the
 * groups, each metric's difference and interval as the API has them, a bar-with-error-bar chart per metric
 * and the verdict in the page's language.
 */
class UpliftBrowserIT {
  @RegisterExtension static final DashboardBrowser BROWSER = new DashboardBrowser();

  private ChromeDriver driver;

  @BeforeEach
  void signIn() {
    driver = BROWSER.driver;
    driver.manage().window().setSize(new Dimension(1280, 900));
    driver.get(BROWSER.base() + "/dashboard/");
    waitReady();
    js("sessionStorage.clear(); localStorage.clear();");
    driver.navigate().refresh();
    waitReady();
    driver.manage().logs().get("browser");
    BROWSER
        .waiting()
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")))
        .sendKeys(TestService.ACME_ALL, Keys.ENTER);
    BROWSER.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
  }

  @AfterEach
  void forgetTheDocument() {
    BROWSER.service.jedis.del(TestService.keys("acme").upliftDocument());
  }

  private Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  private void waitReady() {
    BROWSER.waiting().until(d -> "true".equals(js("return document.body.dataset.ready || ''")));
  }

  private static String message(String language, String key) {
    return DashboardCatalogueTest.catalogue(language).getString(key);
  }

  private void open(String route) {
    BROWSER
        .waiting()
        .until(
            ExpectedConditions.elementToBeClickable(
                By.cssSelector("#nav-list a[href='#/" + route + "']")))
        .click();
    BROWSER
        .waiting()
        .until(d -> route.equals(js("return document.getElementById('page').dataset.page")));
  }

  private void language(String lang) {
    new Select(driver.findElement(By.id("lang"))).selectByValue(lang);
    BROWSER
        .waiting()
        .until(
            ExpectedConditions.textToBe(
                By.cssSelector("#nav-list a[href='#/uplift']"), message(lang, "nav.uplift")));
  }

  private void noBrowserErrors() {
    List<LogEntry> severe =
        driver.manage().logs().get("browser").getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
            .filter(
                e -> !e.getMessage().contains("/v1/uplift")) // the empty state's 404 is expected
            .toList();
    assertTrue(severe.isEmpty(), severe.toString());
  }

  private static JsonObject arm(long members, long contacted) {
    return new JsonObject()
        .put("members", members)
        .put("contacted", contacted)
        .put("retained", members / 2)
        .put("purchases", members * 1.5)
        .put("spend", members * 40.0);
  }

  private static JsonObject metric(
      String name, double treated, double held, double low, double high, String verdict) {
    return new JsonObject()
        .put("metric", name)
        .put("treated", treated)
        .put("held_out", held)
        .put("difference", treated - held)
        .put("low", low)
        .put("high", high)
        .put("per_contact", null)
        .put("per_contact_low", null)
        .put("per_contact_high", null)
        .put("verdict", verdict)
        .put("verdict_words", verdict);
  }

  private static JsonObject document() {
    JsonObject overall =
        new JsonObject()
            .put("treated", arm(1800, 900))
            .put("held_out", arm(200, 0))
            .put(
                "metrics",
                new JsonArray()
                    .add(metric("retention", 0.62, 0.55, 0.02, 0.12, "higher"))
                    .add(metric("purchases", 1.9, 2.0, -0.4, 0.2, "no_difference"))
                    .add(metric("spend", 40.5, 52.25, -20.0, -3.5, "lower")))
            .put("warnings", new JsonArray());
    JsonObject small =
        new JsonObject()
            .put("trigger", "first_purchase")
            .put("treated", arm(20, 8))
            .put("held_out", arm(3, 0))
            .put(
                "metrics",
                new JsonArray()
                    .add(metric("retention", 0.6, 0.667, -0.65, 0.52, "too_small"))
                    .add(metric("purchases", 1.5, 1.3, -1.2, 1.6, "too_small"))
                    .add(metric("spend", 75.0, 53.0, -60.0, 104.0, "too_small")))
            .put("warnings", new JsonArray().add("the groups are too small to tell"));
    JsonObject none =
        new JsonObject()
            .put("trigger", "birthday")
            .put("treated", arm(0, 0))
            .put("held_out", arm(0, 0))
            .put("metrics", new JsonArray())
            .put("warnings", new JsonArray());
    return overall
        .copy()
        .put("from", "2024-03-01")
        .put("to", "2024-03-31")
        .put("outcome_end", "2024-06-29")
        .put("horizon_days", 90)
        .put("holdout_share", 0.1)
        .put("salt", "acme")
        .put("triggers", new JsonArray().add(small).add(none));
  }

  /** Every metric row and chart of a comparison against the document, verdicts in {@code lang}. */
  private void assertComparison(String sectionId, JsonObject part, String lang) {
    WebElement section =
        BROWSER.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id(sectionId)));
    JsonArray metrics = part.getJsonArray("metrics");
    List<WebElement> rows = section.findElements(By.cssSelector(".uplift-metrics tbody tr"));
    assertEquals(metrics.size(), rows.size(), sectionId);
    for (int i = 0; i < metrics.size(); i++) {
      JsonObject m = metrics.getJsonObject(i);
      WebElement row = rows.get(i);
      assertEquals(m.getString("metric"), row.getAttribute("data-metric"));
      assertEquals(
          m.getDouble("difference"),
          Double.parseDouble(row.getAttribute("data-difference")),
          1e-12);
      assertEquals(m.getDouble("low"), Double.parseDouble(row.getAttribute("data-low")), 1e-12);
      assertEquals(m.getDouble("high"), Double.parseDouble(row.getAttribute("data-high")), 1e-12);
      assertEquals(
          message(lang, "uplift.verdict." + m.getString("verdict")),
          row.findElement(By.cssSelector("td.verdict")).getText());
    }
    List<WebElement> charts = section.findElements(By.cssSelector("figure.effect svg[role='img']"));
    assertEquals(metrics.size(), charts.size(), sectionId);
    for (int i = 0; i < metrics.size(); i++) {
      String label = charts.get(i).getAttribute("aria-label");
      assertTrue(
          label.endsWith(
              message(lang, "uplift.verdict." + metrics.getJsonObject(i).getString("verdict"))),
          label);
      assertEquals(1, charts.get(i).findElements(By.cssSelector("rect.effect-bar")).size());
      assertEquals(1, charts.get(i).findElements(By.cssSelector("g.effect-interval")).size());
    }
    assertEquals(
        List.of(
            String.valueOf(part.getJsonObject("treated").getLong("members")),
            String.valueOf(part.getJsonObject("held_out").getLong("members"))),
        section.findElements(By.cssSelector(".uplift-groups tbody tr td:nth-of-type(1)")).stream()
            .map(e -> e.getText().replace(",", "").replace(".", ""))
            .toList());
  }

  @Test
  void withoutAResultThePageSaysHowToComputeOneInBothLanguages() {
    open("uplift");
    WebElement empty =
        BROWSER
            .waiting()
            .until(ExpectedConditions.visibilityOfElementLocated(By.id("uplift-empty")));
    assertTrue(empty.getText().contains(message("en", "uplift.notComputed")), empty.getText());
    assertTrue(empty.findElement(By.tagName("code")).getText().startsWith("./treue uplift --data"));
    language("de");
    BROWSER
        .waiting()
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("uplift-empty"), message("de", "uplift.notComputed")));
    assertEquals(
        message("de", "uplift.title"), driver.findElement(By.cssSelector("#page h1")).getText());
    noBrowserErrors();
  }

  @Test
  void theStoredResultShowsGroupsIntervalsChartsAndVerdictsInBothLanguages() {
    JsonObject doc = document();
    new UpliftDocuments(BROWSER.service.jedis).put(TestService.keys("acme"), doc.encode());
    open("uplift");
    assertComparison("uplift-overall", doc, "en");
    assertComparison("uplift-first_purchase", doc.getJsonArray("triggers").getJsonObject(0), "en");
    WebElement overall = driver.findElement(By.id("uplift-overall"));
    String summary = overall.findElement(By.cssSelector(".uplift-summary")).getText();
    assertTrue(summary.startsWith(message("en", "uplift.metric.retention") + ": "), summary);
    assertTrue(summary.contains("better by 7.0 pp"), summary);
    assertTrue(summary.contains("worse by €11.75"), summary);
    assertEquals("First purchase", driver.findElement(By.id("uplift-first_purchase-h")).getText());
    assertTrue(
        driver
            .findElement(By.cssSelector("#uplift-first_purchase .uplift-summary"))
            .getText()
            .startsWith("Too small to tell: 20 treated and 3 held-out members"));
    assertEquals(
        message("en", "uplift.noFirings"),
        driver.findElement(By.cssSelector("#uplift-birthday .uplift-none")).getText());
    // the bar of a negative difference lies left of zero: its right end is the zero line
    WebElement spend = overall.findElements(By.cssSelector("figure.effect")).get(2);
    double barX =
        Double.parseDouble(spend.findElement(By.cssSelector("rect.effect-bar")).getAttribute("x"));
    assertTrue(barX < 160, "negative bar starts left of the middle: " + barX);

    language("de");
    BROWSER
        .waiting()
        .until(
            ExpectedConditions.textToBe(
                By.id("uplift-first_purchase-h"), message("de", "trigger.first_purchase")));
    assertComparison("uplift-overall", doc, "de");
    assertComparison("uplift-first_purchase", doc.getJsonArray("triggers").getJsonObject(0), "de");
    assertEquals(
        "Wirkung", driver.findElement(By.cssSelector("#nav-list a[href='#/uplift']")).getText());
    String german = driver.findElement(By.cssSelector("#uplift-overall .uplift-summary")).getText();
    assertTrue(german.contains("um 7,0 Pp. vorn"), german);
    noBrowserErrors();
  }
}
