package dev.treue.serving.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
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
 * The Overview, Model quality and member timeline in a real headless Chromium (issue 14): the KPI
 * tiles hold the values {@code GET /v1/kpis} returns (also for a tier, and "no members" for a tier
 * without any), the targeting simulator shows the targeting table's figures and follows its slider
 * and order switch, and a member's weekly timeline and tier progress render from {@code GET
 * /v1/customers/{id}/timeline}.
 */
class OverviewBrowserIT {
  @RegisterExtension static final DashboardBrowser BROWSER = new DashboardBrowser();

  private ChromeDriver driver;
  private Http api;

  @BeforeEach
  void freshTab() {
    driver = BROWSER.driver;
    api = BROWSER.service.http(TestService.ACME_ALL);
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

  private Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  private void waitReady() {
    BROWSER.waiting().until(d -> "true".equals(js("return document.body.dataset.ready || ''")));
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

  /** The latest period of the API's answer with a value of {@code kpi}. */
  private static JsonObject latest(JsonObject doc, String kpi) {
    JsonArray periods = doc.getJsonArray("periods");
    for (int i = periods.size() - 1; i >= 0; i--) {
      JsonObject p = periods.getJsonObject(i);
      if (p.getJsonObject("kpis").getValue(kpi) != null) {
        return p;
      }
    }
    return null;
  }

  /** Every tile against the API: the period, the value, and the definition as help. */
  private void assertTilesAre(JsonObject doc) {
    List<WebElement> tiles =
        BROWSER
            .waiting()
            .until(
                ExpectedConditions.numberOfElementsToBe(
                    By.cssSelector("#kpi-tiles .tile"), doc.getJsonObject("definitions").size()));
    for (WebElement tile : tiles) {
      String kpi = tile.getAttribute("data-kpi");
      JsonObject period = latest(doc, kpi);
      assertEquals(period.getString("period"), tile.getAttribute("data-period"), kpi);
      assertEquals(
          period.getJsonObject("kpis").getNumber(kpi).doubleValue(),
          Double.parseDouble(tile.getAttribute("data-value")),
          1e-9,
          kpi);
      assertEquals(
          doc.getJsonObject("definitions").getJsonObject(kpi).getString("en"),
          tile.findElement(By.cssSelector(".help")).getText(),
          kpi);
      assertFalse(tile.findElement(By.cssSelector(".tile-change")).getText().isBlank(), kpi);
    }
    WebElement active = driver.findElement(By.cssSelector(".tile[data-kpi='active_members']"));
    long members = latest(doc, "active_members").getJsonObject("kpis").getLong("active_members");
    assertEquals(
        NumberFormat.getIntegerInstance(Locale.UK).format(members),
        active.findElement(By.cssSelector(".tile-value")).getText());
  }

  @Test
  void theKpiTilesShowTheValuesTheApiReturns() {
    open("overview");
    JsonObject doc = api.get("/v1/kpis").json();
    assertTilesAre(doc);
    // The change of a share is in percentage points against the period before.
    JsonArray periods = doc.getJsonArray("periods");
    double now =
        periods.getJsonObject(periods.size() - 1).getJsonObject("kpis").getDouble("retention_rate");
    double before =
        periods.getJsonObject(periods.size() - 2).getJsonObject("kpis").getDouble("retention_rate");
    String change =
        driver
            .findElement(By.cssSelector(".tile[data-kpi='retention_rate'] .tile-change"))
            .getText();
    assertTrue(change.contains(String.format(Locale.UK, "%+.1f pp", (now - before) * 100)), change);
    assertTrue(change.startsWith(now > before ? "▲" : "▼"), change);
    // Charts: trends, churn, cohorts and the risk distribution are pictures with a name.
    assertTrue(
        driver.findElements(By.cssSelector("#page svg.chart[role='img'][aria-label]")).size() >= 8);
    int cells = doc.getJsonObject("risk_distribution").getJsonArray("by_tier").size();
    assertEquals(cells / 3, driver.findElements(By.cssSelector("#risk-by-tier tbody tr")).size());

    // A tier: its own figures; a tier without members: "no members", not an error.
    new Select(driver.findElement(By.id("overview-tier"))).selectByValue("gold");
    BROWSER
        .waiting()
        .until(
            d ->
                String.valueOf(
                        latest(api.get("/v1/kpis?tier=gold").json(), "active_members")
                            .getJsonObject("kpis")
                            .getLong("active_members"))
                    .equals(
                        d.findElement(By.cssSelector(".tile[data-kpi='active_members']"))
                            .getAttribute("data-value")));
    assertTilesAre(api.get("/v1/kpis?tier=gold").json());
    assertEquals(404, api.get("/v1/kpis?tier=platinum").status());
    new Select(driver.findElement(By.id("overview-tier"))).selectByValue("platinum");
    WebElement none =
        BROWSER
            .waiting()
            .until(ExpectedConditions.visibilityOfElementLocated(By.id("overview-no-members")));
    assertEquals("No members in this tier and segment.", none.getText());
    assertTrue(driver.findElements(By.cssSelector("#page .error")).isEmpty());
    assertNoCspViolation();
  }

  /** The strict CSP blocked nothing the charts need (SVG attributes, no inline style or script). */
  private void assertNoCspViolation() {
    for (LogEntry e : driver.manage().logs().get("browser")) {
      assertFalse(e.getMessage().contains("Content Security Policy"), e.getMessage());
    }
  }

  @Test
  void inGermanTheTilesExplainTheKpisWithTheGermanDefinitions() {
    open("overview");
    JsonObject doc = api.get("/v1/kpis").json();
    new Select(driver.findElement(By.id("lang"))).selectByValue("de");
    String german =
        doc.getJsonObject("definitions").getJsonObject("retention_rate").getString("de");
    BROWSER
        .waiting()
        .until(
            d ->
                german.equals(
                    d.findElement(By.cssSelector(".tile[data-kpi='retention_rate'] .help"))
                        .getText()));
    assertEquals(
        "Bindungsquote",
        driver.findElement(By.cssSelector(".tile[data-kpi='retention_rate'] h3")).getText());
    String change =
        driver
            .findElement(By.cssSelector(".tile[data-kpi='retention_rate'] .tile-change"))
            .getText();
    assertTrue(change.contains(" Pp.") && change.contains(","), change);
  }

  @Test
  void twoRendersAtOnceLeaveOnePage() throws InterruptedException {
    open("overview");
    BROWSER.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("kpi-tiles")));
    // A second render starts while the first still waits for the API (as a route change right
    // after sign-in does): only the last one may fill the page.
    js(
        "window.dispatchEvent(new HashChangeEvent('hashchange'));"
            + "window.dispatchEvent(new HashChangeEvent('hashchange'));");
    BROWSER.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("kpi-tiles")));
    Thread.sleep(1500);
    assertEquals(1, driver.findElements(By.id("kpi-tiles")).size());
    assertEquals(1, driver.findElements(By.id("overview-filters")).size());
  }

  @Test
  void atPhoneWidthTheOverviewAndTheSimulatorFit() {
    driver.manage().window().setSize(new Dimension(390, 844));
    for (String route : List.of("overview", "model-quality")) {
      driver.get(BROWSER.base() + "/dashboard/#/" + route);
      BROWSER
          .waiting()
          .until(
              ExpectedConditions.presenceOfElementLocated(
                  By.id(route.equals("overview") ? "risk-by-segment" : "calibration-table")));
      Object overflow =
          js("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
      assertEquals(0L, ((Number) overflow).longValue(), route);
    }
  }

  private String text(String id) {
    return driver.findElement(By.id(id)).getText();
  }

  private static JsonObject step(JsonObject targeting, String order, int percent) {
    return targeting.getJsonObject("orders").getJsonArray(order).getJsonObject(percent - 1);
  }

  @Test
  void theSimulatorShowsTheTargetingTableAndFollowsItsSlider() {
    open("model-quality");
    JsonObject churn = api.get("/v1/models/quality").json().getJsonObject("churn");
    JsonObject targeting = churn.getJsonObject("targeting");
    WebElement slider =
        BROWSER.waiting().until(ExpectedConditions.elementToBeClickable(By.id("sim-percent")));
    NumberFormat count = NumberFormat.getIntegerInstance(Locale.UK);
    JsonObject at10 = step(targeting, "value_at_risk", 10);
    assertEquals(10, at10.getInteger("percent"));
    assertEquals(count.format(at10.getLong("contacted")), text("sim-contacted"));
    String churners = text("sim-churners");
    assertTrue(churners.startsWith(fmtTenths(at10.getDouble("churners_reached"))), churners);
    String value10 = text("sim-value");

    // The keyboard moves the slider: Home is 1%, fourteen steps right 15%.
    slider.click();
    slider.sendKeys(Keys.HOME);
    for (int i = 1; i < 15; i++) {
      slider.sendKeys(Keys.ARROW_RIGHT);
    }
    JsonObject at15 = step(targeting, "value_at_risk", 15);
    BROWSER
        .waiting()
        .until(d -> count.format(at15.getLong("contacted")).equals(text("sim-contacted")));
    assertEquals("Contact the top 15% of active members", text("sim-label"));
    assertNotEquals(value10, text("sim-value"));
    assertTrue(
        text("sim-false-alarms").startsWith(fmtTenths(at15.getDouble("false_alarms"))),
        text("sim-false-alarms"));

    // The other order: the likeliest leavers are more often churners but hold less value.
    String byValue = text("sim-value");
    driver.findElement(By.id("sim-order-churn_probability")).click();
    JsonObject p15 = step(targeting, "churn_probability", 15);
    BROWSER
        .waiting()
        .until(d -> text("sim-churners").startsWith(fmtTenths(p15.getDouble("churners_reached"))));
    assertNotEquals(byValue, text("sim-value"));
    assertTrue(p15.getDouble("churners_reached") > at15.getDouble("churners_reached"));
    assertTrue(p15.getDouble("value_at_risk_covered") < at15.getDouble("value_at_risk_covered"));
    assertTrue(text("sim-compare").startsWith("At 15%"), text("sim-compare"));
    // Versions, metrics against baselines, the change against the previous version, calibration.
    assertEquals(churn.getString("version"), text("churn-version"));
    assertEquals(DashboardProgramme.PREVIOUS, text("churn-previous"));
    assertEquals(
        churn.getJsonObject("metrics").getJsonObject("baselines").size() + 4,
        driver.findElements(By.cssSelector("#churn-metrics thead th")).size());
    assertEquals(10, driver.findElements(By.cssSelector("#calibration-table tbody tr")).size());
    assertNoCspViolation();
  }

  /** A count with at most one decimal as the page's en-GB format writes it (grouping, no .0). */
  private static String fmtTenths(double v) {
    NumberFormat f = NumberFormat.getNumberInstance(Locale.UK);
    f.setMaximumFractionDigits(1);
    return f.format(v);
  }

  @Test
  void theMemberTimelineRendersItsWeeksAndTierProgress() {
    String id = "quiet-0";
    JsonObject timeline = api.get("/v1/customers/" + id + "/timeline").json();
    driver.get(BROWSER.base() + "/dashboard/#/member/" + id);
    BROWSER
        .waiting()
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#member-timeline-charts svg")));
    List<WebElement> charts =
        driver.findElements(By.cssSelector("#member-timeline-charts svg.chart"));
    assertEquals(5, charts.size());
    JsonArray weeks = timeline.getJsonArray("timeline");
    long weeksWithPurchases =
        weeks.stream().filter(w -> ((JsonObject) w).getLong("purchases") > 0).count();
    assertTrue(weeksWithPurchases > 0, timeline.encode());
    assertEquals(weeksWithPurchases, charts.get(0).findElements(By.tagName("rect")).size());
    JsonObject tier = timeline.getJsonObject("tier");
    String tierText = text("tier-progress-text");
    assertTrue(tierText.startsWith(capital(tier.getString("tier"))), tierText);
    if (tier.getValue("spend_to_next_tier") != null) {
      assertTrue(tierText.contains(capital(tier.getString("next_tier"))), tierText);
      assertEquals(
          tier.getNumber("spend_last_365_days").doubleValue(),
          Double.parseDouble(driver.findElement(By.id("tier-progress")).getAttribute("value")),
          1e-6);
    }
    assertTrue(driver.findElements(By.cssSelector("#member-timeline .error")).isEmpty());
  }

  private static String capital(String tier) {
    return Character.toUpperCase(tier.charAt(0)) + tier.substring(1);
  }
}
