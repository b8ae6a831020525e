package dev.treue.core.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HoldoutTest {
  private static final int MEMBERS = 100_000;

  @Test
  void theShareIsHeldOutWithinBinomialError() {
    for (double share : new double[] {0.05, 0.1, 0.5}) {
      Holdout holdout = Holdout.of(share, "spring-2026");
      int held = 0;
      for (int i = 0; i < MEMBERS; i++) {
        if (holdout.heldOut("c-" + i)) {
          held++;
        }
      }
      double sd = Math.sqrt(MEMBERS * share * (1 - share));
      assertTrue(
          Math.abs(held - MEMBERS * share) < 4 * sd,
          "share " + share + ": " + held + " of " + MEMBERS + " held out");
    }
  }

  @Test
  void aMemberStaysInTheGroupAndARaisedShareOnlyAdds() {
    Holdout five = Holdout.of(0.05, "s");
    Holdout ten = Holdout.of(0.10, "s");
    for (int i = 0; i < 20_000; i++) {
      String id = "m" + i;
      boolean first = five.heldOut(id);
      assertEquals(first, Holdout.of(0.05, "s").heldOut(id));
      if (first) {
        assertTrue(ten.heldOut(id), id + " was released by a larger share");
      }
    }
  }

  @Test
  void theSaltDrawsAnotherGroup() {
    Holdout a = Holdout.of(0.5, "a");
    Holdout b = Holdout.of(0.5, "b");
    int differ = 0;
    for (int i = 0; i < 10_000; i++) {
      if (a.heldOut("c" + i) != b.heldOut("c" + i)) {
        differ++;
      }
    }
    // Independent halves disagree about half the time.
    assertTrue(differ > 4_500 && differ < 5_500, differ + " of 10000 differ");
  }

  @Test
  void theAssignmentIsTheDocumentedHashForAsciiAndUnicodeIds() throws Exception {
    for (String id : List.of("c-000042", "müller-ß", "顧客-7", "c1", "😀", "")) {
      double fraction = referenceFraction("spring-2026", id);
      assertEquals(fraction, Holdout.fraction("spring-2026", id), 0.0, id);
      for (double share : new double[] {0.05, 0.15, 0.5, 0.9}) {
        assertEquals(
            fraction < share, Holdout.of(share, "spring-2026").heldOut(id), id + " " + share);
      }
    }
  }

  @Test
  void theSameFractionsAsAnotherLanguageComputes() {
    // Computed outside the JVM (Python hashlib, the documented hash): the assignment does not
    // depend on the platform, its default charset or its JVM.
    Map<String, Double> python =
        Map.of(
            "c-000042", 0.16418440921209965,
            "müller-ß", 0.13964243239704033,
            "顧客-7", 0.6504828187839796,
            "c1", 0.41693757338516724);
    python.forEach((id, f) -> assertEquals(f, Holdout.fraction("spring-2026", id), 0.0, id));
    assertTrue(Holdout.of(0.15, "spring-2026").heldOut("müller-ß"));
    assertFalse(Holdout.of(0.15, "spring-2026").heldOut("c-000042"));
  }

  @Test
  void saltAndIdAreKeptApart() {
    assertTrue(Holdout.fraction("ab", "c") != Holdout.fraction("a", "bc"));
  }

  @Test
  void shareZeroHoldsNobodyAndSharesOutsideTheRangeAreRefused() {
    for (int i = 0; i < 1_000; i++) {
      assertFalse(Holdout.NONE.heldOut("c" + i));
      assertFalse(Holdout.of(0, "x").heldOut("c" + i));
    }
    for (double bad : new double[] {-0.01, 1, 1.5, Double.NaN, Double.POSITIVE_INFINITY}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Holdout.of(bad, "s"));
      assertTrue(e.getMessage().contains("0 <= share < 1"), e.getMessage());
    }
    assertThrows(NullPointerException.class, () -> Holdout.of(0.1, null));
  }

  @Test
  void tenantsWithoutAGroupHoldNobody() {
    Holdouts all = new Holdouts(Map.of("acme", Holdout.of(0.5, "s")));
    int held = 0;
    for (int i = 0; i < 1_000; i++) {
      assertFalse(all.heldOut("other", "c" + i));
      held += all.heldOut("acme", "c" + i) ? 1 : 0;
    }
    assertTrue(held > 400 && held < 600, held + "");
  }

  /** The documented hash, written apart from {@link Holdout}: exact arithmetic on the first 8 bytes. */
  private static double referenceFraction(String salt, String id) throws Exception {
    byte[] s = salt.getBytes(StandardCharsets.UTF_8);
    byte[] i = id.getBytes(StandardCharsets.UTF_8);
    byte[] input = new byte[4 + s.length + i.length];
    input[0] = (byte) (s.length >>> 24);
    input[1] = (byte) (s.length >>> 16);
    input[2] = (byte) (s.length >>> 8);
    input[3] = (byte) s.length;
    System.arraycopy(s, 0, input, 4, s.length);
    System.arraycopy(i, 0, input, 4 + s.length, i.length);
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(input);
    BigInteger first8 = new BigInteger(1, Arrays.copyOf(digest, 8));
    BigInteger top53 = first8.shiftRight(11);
    return new BigDecimal(top53)
        .divide(new BigDecimal(BigInteger.ONE.shiftLeft(53)), MathContext.DECIMAL128)
        .doubleValue();
  }
}
