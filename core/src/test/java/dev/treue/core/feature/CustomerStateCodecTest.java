package dev.treue.core.feature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.CustomerStateCodec;
import dev.treue.core.customer.DailyCounter;
import dev.treue.core.customer.Member;
import dev.treue.core.customer.OfferHistory;
import dev.treue.core.customer.WindowedState;
import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The feature cache stores states through {@link CustomerStateCodec}: a decoded state must give the
 * same features, bit for bit, and keep folding events exactly like the original. Lives beside the
 * feature tests because that is the property that matters.
 */
class CustomerStateCodecTest {

  @Test
  void decodedStatesGiveIdenticalFeaturesAndKeepFolding() {
    SplittableRandom r = new SplittableRandom(11);
    int from = Histories.day("2023-01-01");
    int to = Histories.day("2025-06-30");
    long totalBytes = 0;
    for (int m = 0; m < 300; m++) {
      String id = "m" + m;
      List<LoyaltyEvent> history = Histories.randomHistory(r, id, from + r.nextInt(300), to);
      history.sort(Histories.TIME_ORDER);
      int split = history.size() / 2;
      Member member =
          new Member(
              id, from, "silver", CustomerState.NONE, m % 3 == 0 ? null : "family", "web", true);
      CustomerState original = CustomerState.of(member);
      history.subList(0, split).forEach(original::apply);

      byte[] bytes = CustomerStateCodec.encode(original);
      totalBytes += bytes.length;
      CustomerState decoded = CustomerStateCodec.decode(bytes);
      assertArrayEquals(bytes, CustomerStateCodec.encode(decoded), "re-encoding changes nothing");
      for (int asOf : new int[] {to - 400, to - 30, to, to + 365}) {
        assertTrue(
            Arrays.equals(
                ChurnFeatures.compute(original, asOf), ChurnFeatures.compute(decoded, asOf)),
            "features of " + id + " at " + asOf);
      }
      assertEquals(original.offerHistory().keySet(), decoded.offerHistory().keySet());
      for (String offer : original.offerHistory().keySet()) {
        OfferHistory a = original.offerHistory().get(offer);
        OfferHistory b = decoded.offerHistory().get(offer);
        assertEquals(
            List.of(a.sent(), a.lastSentDay(), a.redeemed(), a.lastRedeemedDay()),
            List.of(b.sent(), b.lastSentDay(), b.redeemed(), b.lastRedeemedDay()),
            offer);
      }
      // The decoded state must go on folding like the original (points lots, gaps, pruning).
      for (LoyaltyEvent e : history.subList(split, history.size())) {
        original.apply(e);
        decoded.apply(e);
      }
      assertArrayEquals(CustomerStateCodec.encode(original), CustomerStateCodec.encode(decoded));
      assertTrue(
          Arrays.equals(ChurnFeatures.compute(original, to), ChurnFeatures.compute(decoded, to)));
    }
    assertTrue(totalBytes / 300 < 4_000, "mean state size " + totalBytes / 300 + " bytes");
  }

  @Test
  void fractionalNegativeAndHugeCountersRoundTrip() {
    CustomerState s = new CustomerState("x");
    int day = Histories.day("2025-03-01");
    s.apply(
        new LoyaltyEvent(
            "a", "x", Histories.noon(day), EventType.PURCHASE, 0.1 + 0.2, 0, "ä-ü", null, null));
    s.apply(
        new LoyaltyEvent(
            "b", "x", Histories.noon(day), EventType.RETURN, 9e12, 0, "ä-ü", null, null));
    s.apply(
        new LoyaltyEvent(
            "c",
            "x",
            Histories.noon(day + 1),
            EventType.POINTS_EARNED,
            0,
            Long.MAX_VALUE / 4,
            null,
            null,
            null));
    CustomerState back = CustomerStateCodec.decode(CustomerStateCodec.encode(s));
    assertEquals(s.spend(), back.spend());
    assertEquals(s.categorySpend(), back.categorySpend());
    assertEquals(s.pointsBalance(), back.pointsBalance());
    assertEquals(s.days().size(), back.days().size());
    for (int i = 0; i < s.days().size(); i++) {
      assertEquals(s.days().day(i), back.days().day(i));
      for (int c = 0; c < DailyCounter.COUNT; c++) {
        assertEquals(s.days().get(i, c), back.days().get(i, c));
      }
    }
    assertTrue(
        Arrays.equals(ChurnFeatures.compute(s, day + 2), ChurnFeatures.compute(back, day + 2)));
  }

  @Test
  void theBirthDateRoundTripsAndFormatThreeStatesReadWithoutOne() {
    int birth = Histories.day("1988-02-29");
    CustomerState s =
        CustomerState.of(
            new Member("b", Histories.day("2024-01-01"), "gold", birth, null, "web", true));
    assertEquals(birth, s.birthDay());
    byte[] four = CustomerStateCodec.encode(s);
    assertEquals(4, four[0]);
    CustomerState back = CustomerStateCodec.decode(four);
    assertEquals(birth, back.birthDay());
    assertEquals(birth, back.copy().birthDay());
    // Format 3 is format 4 without the trailing birth date.
    byte[] three = Arrays.copyOf(four, four.length - 4);
    three[0] = 3;
    CustomerState old = CustomerStateCodec.decode(three);
    assertEquals(CustomerState.NONE, old.birthDay());
    assertEquals(s.signupDay(), old.signupDay());
    assertEquals(CustomerState.NONE, new CustomerState("e").birthDay(), "events only: unknown");
  }

