package dev.treue.serving.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
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
 * The dashboard in a real headless Chromium (issue 14): sign in with a good key and see the
 * at-risk rows the API returns, page on; a wrong key shows the catalogue's message; filter by risk
 * band and export exactly the filtered rows; open a member page (with an id that needs encoding
 * too); switch to German; phone width; {@code /docs} lists the operations and tries a call with a
 * key. The key never appears in an address, and the strict CSP blocks nothing the pages need.
 */
class DashboardBrowserIT {
  @RegisterExtension static final DashboardBrowser BROWSER = new DashboardBrowser();

  private ChromeDriver driver;
  private Http api;

  @BeforeEach
  void freshTab() {
    driver = BROWSER.driver;
    api = BROWSER.service.http(TestService.ACME_ALL);
    driver.manage().window().setSize(new Dimension(1280, 900));
    driver.get(BROWSER.base() + "/dashboard/");
    // Once started (a stored key is checked and kept asynchronously), forget the last test's key.
    waitReady();
    js("sessionStorage.clear(); localStorage.clear();");
    driver.navigate().refresh();
    waitReady();
    driver.manage().logs().get("browser");
  }

  private Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  private void waitReady() {
    BROWSER.waiting().until(d -> "true".equals(js("return document.body.dataset.ready || ''")));
  }

  /** Signs in by typing the key and pressing Enter. */
  private void signIn(String key) {
    BROWSER
        .waiting()
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")))
        .sendKeys(key, Keys.ENTER);
  }

  private void open(String route) {
    WebElement link =
        BROWSER
            .waiting()
            .until(
                ExpectedConditions.elementToBeClickable(
                    By.cssSelector("#nav-list a[href='#/" + route + "']")));
    link.click();
  }

  /** The member ids of a table's rows, read in one script (the table may be re-rendered meanwhile). */
  @SuppressWarnings("unchecked")
  private List<String> tableIds(String table) {
    return (List<String>)
        js(
            "return Array.from(document.querySelectorAll('#' + arguments[0] + ' tbody tr'))"
                + ".map(tr => tr.dataset.id)",
            table);
  }

  private List<String> apiIds(String query) {
    Http.Reply r = api.get("/v1/at-risk?" + query);
    assertEquals(200, r.status(), r.toString());
    List<String> ids = new ArrayList<>();
    r.json().getJsonArray("rows").forEach(o -> ids.add(((JsonObject) o).getString("customer_id")));
    return ids;
  }

  private void waitForRows(String table, List<String> expected) {
    BROWSER.waiting().until(d -> tableIds(table).equals(expected));
  }

  private static String message(String language, String key) {
    return DashboardCatalogueTest.catalogue(language).getString(key);
  }

  /** Every address the tab loaded or called, and its own. */
  @SuppressWarnings("unchecked")
  private List<String> addresses() {
    List<String> urls =
        new ArrayList<>(
            (List<String>) js("return performance.getEntriesByType('resource').map(e => e.name)"));
    urls.add(driver.getCurrentUrl());
    return urls;
  }

  private void assertNoPolicyViolations() {
    for (LogEntry e : driver.manage().logs().get("browser")) {
      assertFalse(e.getMessage().contains("Content Security Policy"), e.getMessage());
      assertFalse(e.getMessage().contains("Refused to"), e.getMessage());
    }
  }

  @Test
  void aGoodKeyShowsTheAtRiskRowsTheApiReturnsAndPagesOn() {
    signIn(TestService.ACME_ALL);
    open("at-risk");
    List<String> first = apiIds("limit=25");
    assertEquals(25, first.size(), "the default list fills more than a page");
    waitForRows("at-risk-table", first);
    driver
        .findElement(By.xpath("//button[normalize-space()='" + message("en", "list.next") + "']"))
        .click();
    Http.Reply page1 = api.get("/v1/at-risk?limit=25");
    String cursor = page1.json().getString("next_cursor");
    waitForRows("at-risk-table", apiIds("limit=25&cursor=" + cursor));
    driver
        .findElement(
            By.xpath("//button[normalize-space()='" + message("en", "list.previous") + "']"))
        .click();
    waitForRows("at-risk-table", first);
    // Sorting by probability is the API's other order.
    driver.findElement(By.cssSelector("button.sort[data-sort='churn_probability']")).click();
    waitForRows("at-risk-table", apiIds("limit=25&sort=churn_probability"));
    // The key lives in sessionStorage only and was sent in a header, never in an address.
    assertEquals(TestService.ACME_ALL, js("return sessionStorage.getItem('treue.apiKey')"));
    assertNull(js("return localStorage.getItem('treue.apiKey')"));
    List<String> urls = addresses();
    assertTrue(urls.stream().anyMatch(u -> u.contains("/v1/at-risk")), urls.toString());
    urls.forEach(u -> assertFalse(u.contains(TestService.ACME_ALL), u));
    assertNoPolicyViolations();
  }

