package dev.treue.serving.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hostile values of the at-risk list's status and band filters (issue 13): each is a 400 problem
 * naming the parameter, for JSON pages and CSV exports alike, never a silently different list.
 */
class AtRiskStatusFilterHostileTest {
  private final Http http = TestService.shared().http(TestService.HOOLI_ALL);

  @Test
  void oddBandsAndStatusesNameTheParameter() {
    for (String[] c :
        List.of(
            new String[] {"risk_band=HIGH", "risk_band"},
            new String[] {"risk_band=high,", "risk_band"},
            new String[] {"risk_band=%20high", "risk_band"},
            new String[] {"risk_band=", "risk_band"},
            new String[] {"risk_band=" + "low,".repeat(40) + "low", "risk_band"},
            new String[] {"status=", "status"},
            new String[] {"status=Lapsed", "status"},
            new String[] {"status=lapsed&status=active", "status"},
            new String[] {"status=never_purchased&min_probability=0", "min_probability"},
            new String[] {"status=never_purchased&risk_band=low", "risk_band"})) {
      for (String accept : List.of("application/json", "text/csv")) {
        Http.Reply r = http.get("/v1/at-risk?" + c[0], "Accept", accept);
        assertEquals(400, r.status(), c[0] + " " + accept + ": " + r);
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        assertEquals(
            c[1],
            r.json().getJsonArray("errors").getJsonObject(0).getString("field"),
            c[0] + ": " + r);
      }
    }
  }

  @Test
  void aCursorForgedForAnotherStatusIsRefused() {
    String forged =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("v3:lapsed:value_at_risk:5.0:0".getBytes(StandardCharsets.UTF_8));
    Http.Reply r = http.get("/v1/at-risk?cursor=" + forged);
    assertEquals(400, r.status(), r.toString());
    assertTrue(r.json().getString("detail").contains("status=lapsed"), r.toString());
    String unknown =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("v3:gone:value_at_risk:5.0:0".getBytes(StandardCharsets.UTF_8));
    assertEquals(400, http.get("/v1/at-risk?cursor=" + unknown).status());
  }
}
