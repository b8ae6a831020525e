package dev.treue.training.files;

import java.util.ArrayList;
import java.util.List;

/** The fields of one line of a CSV file a job wrote, for tests that read the files back. */
public final class CsvFields {
  private CsvFields() {}

  /**
   * The line's fields between {@code separator}s (',' in English files, ';' in German ones), RFC
   * 4180 quotes read (a quoted field may hold the separator; a doubled quote is one quote); a UTF-8
   * byte order mark at the start is not part of the first field.
   */
  public static List<String> of(String line, char separator) {
    List<String> out = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    String text = line.startsWith("\uFEFF") ? line.substring(1) : line;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted && c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
        field.append('"');
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == separator && !quoted) {
        out.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    out.add(field.toString());
    return out;
  }
}