  @Test
  void aWrongKeyShowsAClearMessage() {
    // Keyboard only: the key field has the focus once the page is loaded; Enter submits.
    BROWSER.waiting().until(d -> "api-key".equals(d.switchTo().activeElement().getAttribute("id")));
    driver.switchTo().activeElement().sendKeys("not-the-key", Keys.ENTER);
    WebElement error = driver.findElement(By.id("signin-error"));
    BROWSER.waiting().until(d -> !error.getText().isBlank());
    assertEquals(message("en", "signin.wrongKey"), error.getText());
    assertNull(js("return sessionStorage.getItem('treue.apiKey')"));
    assertFalse(driver.findElement(By.id("nav")).isDisplayed());
    addresses().forEach(u -> assertFalse(u.contains("not-the-key"), u));
  }

  @Test
  void filteringByBandAndExportingGivesExactlyTheFilteredRows() throws Exception {
    signIn(TestService.ACME_ALL);
    open("at-risk");
    waitForRows("at-risk-table", apiIds("limit=25"));
    new Select(driver.findElement(By.name("risk_band"))).selectByValue("high");
    new Select(driver.findElement(By.name("tier"))).selectByValue("gold");
    driver.findElement(By.cssSelector("form.filters button[type='submit']")).click();
    List<String> filtered = apiIds("risk_band=high&tier=gold&limit=1000");
    assertTrue(filtered.size() > 1, "the filter keeps some rows: " + filtered);
    assertTrue(filtered.size() < apiIds("limit=1000").size(), "and leaves some out");
    waitForRows("at-risk-table", filtered);
    driver.findElement(By.id("at-risk-export")).click();
    Path csv = BROWSER.waiting().until(d -> downloaded(".csv"));
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    assertTrue(lines.get(0).startsWith("customer_id"), lines.get(0));
    List<String> exported = lines.stream().skip(1).map(l -> l.split(",", -1)[0]).toList();
    assertEquals(filtered, exported, "the export holds exactly the filtered rows, in order");
    addresses().forEach(u -> assertFalse(u.contains(TestService.ACME_ALL), u));
  }

