package dev.treue.core.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CsvTest {

  private static String[] split(String line) {
    Parsed<String[]> p = Csv.split(line, ',');
    assertTrue(p.isValid(), p.reason());
    return p.value();
  }

  @Test
  void plainFields() {
    assertArrayEquals(new String[] {"a", "b", "", "d"}, split("a,b,,d"));
    assertArrayEquals(new String[] {"a", ""}, split("a,"));
    assertArrayEquals(new String[] {""}, split(""));
  }

  @Test
  void quotedFields() {
    assertArrayEquals(
        new String[] {"a,b", "say \"hi\"", "c"}, split("\"a,b\",\"say \"\"hi\"\"\",c"));
    assertArrayEquals(new String[] {"x", ""}, split("\"x\","));
    assertArrayEquals(new String[] {"", "y"}, split("\"\",y"));
    assertArrayEquals(new String[] {"a", "b;c"}, Csv.split("a;\"b;c\"", ';').value());
  }

  @Test
  void malformedQuotes() {
    Parsed<String[]> open = Csv.split("a,\"b,c", ',');
    assertFalse(open.isValid());
    assertTrue(open.reason().contains("unterminated"), open.reason());
    Parsed<String[]> trailing = Csv.split("a,\"b\"x,c", ',');
    assertFalse(trailing.isValid());
    assertTrue(trailing.reason().contains("field 2"), trailing.reason());
  }

  @Test
  void quoteRoundTrips() {
    String line = Csv.line("plain", "a,b", "q\"uote", null, "");
    assertEquals("plain,\"a,b\",\"q\"\"uote\",,", line);
    assertArrayEquals(new String[] {"plain", "a,b", "q\"uote", "", ""}, split(line));
  }
}
