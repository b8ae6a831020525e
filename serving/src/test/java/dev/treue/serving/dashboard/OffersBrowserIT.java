package dev.treue.serving.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.customer.MemberStatus;
import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import dev.treue.store.AtRiskEntry;
import dev.treue.store.AtRiskStore;
import dev.treue.store.RetentionOffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * Offers on the dashboard (issue 14), in a real headless Chromium: the member page lists the offers
 * the service issued the member (issued through the API here), or says there are none; the at-risk
 * page shows a row's retention offer.
 */
class OffersBrowserIT {
  @RegisterExtension static final DashboardBrowser BROWSER = new DashboardBrowser();

  private ChromeDriver driver;
  private Http api;

  @BeforeEach
  void freshTab() {
    driver = BROWSER.driver;
    api = BROWSER.service.http(TestService.ACME_ALL);
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
    driver.get(BROWSER.base() + "/dashboard/");
    waitReady();
    js("sessionStorage.clear(); localStorage.clear();");
    driver.navigate().refresh();
    waitReady();
  }

  private Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  private void waitReady() {
    BROWSER.waiting().until(d -> "true".equals(js("return document.body.dataset.ready || ''")));
  }

  private void signIn() {
    BROWSER
        .waiting()
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")))
        .sendKeys(TestService.ACME_ALL, Keys.ENTER);
  }

  private void open(String route) {
    BROWSER
        .waiting()
        .until(
            ExpectedConditions.elementToBeClickable(
                By.cssSelector("#nav-list a[href='#/" + route + "']")))
        .click();
  }

  private void openMember(String id) {
    open("member");
    WebElement search = BROWSER.waiting().until(d -> d.findElement(By.id("member-id")));
    search.sendKeys(id, Keys.ENTER);
  }

  /** An element's text, read in one script (the page may re-render it meanwhile); null when absent. */
  private String text(String id) {
    return (String)
        js("const e = document.getElementById(arguments[0]); return e ? e.textContent : null", id);
  }

  private static String message(String language, String key) {
    return DashboardCatalogueTest.catalogue(language).getString(key);
  }

  private void putOffer(String offerId) {
    JsonObject offer =
        new JsonObject()
            .put("kind", "discount")
            .put("category", "coffee")
            .put("value", 5)
            .put("cost", 2.5)
            .put("valid_from", "2024-06-01")
            .put("valid_to", "2024-07-31")
            .put("budget", 100)
            .put("per_customer_cap", 3)
            .put("channels", new JsonArray().add("app"));
    Http.Reply r = api.put("/v1/offers/" + offerId, offer);
    assertTrue(r.status() == 200 || r.status() == 201, r.toString());
  }

  private void issue(String member, String offerId, String requestId) {
    Http.Reply r =
        api.post(
            "/v1/customers/" + member + "/offers/" + offerId + ":issue",
            new JsonObject().put("request_id", requestId));
    assertEquals(201, r.status(), r.toString());
  }

  @Test
  void theMemberPageListsTheOffersIssued() {
    String member = BROWSER.assessed.get(0);
    putOffer("dash-coffee");
    issue(member, "dash-coffee", "dash-r1");
    issue(member, "dash-coffee", "dash-r2");
    JsonArray issued =
        api.get("/v1/customers/" + member + "/timeline").json().getJsonArray("offers_issued");
    assertEquals(
        new JsonArray()
            .add(
                new JsonObject()
                    .put("offer_id", "dash-coffee")
                    .put("kind", "discount")
                    .put("category", "coffee")
                    .put("times_issued", 2)),
        issued);

    signIn();
    openMember(member);
    List<String> expected = List.of("dash-coffee", "discount", "coffee", "2");
    BROWSER
        .waiting()
        .until(
            d ->
                expected.equals(
                    js(
                        "return Array.from(document.querySelectorAll("
                            + "'#member-offers-issued tbody td')).map(td => td.textContent)")));
    assertEquals(message("en", "member.offersIssued"), text("member-offers-issued-section-h"));
  }

  @Test
  void aMemberWithoutOffersGetsTheEmptyStateLine() {
    String member = BROWSER.assessed.get(1);
    assertEquals(
        new JsonArray(),
        api.get("/v1/customers/" + member + "/timeline").json().getJsonArray("offers_issued"));
    signIn();
    openMember(member);
    String english = message("en", "member.noOffersIssued");
    BROWSER.waiting().until(d -> english.equals(text("member-no-offers-issued")));
    // In German: the page renders again in the chosen language.
    new Select(driver.findElement(By.id("lang"))).selectByValue("de");
    BROWSER
        .waiting()
        .until(d -> message("de", "member.noOffersIssued").equals(text("member-no-offers-issued")));
    BROWSER
        .waiting()
        .until(
            d ->
                message("de", "member.offersIssued")
                    .equals(text("member-offers-issued-section-h")));
  }

  @Test
  void theAtRiskPageShowsTheRetentionOffer() {
    RetentionOffer offer =
        new RetentionOffer("dash-retain", 0.25, 4.5, List.of("retention pick: churn risk 99%"));
    new AtRiskStore(BROWSER.service.jedis)
        .put(
            TestService.keys("acme"),
            new AtRiskEntry(
                    "offer-row",
                    0.99,
                    "high",
                    "gold",
                    "family",
                    9_900.0,
                    10_000.0,
                    0.5,
                    List.of("no purchase for 90 days, usually every 12"),
                    1_719_000_000_000L,
                    (int) LocalDate.parse(TestService.TODAY).toEpochDay(),
                    MemberStatus.ACTIVE,
                    1.0,
                    null,
                    null)
                .withRetentionOffer(offer));
    JsonObject first = api.get("/v1/at-risk?limit=25").json().getJsonArray("rows").getJsonObject(0);
    assertEquals("offer-row", first.getString("customer_id"));
    assertEquals("dash-retain", first.getJsonObject("retention_offer").getString("offer_id"));

    signIn();
    open("at-risk");
    String script =
        "const e = document.querySelector(\"#at-risk-table tr[data-id='offer-row'] .retention-offer\");"
            + " return e ? [e.textContent, e.title,"
            + " document.querySelector('#at-risk-table thead').textContent] : null";
    BROWSER.waiting().until(d -> js(script) != null);
    @SuppressWarnings("unchecked")
    List<String> cell = (List<String>) js(script);
    assertTrue(cell.get(0).startsWith("dash-retain ("), cell.toString());
    assertEquals("retention pick: churn risk 99%", cell.get(1));
    assertTrue(cell.get(2).contains(message("en", "col.retentionOffer")), cell.get(2));
  }
}
