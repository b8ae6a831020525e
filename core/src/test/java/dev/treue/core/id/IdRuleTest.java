package dev.treue.core.id;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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

  private static String escaped(String s) {
    StringBuilder b = new StringBuilder();
    s.chars().forEach(c -> b.append(String.format("\\u%04x", c)));
    return b.toString();
  }
}
