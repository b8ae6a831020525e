package dev.treue.core.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.treue.core.event.LoyaltyEvent;
import java.util.List;

/**
 * Brute-force window sums straight from the raw events, independent of {@code CustomerState}: an
 * event of UTC day e is in the N-day window at as-of day D when D - N < e <= D.
 */
final class WindowOracle {
  private WindowOracle() {}

  static void assertMatches(List<LoyaltyEvent> events, int asOf, double[] v, String where) {
    int[] windows = {30, 90, 180, 365};
    ChurnFeature[] freq = {
      ChurnFeature.FREQUENCY_30,
      ChurnFeature.FREQUENCY_90,
      ChurnFeature.FREQUENCY_180,
      ChurnFeature.FREQUENCY_365
    };
    ChurnFeature[] money = {
      ChurnFeature.MONETARY_30,
      ChurnFeature.MONETARY_90,
      ChurnFeature.MONETARY_180,
      ChurnFeature.MONETARY_365
    };
    for (int i = 0; i < windows.length; i++) {
      double count = 0;
      double net = 0;
      for (LoyaltyEvent e : events) {
        if (in(e, asOf, windows[i])) {
          switch (e.type()) {
            case PURCHASE -> {
              count++;
              net += e.amount();
            }
            case RETURN -> net -= e.amount();
            default -> {}
          }
        }
      }
      assertEquals(count, v[freq[i].ordinal()], 0.0, freq[i].featureName() + " " + where);
      assertEquals(net, v[money[i].ordinal()], 1e-6, money[i].featureName() + " " + where);
    }
    assertEquals(
        count(events, asOf, 365, "RETURN"),
        get(v, ChurnFeature.RETURN_RATE_365) * Math.max(1, count(events, asOf, 365, "PURCHASE")),
        1e-9,
        "returns " + where);
    assertEquals(
        count(events, asOf, 365, "POINTS_REDEEMED"),
        get(v, ChurnFeature.REDEMPTIONS_365),
        0.0,
        "redemptions_365 " + where);
    assertEquals(
        count(events, asOf, 365, "OFFER_SENT"),
        get(v, ChurnFeature.OFFERS_SENT_365),
        0.0,
        "offers_sent_365 " + where);
    assertEquals(
        count(events, asOf, 365, "OFFER_REDEEMED"),
        get(v, ChurnFeature.OFFERS_REDEEMED_365),
        0.0,
        "offers_redeemed_365 " + where);
    assertEquals(
        count(events, asOf, 30, "APP_SESSION"),
        get(v, ChurnFeature.APP_SESSIONS_30),
        0.0,
        "app_sessions_30 " + where);
    assertEquals(
        count(events, asOf, 90, "APP_SESSION"),
        get(v, ChurnFeature.APP_SESSIONS_90),
        0.0,
        "app_sessions_90 " + where);
    assertEquals(
        count(events, asOf, 30, "EMAIL_OPEN"),
        get(v, ChurnFeature.EMAIL_OPENS_30),
        0.0,
        "email_opens_30 " + where);
    assertEquals(
        count(events, asOf, 90, "EMAIL_OPEN"),
        get(v, ChurnFeature.EMAIL_OPENS_90),
        0.0,
        "email_opens_90 " + where);
    double expired = 0;
    for (LoyaltyEvent e : events) {
      if (in(e, asOf, 90) && e.type().name().equals("POINTS_EXPIRED")) {
        expired += e.points();
      }
    }
    assertEquals(expired, get(v, ChurnFeature.POINTS_EXPIRED_90), 0.0, "expired_90 " + where);
  }

  private static boolean in(LoyaltyEvent e, int asOf, int days) {
    int d = e.epochDay();
    return d <= asOf && d > asOf - days;
  }

  private static double count(List<LoyaltyEvent> events, int asOf, int days, String type) {
    double n = 0;
    for (LoyaltyEvent e : events) {
      if (in(e, asOf, days) && e.type().name().equals(type)) {
        n++;
      }
    }
    return n;
  }

  private static double get(double[] v, ChurnFeature f) {
    return v[f.ordinal()];
  }
}
