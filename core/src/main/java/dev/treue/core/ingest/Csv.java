package dev.treue.core.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 CSV line splitter and field quoter. Imports read files line by line (to keep
 * line numbers for the rejects file), so a record must fit on one line: a quoted field that spans
 * lines is reported as an unterminated quote instead of swallowing the following rows.
 */
public final class Csv {
  private Csv() {}

  /**
   * Splits one line into fields. Quoted fields may contain the delimiter and doubled quotes
   * ({@code ""}); fields are not trimmed.
   *
   * @return the fields, or a reason when the line is not well-formed CSV
   */
  public static Parsed<String[]> split(String line, char delimiter) {
    if (line.indexOf('"') < 0) {
      return Parsed.of(splitPlain(line, delimiter));
    }
    return splitQuoted(line, delimiter);
  }

  private static String[] splitPlain(String line, char delimiter) {
    int n = 1;
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == delimiter) {
        n++;
      }
    }
    String[] out = new String[n];
    int from = 0;
    int k = 0;
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == delimiter) {
        out[k++] = line.substring(from, i);
        from = i + 1;
      }
    }
    out[k] = line.substring(from);
    return out;
  }

  private static Parsed<String[]> splitQuoted(String line, char delimiter) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    int len = line.length();
    while (true) {
      field.setLength(0);
      if (i < len && line.charAt(i) == '"') {
        int openedAt = i;
        i++;
        boolean closed = false;
        while (i < len) {
          char c = line.charAt(i);
          if (c == '"') {
            if (i + 1 < len && line.charAt(i + 1) == '"') {
              field.append('"');
              i += 2;
            } else {
              closed = true;
              i++;
              break;
            }
          } else {
            field.append(c);
            i++;
          }
        }
        if (!closed) {
          return Parsed.reject(
              "unterminated quoted field starting at character "
                  + (openedAt + 1)
                  + "; expected a closing \" on the same line (records may not span lines)");
        }
        if (i < len && line.charAt(i) != delimiter) {
          return Parsed.reject(
              "text after the closing quote of field "
                  + (fields.size() + 1)
                  + "; expected the delimiter '"
                  + delimiter
                  + "' right after a closing \"");
        }
      } else {
        while (i < len && line.charAt(i) != delimiter) {
          field.append(line.charAt(i));
          i++;
        }
      }
      fields.add(field.toString());
      if (i >= len) {
        break;
      }
      i++; // the delimiter
      if (i == len) {
        fields.add("");
        break;
      }
    }
    return Parsed.of(fields.toArray(new String[0]));
  }

  /** A field for writing: quoted when it holds the delimiter, a quote or a line break. */
  public static String quote(String value, char delimiter) {
    if (value == null) {
      return "";
    }
    boolean needs = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == delimiter || c == '"' || c == '\n' || c == '\r') {
        needs = true;
        break;
      }
    }
    if (!needs) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }

  /** A comma separated line of quoted fields, without line end. */
  public static String line(String... values) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(quote(values[i], ','));
    }
    return b.toString();
  }
}
