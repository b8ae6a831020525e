package dev.treue.serving.atrisk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.treue.core.churn.ChurnScore;
import dev.treue.core.customer.MemberStatus;
import dev.treue.core.i18n.Language;
import dev.treue.core.i18n.ListColumn;
import dev.treue.core.i18n.Numbers;
import dev.treue.core.reason.RewardPhrase;
import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import dev.treue.store.AtRiskEntry;
import dev.treue.store.AtRiskStore;
import dev.treue.store.RetentionOffer;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The retention offer's explanation ({@code retention_offer.why}, {@code retention_offer_why}) of
 * a row written language-neutral is read in the language the request asks for, like the reasons;
 * a row written before, with the explanation in words, is read as it was written.
 */
class AtRiskOfferWhyLanguageTest {
  /** What materialize stores: the explanation's phrases and quantities, no words. */
  private static final List<String> NEUTRAL =
      List.of("r1|offer.CATEGORY_SHARE|%0.62|scoffee", "r1|offer.RETENTION_PICK|%0.7123");

  private static final List<String> WORDS = List.of("retention pick: churn risk 55%");
  private static TestService service;
  private static Http http;

  @BeforeAll
  static void start() {
    service = TestService.start(new JsonObject().put("language", "en"), false);
    http = service.http(TestService.ACME_ALL);
    AtRiskStore store = new AtRiskStore(service.jedis);
    store.put(TestService.keys("acme"), row("neutral-offer", 0.71, NEUTRAL));
    store.put(TestService.keys("acme"), row("worded-offer", 0.55, WORDS));
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private static AtRiskEntry row(String id, double p, List<String> why) {
    return new AtRiskEntry(
            id,
            p,
            "high",
            "gold",
            null,
            p * 1_000,
            1_000.0,
            0.5,
            List.of(),
            1_719_000_000_000L,
            (int) LocalDate.parse(TestService.TODAY).toEpochDay(),
            MemberStatus.ACTIVE,
            1.0,
            null,
            null)
        .withRetentionOffer(new RetentionOffer("o-" + id, 0.25, 4.5, why));
  }

  /** The explanation as the rewards API writes it in {@code language}. */
  private static List<String> expected(Language language) {
    return List.of(
        RewardPhrase.CATEGORY_SHARE.fill(language, Numbers.percent(language, 0.62), "coffee"),
        RewardPhrase.RETENTION_PICK.fill(language, Numbers.percent(language, 0.7123)));
  }

  private static List<String> jsonWhy(String id, String query, String... headers) {
    String path = "/v1/at-risk?min_probability=0" + query;
    Http.Reply r = headers.length == 0 ? http.get(path) : http.get(path, headers[0], headers[1]);
    assertEquals(200, r.status(), r.toString());
    for (Object o : r.json().getJsonArray("rows")) {
      JsonObject row = (JsonObject) o;
      if (row.getString("customer_id").equals(id)) {
        return row.getJsonObject("retention_offer").getJsonArray("why").stream()
            .map(String.class::cast)
            .toList();
      }
    }
    throw new AssertionError(id + " not listed: " + r.body());
  }

  private static String csvWhy(String id, String language) {
    Http.Reply r =
        http.get(
            "/v1/at-risk?min_probability=0", "Accept", "text/csv", "Accept-Language", language);
    assertEquals(200, r.status(), r.toString());
    String body = r.body().startsWith("\uFEFF") ? r.body().substring(1) : r.body();
    char separator = body.startsWith("customer_id,") ? ',' : ';';
    List<List<String>> rows = GermanAtRiskCsvTest.parse(body, separator);
    int why = AtRiskRoutes.CSV_COLUMNS.indexOf(ListColumn.RETENTION_OFFER_WHY);
    for (List<String> row : rows.subList(1, rows.size())) {
      if (row.get(0).equals(id)) {
        return row.get(why);
      }
    }
    throw new AssertionError(id + " not listed: " + body);
  }

  @Test
  void jsonGivesTheOfferExplanationInTheRequestedLanguage() {
    assertEquals(expected(Language.DE), jsonWhy("neutral-offer", "", "Accept-Language", "de"));
    assertEquals(expected(Language.DE), jsonWhy("neutral-offer", "&locale=de"));
    assertEquals(expected(Language.EN), jsonWhy("neutral-offer", "&locale=en"));
  }

  @Test
  void csvGivesTheOfferExplanationInTheRequestedLanguage() {
    assertEquals(ChurnScore.joined(expected(Language.DE)), csvWhy("neutral-offer", "de"));
    assertEquals(ChurnScore.joined(expected(Language.EN)), csvWhy("neutral-offer", "en"));
  }

  @Test
  void anExplanationWrittenInWordsIsReadAsWritten() {
    assertEquals(WORDS, jsonWhy("worded-offer", "", "Accept-Language", "de"));
    assertEquals(ChurnScore.joined(WORDS), csvWhy("worded-offer", "de"));
  }
}
