package dev.treue.core.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Ids are matched whole: no line break of any kind, no invisible character, no trimming. */
class IdRuleTest {
  @Test
  void aValidIdWithAnythingAfterOrBeforeItIsRefused() {
    List<String> spoilers =
        List.of(
            "\n", "\r\n", "\r", "\u2028", "\u2029", "\u0085", "\u0000", "\uFEFF", "\ud800",
            "e\u0301", "\u202E", " ", "\t");
    for (IdRule rule : IdRule.values()) {
      assertTrue(rule.accepts("c0000001"), rule.name());
      for (String s : spoilers) {
        assertFalse(rule.accepts("c0000001" + s), rule + " accepts a trailing " + escaped(s));
        assertFalse(rule.accepts(s + "c0000001"), rule + " accepts a leading " + escaped(s));
      }
      assertFalse(rule.accepts(""));
      assertFalse(rule.accepts(null));
      assertTrue(rule.accepts("a".repeat(rule.maxLength())));
      assertFalse(rule.accepts("a".repeat(rule.maxLength() + 1)));
    }
    assertTrue(IdRule.EVENT.accepts("pos:42"));
    assertFalse(IdRule.MEMBER.accepts("pos:42"));
  }

  @Test
  void theHandCheckAcceptsExactlyWhatTheRegexAccepts() {
    Random random = new Random(17);
    String pool = "aZz09._-:/ \t\n\u00e9\u0130\u212a\ud83d\ude00\u0000\u007f\uff10";
    for (IdRule rule : IdRule.values()) {
      Pattern regex = Pattern.compile(rule.regex());
      for (int c = 0; c < 0x3000; c++) {
        String one = String.valueOf((char) c);
        assertEquals(regex.matcher(one).matches(), rule.accepts(one), rule + " " + escaped(one));
        assertEquals(
            regex.matcher("a" + one).matches(),
            rule.accepts("a" + one),
            rule + " a" + escaped(one));
      }
      for (int i = 0; i < 5_000; i++) {
        int length = random.nextInt(rule.maxLength() + 3);
        StringBuilder id = new StringBuilder();
        for (int j = 0; j < length; j++) {
          // Mostly valid characters, so that long valid ids and near misses both come up.
          id.append(
              random.nextInt(20) == 0
                  ? pool.charAt(random.nextInt(pool.length()))
                  : "abc019_.-".charAt(random.nextInt(9)));
        }
        String text = id.toString();
        assertEquals(regex.matcher(text).matches(), rule.accepts(text), rule + " " + escaped(text));
      }
    }
  }

  private static String escaped(String s) {
    StringBuilder b = new StringBuilder();
    s.chars().forEach(c -> b.append(String.format("\\u%04x", c)));
    return b.toString();
  }
}