  @Test
  void readsFormatOneAndTwoStatesWrittenBeforeOfferHistoryAndTheWindow() {
    CustomerState s =
        CustomerState.of(
            new Member(
                "x",
                Histories.day("2024-01-01"),
                "gold",
                CustomerState.NONE,
                "family",
                "web",
                true));
    byte[] written = CustomerStateCodec.encode(s);
    // Format 3 lacks the trailing birth date (4 bytes).
    byte[] three = Arrays.copyOf(written, written.length - 4);
    three[0] = 3;
    assertArrayEquals(
        written,
        CustomerStateCodec.encode(CustomerStateCodec.decode(three)),
        "read as format 3, written as format 4");
    // Format 2 lacks the window (horizon 8 bytes, absent horizon id 1, no events 1) and the "other"
    // category spend (8 bytes before the offer count, bucket count and trailing 4 + 8 bytes).
    byte[] current = new byte[three.length - 18];
    int other = three.length - 10 - 14 - 8;
    System.arraycopy(three, 0, current, 0, other);
    System.arraycopy(three, other + 8, current, other, current.length - other);
    current[0] = 2;
    WindowedState two = CustomerStateCodec.decodeWindowed(current);
    assertEquals(s.tierRank(), two.view().tierRank());
    assertTrue(two.window().isEmpty());
    assertArrayEquals(
        written, CustomerStateCodec.encode(two), "read as format 2, written as format 4");
    // Format 1 lacks the offer history count, the byte before the (empty) day buckets and the two
    // trailing fields (4 + 8 bytes).
    int historyCount = current.length - 14;
    assertEquals(0, current[historyCount]);
    byte[] formatOne = new byte[current.length - 1];
    System.arraycopy(current, 0, formatOne, 0, historyCount);
    System.arraycopy(
        current, historyCount + 1, formatOne, historyCount, current.length - historyCount - 1);
    formatOne[0] = 1;
    CustomerState back = CustomerStateCodec.decode(formatOne);
    assertEquals(s.tierRank(), back.tierRank());
    assertEquals(s.signupDay(), back.signupDay());
    assertTrue(back.offerHistory().isEmpty());
    assertArrayEquals(
        written, CustomerStateCodec.encode(back), "read as format 1, written as format 4");
  }

  @Test
  void refusesUnknownFormatsAndTruncatedBytes() {
    byte[] bytes = CustomerStateCodec.encode(new CustomerState("x"));
    byte[] future = bytes.clone();
    future[0] = 99;
    assertThrows(IllegalArgumentException.class, () -> CustomerStateCodec.decode(future));
    assertThrows(
        IllegalArgumentException.class,
        () -> CustomerStateCodec.decode(Arrays.copyOf(bytes, bytes.length - 3)));
    assertThrows(IllegalArgumentException.class, () -> CustomerStateCodec.decode(new byte[0]));
  }

  @Test
  void nonAsciiStringsAndEveryTruncationReadLikeTheStreamWroteThem() {
    // The decoder reads ASCII directly and everything else through DataInputStream.readUTF: ids,
    // segments, categories and offer ids outside ASCII (two-, three- and four-byte forms, and
    // U+0000, which modified UTF-8 writes as two bytes) must come back exactly.
    String id = "kunde-\u00fc\u00df-\u20ac-\ud83d\ude00-\u0000";
    int day = Histories.day("2025-03-01");
    long ms = day * 86_400_000L;
    CustomerState s =
        CustomerState.of(
            new Member(id, day - 200, "silver", CustomerState.NONE, "Fu\u00dfball", "web", true));
    s.apply(event("e-\u00e9", id, ms - 50 * 86_400_000L, EventType.PURCHASE, "B\u00fccher", null));
    s.apply(
        event("plain", id, ms - 40 * 86_400_000L, EventType.OFFER_SENT, null, "Gutschein-\u00e4"));
    WindowedState w = WindowedState.settled(s, ms - 10 * 86_400_000L);
    w.offer(event("fenster-\u00f6", id, ms, EventType.PURCHASE, "Kaffee \u2615", null));
    byte[] bytes = CustomerStateCodec.encode(w);

    WindowedState back = CustomerStateCodec.decodeWindowed(bytes);
    assertArrayEquals(bytes, CustomerStateCodec.encode(back), "re-encoding changes nothing");
    CustomerState view = back.view();
    assertEquals(id, view.customerId());
    assertEquals(w.view().categorySpend(), view.categorySpend());
    assertEquals(w.view().offerHistory().keySet(), view.offerHistory().keySet());
    assertTrue(view.categorySpend().containsKey("Kaffee \u2615"), "the window's event is read");
    assertTrue(
        Arrays.equals(ChurnFeatures.compute(w.view(), day), ChurnFeatures.compute(view, day)));
    // From an offset, as the store reads a value behind its header.
    byte[] behind = new byte[bytes.length + 5];
    System.arraycopy(bytes, 0, behind, 5, bytes.length);
    assertArrayEquals(
        bytes, CustomerStateCodec.encode(CustomerStateCodec.decodeWindowed(behind, 5)));

    // Every proper prefix is refused with the codec's own error, never an index exception.
    for (int n = 0; n < bytes.length; n++) {
      byte[] cut = Arrays.copyOf(bytes, n);
      assertThrows(
          IllegalArgumentException.class,
          () -> CustomerStateCodec.decodeForReading(cut),
          "prefix of " + n + " bytes");
    }
  }

  private static LoyaltyEvent event(
      String eventId, String customer, long ms, EventType type, String category, String offer) {
    return new LoyaltyEvent(
        eventId,
        customer,
        ms,
        type,
        type == EventType.PURCHASE ? 12.5 : 0,
        0,
        category,
        offer,
        null);
  }
}
