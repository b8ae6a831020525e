package dev.treue.core.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where each contract column sits in a file's header. Resolved once per file so that the per-row
 * work is array indexing; header names match case-insensitively and ignoring surrounding blanks,
 * extra columns are ignored, and optional columns may be absent (their values read as null).
 */
public final class ColumnLayout {
  private final List<String> columns;
  private final int[] positions;
  private final int width;

  private ColumnLayout(List<String> columns, int[] positions, int width) {
    this.columns = columns;
    this.positions = positions;
    this.width = width;
  }

  /**
   * Resolves a header.
   *
   * @param columns the contract columns, in the order {@link #pick} returns them
   * @param required columns the file must have
   * @param header the file's header fields
   * @param source the file, for the error message
   * @throws IllegalArgumentException naming the file, the missing or repeated columns and the header
   */
  public static ColumnLayout of(
      List<String> columns, Set<String> required, String[] header, String source) {
    Map<String, Integer> byName = new HashMap<>();
    List<String> repeated = new ArrayList<>();
    for (int i = 0; i < header.length; i++) {
      String name = header[i] == null ? "" : header[i];
      if (i == 0 && !name.isEmpty() && name.charAt(0) == '\uFEFF') {
        name = name.substring(1); // byte order mark written by spreadsheet tools
      }
      name = name.trim().toLowerCase(Locale.ROOT);
      if (byName.putIfAbsent(name, i) != null && columns.contains(name)) {
        repeated.add(name);
      }
    }
    int[] positions = new int[columns.size()];
    List<String> missing = new ArrayList<>();
    for (int c = 0; c < columns.size(); c++) {
      Integer at = byName.get(columns.get(c));
      positions[c] = at == null ? -1 : at;
      if (at == null && required.contains(columns.get(c))) {
        missing.add(columns.get(c));
      }
    }
    if (!missing.isEmpty() || !repeated.isEmpty()) {
      StringBuilder b = new StringBuilder(source).append(": ");
      if (!missing.isEmpty()) {
        b.append("the header lacks required column(s) ").append(missing);
      }
      if (!repeated.isEmpty()) {
        b.append(missing.isEmpty() ? "" : "; ")
            .append("the header repeats column(s) ")
            .append(repeated);
      }
      b.append("; expected columns ")
          .append(columns)
          .append(" (required ")
          .append(required)
          .append("), got header ")
          .append(Arrays.toString(header));
      throw new IllegalArgumentException(b.toString());
    }
    return new ColumnLayout(List.copyOf(columns), positions, header.length);
  }

  /** The values of the contract columns, in contract order; null for columns the file lacks. */
  public String[] pick(String[] fields) {
    String[] out = new String[positions.length];
    for (int c = 0; c < positions.length; c++) {
      int at = positions[c];
      out[c] = at >= 0 && at < fields.length ? fields[at] : null;
    }
    return out;
  }

  /** Number of fields in the header; every row must have exactly this many. */
  public int width() {
    return width;
  }

  /** True when the file has the contract column. */
  public boolean has(String column) {
    int c = columns.indexOf(column);
    return c >= 0 && positions[c] >= 0;
  }

  /** The reason for a row whose field count differs from the header's, or null when it matches. */
  public String widthProblem(String[] fields) {
    if (fields.length == width) {
      return null;
    }
    return "row has "
        + fields.length
        + " fields; expected "
        + width
        + " as in the header"
        + " (quote fields that contain the delimiter)";
  }
}
