package dev.treue.serving.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.id.IdRule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The contract's id patterns are checked by their {@link IdRule} instead of the regex engine, and
 * the rule accepts exactly what the pattern matches, for every contract pattern that spells one.
 */
class ContractIdPatternsTest {
  private static final String ALPHABET =
      "aZ09._-: /\n\r\t\u0000\u00e9\u0085\u2028\u00a0\uD83D\uDE00\uD800AZaz9_-.";

  @Test
  void everyContractIdPatternIsCheckedByItsRuleExactlyAsTheRegexEngineWould() throws IOException {
    Set<String> patterns = contractPatterns();
    int byRule = 0;
    for (String ecma : patterns) {
      String java = EcmaPattern.toJava(ecma);
      IdRule rule = ContractIds.ruleOf(java);
      if (rule == null) {
        continue;
      }
      byRule++;
      Pattern regex = Pattern.compile(java);
      for (String s : corpus(java, 4_000)) {
        assertEquals(
            regex.matcher(s).matches(),
            rule.accepts(s),
            () -> "pattern " + ecma + " on '" + s.replace("\n", "\\n") + "'");
      }
    }
    assertEquals(2, byRule, "distinct contract patterns checked by an id rule (member, event)");
    // The member and event id patterns are the hot ones (every event, every path with an id).
    assertSame(IdRule.MEMBER, rule("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", patterns));
    assertSame(IdRule.EVENT, rule("^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$", patterns));
  }

  @Test
  void otherPatternsStayWithTheRegexEngine() {
    for (String other :
        List.of(
            "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "^[A-Za-z0-9_-]+$",
            "^[A-Za-z0-9][A-Za-z0-9._-]{0,64}$",
            "[A-Za-z0-9][A-Za-z0-9._-]{0,63}",
            "")) {
      assertNull(ContractIds.ruleOf(EcmaPattern.toJava(other)), other);
    }
  }

  private static IdRule rule(String ecma, Set<String> patterns) {
    assertTrue(patterns.contains(ecma), ecma + " is in the contract");
    return ContractIds.ruleOf(EcmaPattern.toJava(ecma));
  }

  /** Random strings, strings the pattern matches, and those with one character changed or added. */
  private static List<String> corpus(String regex, int n) {
    SplittableRandom rnd = new SplittableRandom(regex.hashCode());
    String members = "abcxyzABCXYZ0123456789._-: ";
    Pattern p = Pattern.compile(regex);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int length = rnd.nextInt(i % 10 == 0 ? 140 : 14);
      StringBuilder s = new StringBuilder();
      String from = i % 3 == 0 ? ALPHABET : members;
      for (int k = 0; k < length; k++) {
        s.append(from.charAt(rnd.nextInt(from.length())));
      }
      out.add(s.toString());
      if (p.matcher(s).matches()) {
        out.add(s + "\n");
        out.add(s + "\u00e9");
        out.add("\uD83D\uDE00" + s);
      }
    }
    out.add("");
    out.add("\n");
    out.add("c0116732");
    out.add("a".repeat(64));
    out.add("a".repeat(65));
    out.add("a".repeat(128));
    out.add("a".repeat(129));
    return out;
  }

  /** Every {@code pattern: '...'} of the OpenAPI contract. */
  private static Set<String> contractPatterns() throws IOException {
    try (InputStream in = ContractIdPatternsTest.class.getResourceAsStream("/openapi.yaml")) {
      String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Matcher m = Pattern.compile("pattern: '([^']*)'").matcher(yaml);
      Set<String> out = new LinkedHashSet<>();
      while (m.find()) {
        out.add(m.group(1));
      }
      return out;
    }
  }
}