  private Path downloaded(String suffix) {
    try (Stream<Path> files = Files.list(BROWSER.downloads)) {
      return files
          .filter(f -> f.toString().endsWith(suffix))
          .filter(f -> f.toFile().length() > 0)
          .findFirst()
          .orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  @Test
  void aMemberPageShowsTheRiskWithReasonsAndTheRewards() {
    String member = null;
    List<String> reasons = List.of();
    for (String id : BROWSER.assessed) {
      Http.Reply r = api.get("/v1/customers/" + id + "/churn-risk");
      List<String> these = new ArrayList<>();
      r.json().getJsonArray("reasons").forEach(o -> these.add((String) o));
      if (these.size() > reasons.size()) {
        member = id;
        reasons = these;
      }
    }
    assertTrue(
        member != null,
        "a member the service assessed has reasons: "
            + api.get("/v1/customers/" + BROWSER.assessed.get(0) + "/churn-risk"));
    signIn(TestService.ACME_ALL);
    open("member");
    WebElement search = BROWSER.waiting().until(d -> d.findElement(By.id("member-id")));
    search.sendKeys(member, Keys.ENTER);
    BROWSER.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("member-status")));
    List<String> shown =
        driver.findElements(By.cssSelector("#member-reasons li")).stream()
            .map(WebElement::getText)
            .toList();
    assertEquals(reasons, shown);
    double p =
        api.get("/v1/customers/" + member + "/churn-risk").json().getDouble("churn_probability");
    String percent = driver.findElement(By.id("member-probability")).getText();
    String expected = String.format(java.util.Locale.UK, "%.1f", p * 100).replace(".0", "");
    assertEquals(expected + "%", percent, "the API's probability " + p + " as a percentage");
    assertEquals(
        message("en", "status.active"), driver.findElement(By.id("member-status")).getText());
    assertTrue(driver.findElements(By.cssSelector("#member-rewards-section .error")).isEmpty());
    assertTrue(driver.findElements(By.cssSelector("#member-features .error")).isEmpty());
    // Erase asks first; cancelling keeps the member.
    driver.findElement(By.id("member-erase")).click();
    BROWSER.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("erase-cancel")));
    driver.findElement(By.id("erase-cancel")).click();
    assertEquals(200, api.get("/v1/customers/" + member + "/export").status());
    // An id with a space, a slash and an umlaut travels as one encoded path segment: the API
    // names the id as the problem (an unencoded slash would reach no route and read "not found").
    WebElement again = driver.findElement(By.id("member-id"));
    again.clear();
    again.sendKeys("Jürgen M/1", Keys.ENTER);
    BROWSER
        .waiting()
        .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#member-risk .error")));
    String error = driver.findElement(By.cssSelector("#member-risk .error")).getText();
    String prefix = message("en", "error.invalid").replace("{field}", "id");
    assertTrue(error.startsWith(prefix.substring(0, prefix.indexOf('{'))), error);
    assertTrue(
        addresses().stream().anyMatch(u -> u.contains("/v1/customers/J%C3%BCrgen%20M%2F1/")),
        addresses().toString());
  }

  @Test
  void theWinBackPageListsTheLapsedMembersTheApiReturns() {
    signIn(TestService.ACME_ALL);
    open("win-back");
    List<String> lapsed = apiIds("status=lapsed&limit=25");
    assertTrue(lapsed.size() >= 2, lapsed.toString());
    waitForRows("win-back-table", lapsed);
    // No band filter on this list (lapsed members have no churn probability).
    assertTrue(driver.findElements(By.name("risk_band")).isEmpty());
  }

  @Test
  void eraseNeedsTheConfirmationAndThenLeavesNothing() {
    String member = "steady-3";
    assertEquals(200, api.get("/v1/customers/" + member + "/export").status());
    signIn(TestService.ACME_ALL);
    open("member");
    BROWSER.waiting().until(d -> d.findElement(By.id("member-id"))).sendKeys(member, Keys.ENTER);
    BROWSER.waiting().until(ExpectedConditions.elementToBeClickable(By.id("member-erase"))).click();
    BROWSER
        .waiting()
        .until(ExpectedConditions.elementToBeClickable(By.id("erase-confirm")))
        .click();
    BROWSER
        .waiting()
        .until(
            ExpectedConditions.textToBe(
                By.id("member-action-status"),
                message("en", "member.erased").replace("{id}", member)));
    assertEquals(404, api.get("/v1/customers/" + member + "/export").status());
  }

  @Test
  void aListsOnlyKeySeesTheMemberButNoAdminActionsAndLooksLogNoImpression() {
    String member = BROWSER.assessed.get(0);
    String log = TestService.keys("acme").rankingLog();
    long logged = BROWSER.service.jedis.xlen(log);
    signIn(TestService.ACME_LISTS);
    open("member");
    BROWSER.waiting().until(d -> d.findElement(By.id("member-id"))).sendKeys(member, Keys.ENTER);
    BROWSER
        .waiting()
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("page"), message("en", "member.adminOnly")));
    assertTrue(driver.findElements(By.id("member-erase")).isEmpty());
    assertTrue(driver.findElements(By.id("member-export")).isEmpty());
    // A marketer's key reads the risk card, the reward preview and the features.
    BROWSER.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("member-status")));
    BROWSER
        .waiting()
        .until(
            d ->
                !d.findElements(By.cssSelector("#member-features table")).isEmpty()
                    || !d.findElements(By.cssSelector("#member-features .error")).isEmpty());
    for (String section : List.of("member-risk", "member-rewards-section", "member-features")) {
      assertTrue(
          driver.findElements(By.cssSelector("#" + section + " .error")).isEmpty(),
          section + ": " + driver.findElement(By.id(section)).getText());
    }
    assertEquals(logged, BROWSER.service.jedis.xlen(log), "looking at a member is no impression");
  }

  @Test
  void switchingToGermanTranslatesThePageAndIsRemembered() throws IOException {
    signIn(TestService.ACME_ALL);
    open("at-risk");
    waitForRows("at-risk-table", apiIds("limit=25"));
    new Select(driver.findElement(By.id("lang"))).selectByValue("de");
    String german = message("de", "nav.atRisk");
    BROWSER
        .waiting()
        .until(
            ExpectedConditions.textToBe(By.cssSelector("#nav-list a[href='#/at-risk']"), german));
    assertEquals("de", js("return document.documentElement.lang"));
    assertEquals(
        message("de", "filter.band"),
        driver.findElement(By.cssSelector("label[for='" + idOf("risk_band") + "']")).getText());
    waitForRows("at-risk-table", apiIds("limit=25"));
    // Percentages in the German form: a decimal comma or a whole number, then a (narrow) space and
    // %.
    String percent = driver.findElement(By.cssSelector("#at-risk-table tbody td.num")).getText();
    assertTrue(percent.matches("\\d+(,\\d)?\\s%"), percent);
    // The export follows the page's language: German CSV (byte order mark, ';' between cells).
    driver.findElement(By.id("at-risk-export")).click();
    Path csv = BROWSER.waiting().until(d -> downloaded("-de.csv"));
    byte[] bytes = Files.readAllBytes(csv);
    assertEquals((byte) 0xEF, bytes[0], "UTF-8 byte order mark");
    String header = new String(bytes, StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
    assertTrue(header.contains(";") && !header.contains(","), header);
    driver.navigate().refresh();
    waitReady();
    BROWSER
        .waiting()
        .until(
            ExpectedConditions.textToBe(By.cssSelector("#nav-list a[href='#/at-risk']"), german));
    new Select(driver.findElement(By.id("lang"))).selectByValue("en");
    BROWSER
        .waiting()
        .until(
            ExpectedConditions.textToBe(
                By.cssSelector("#nav-list a[href='#/at-risk']"), message("en", "nav.atRisk")));
  }

  private String idOf(String name) {
    return driver.findElement(By.name(name)).getAttribute("id");
  }

  @Test
  void atPhoneWidthRowsBecomeCards() {
    driver.manage().window().setSize(new Dimension(390, 844));
    signIn(TestService.ACME_ALL);
    open("at-risk");
    waitForRows("at-risk-table", apiIds("limit=25"));
    assertEquals(
        "absolute",
        js("return getComputedStyle(document.querySelector('#at-risk-table thead')).position"));
    Number width = (Number) js("return document.documentElement.scrollWidth");
    Number viewport = (Number) js("return window.innerWidth");
    assertTrue(width.intValue() <= viewport.intValue(), width + " > " + viewport);
  }

  @Test
  void theDocsListEveryOperationAndTryACallWithAKey() {
    driver.get(BROWSER.base() + "/docs/");
    long operations =
        new Http(BROWSER.base(), null)
            .get("/openapi.yaml")
            .body()
            .lines()
            .filter(l -> l.trim().startsWith("operationId:"))
            .count();
    BROWSER.waiting().until(d -> d.findElements(By.cssSelector(".opblock")).size() == operations);
    driver.findElement(By.cssSelector(".auth-wrapper .authorize")).click();
    WebElement key =
        BROWSER
            .waiting()
            .until(
                ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector(".auth-container input")));
    key.sendKeys(TestService.ACME_LISTS);
    driver.findElement(By.cssSelector(".auth-btn-wrapper .authorize")).click();
    driver.findElement(By.cssSelector(".btn-done")).click();
    WebElement op = driver.findElement(By.cssSelector("[id$='-getKey']"));
    op.findElement(By.cssSelector(".opblock-summary-control")).click();
    // The operation's body renders after the click: look for its buttons inside the wait, not
    // before it.
    BROWSER
        .waiting()
        .until(
            ExpectedConditions.elementToBeClickable(
                By.cssSelector("[id$='-getKey'] .try-out__btn")))
        .click();
    BROWSER
        .waiting()
        .until(ExpectedConditions.elementToBeClickable(By.cssSelector("[id$='-getKey'] .execute")))
        .click();
    BROWSER
        .waiting()
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[id$='-getKey'] .live-responses-table"), "acme-lists"));
    addresses().forEach(u -> assertFalse(u.contains(TestService.ACME_LISTS), u));
    assertNoPolicyViolations();
  }

  @Test
  void aListedMemberOpenedByIdShowsTheTier() {
    // A member with an at-risk row, opened by typing the id (not from the list page): the risk
    // card names the member's tier, the timeline's, as the activity card does.
    String member =
        api.get("/v1/at-risk")
            .json()
            .getJsonArray("rows")
            .getJsonObject(0)
            .getString("customer_id");
    String tier =
        api.get("/v1/customers/" + member + "/timeline")
            .json()
            .getJsonObject("tier")
            .getString("tier");
    signIn(TestService.ACME_ALL);
    open("member");
    BROWSER.waiting().until(d -> d.findElement(By.id("member-id"))).sendKeys(member, Keys.ENTER);
    BROWSER.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("member-tier")));
    assertEquals(message("en", "tier." + tier), driver.findElement(By.id("member-tier")).getText());
  }
}
