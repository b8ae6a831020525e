package dev.treue.serving.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** Class sequences match exactly what the regex engine matches, for every pattern of the contract. */
class ClassSequenceTest {
  private static final String ALPHABET =
      "aZ09._-: /\n\r\t\u0000\u00e9\u0085\u2028\u00a0\uD83D\uDE00\uD800AZaz9_-.";

  @Test
  void everyContractPatternOfThisShapeMatchesAsTheRegexEngineDoes() throws IOException {
    Set<String> patterns = contractPatterns();
    int simple = 0;
    for (String ecma : patterns) {
      String java = EcmaPattern.toJava(ecma);
      var fast = ClassSequence.of(java);
      if (fast.isEmpty()) {
        continue;
      }
      simple++;
      Pattern regex = Pattern.compile(java);
      for (String s : corpus(java, 4_000)) {
        assertEquals(
            regex.matcher(s).matches(),
            fast.get().matches(s),
            () -> "pattern " + ecma + " on '" + s.replace("\n", "\\n") + "'");
      }
    }
    // The id, event id and date patterns are the contract's hot ones: all must take the fast path.
    assertTrue(simple >= 6, "class sequences among the contract's patterns: " + simple);
    for (String hot :
        List.of(
            "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$",
            "^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$",
            "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "^[A-Za-z0-9_-]+$")) {
      assertTrue(patterns.contains(hot), hot + " is in the contract");
      assertTrue(ClassSequence.of(EcmaPattern.toJava(hot)).isPresent(), hot);
    }
  }

  @Test
  void otherShapesStayWithTheRegexEngine() {
    for (String other :
        List.of(
            "^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$",
            "^(low|medium|high)(,(low|medium|high))*$",
            "^[a-z]+[0-9]$",
            "^[^a-z]{2}$",
            "^[a-z]{1,3}?$",
            "^[a-z]++$",
            "^.{3}$",
            "^[\\w]+$",
            "^[a-z&&[^x]]+$",
            "^é+$",
            "")) {
      assertTrue(ClassSequence.of(EcmaPattern.toJava(other)).isEmpty(), other);
    }
  }

  @Test
  void randomSequencesAgreeWithTheRegexEngine() {
    SplittableRandom rnd = new SplittableRandom(5);
    String[] classes = {"[a-z]", "[A-Za-z0-9._-]", "[0-9]", "x", "-", "[ _:]", "[b-d0-2]"};
    String[] counts = {"", "?", "*", "+", "{2}", "{0,3}", "{1,}", "{0}"};
    for (int p = 0; p < 300; p++) {
      StringBuilder regex = new StringBuilder(rnd.nextBoolean() ? "^" : "");
      int elements = 1 + rnd.nextInt(4);
      for (int e = 0; e < elements; e++) {
        regex.append(classes[rnd.nextInt(classes.length)]);
        regex.append(
            e + 1 < elements
                ? (rnd.nextBoolean() ? "" : "{3}")
                : counts[rnd.nextInt(counts.length)]);
      }
      regex.append(rnd.nextBoolean() ? "\\z" : "");
      String java = regex.toString();
      var fast = ClassSequence.of(java);
      assertTrue(fast.isPresent(), java);
      Pattern engine = Pattern.compile(java);
      for (String s : corpus(java, 300)) {
        assertEquals(engine.matcher(s).matches(), fast.get().matches(s), java + " on '" + s + "'");
      }
    }
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
    out.add("2026-12-06");
    out.add("2026-12-06\n");
    out.add("c0116732");
    out.add("a".repeat(64));
    out.add("a".repeat(65));
    out.add("a".repeat(128));
    return out;
  }

  /** Every {@code pattern: '...'} of the OpenAPI contract. */
  private static Set<String> contractPatterns() throws IOException {
    try (InputStream in = ClassSequenceTest.class.getResourceAsStream("/openapi.yaml")) {
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
