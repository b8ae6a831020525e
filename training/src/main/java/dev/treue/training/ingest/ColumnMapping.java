package dev.treue.training.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which column of a shop export feeds which contract field, from {@code --map
 * customer_id=CustomerID,ts=InvoiceDate,amount=UnitPrice,quantity=Quantity}.
 *
 * <p>Fields: {@code customer_id} and {@code ts} (required), {@code amount}, {@code quantity},
 * {@code event_id}, {@code category}, {@code channel}. With {@code quantity} mapped, {@code amount} is
 * the unit price and the event amount is quantity times price.
 */
public final class ColumnMapping {
  /** Contract fields a mapping may name. */
  public static final List<String> FIELDS =
      List.of("customer_id", "ts", "amount", "quantity", "event_id", "category", "channel");

  private static final List<String> REQUIRED = List.of("customer_id", "ts");

  private final Map<String, String> columnByField;

  private ColumnMapping(Map<String, String> columnByField) {
    this.columnByField = columnByField;
  }

  /**
   * Parses {@code field=COLUMN} pairs separated by commas.
   *
   * @throws IllegalArgumentException naming the bad pair and the accepted fields
   */
  public static ColumnMapping parse(String spec) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String pair : spec.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        throw new IllegalArgumentException(
            "--map: expected field=COLUMN pairs separated by commas, got '" + pair.trim() + "'");
      }
      String field = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      String column = pair.substring(eq + 1).trim();
      if (!FIELDS.contains(field)) {
        throw new IllegalArgumentException(
            "--map: unknown field '" + field + "'; expected one of " + FIELDS);
      }
      if (map.put(field, column) != null) {
        throw new IllegalArgumentException("--map: field '" + field + "' is mapped twice");
      }
    }
    List<String> missing = new ArrayList<>();
    for (String r : REQUIRED) {
      if (!map.containsKey(r)) {
        missing.add(r);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "--map: needs "
              + missing
              + " (e.g. customer_id=CustomerID,ts=InvoiceDate,"
              + "amount=Total); got '"
              + spec
              + "'");
    }
    return new ColumnMapping(map);
  }

  /** True when {@code field} is mapped. */
  public boolean has(String field) {
    return columnByField.containsKey(field);
  }

  /** The source column of a field, or null. */
  public String column(String field) {
    return columnByField.get(field);
  }

  /**
   * Positions in the header of each of {@link #FIELDS} (-1 when not mapped). Exact names win; a
   * case-insensitive match is accepted when it is unique.
   *
   * @throws IllegalArgumentException naming the file, the missing columns and the header
   */
  int[] positions(String[] header, String source) {
    int[] pos = new int[FIELDS.size()];
    List<String> missing = new ArrayList<>();
    for (int f = 0; f < FIELDS.size(); f++) {
      String column = columnByField.get(FIELDS.get(f));
      pos[f] = column == null ? -1 : find(header, column);
      if (column != null && pos[f] < 0) {
        missing.add(FIELDS.get(f) + "=" + column);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          source
              + ": mapped column(s) not in the header: "
              + missing
              + "; header is "
              + Arrays.toString(header));
    }
    return pos;
  }

  private static int find(String[] header, String column) {
    int loose = -1;
    int looseCount = 0;
    for (int i = 0; i < header.length; i++) {
      String h = header[i].trim();
      if (i == 0 && h.startsWith("\uFEFF")) {
        h = h.substring(1);
      }
      if (h.equals(column)) {
        return i;
      }
      if (h.equalsIgnoreCase(column)) {
        loose = i;
        looseCount++;
      }
    }
    return looseCount == 1 ? loose : -1;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    columnByField.forEach(
        (k, v) -> b.append(b.length() == 0 ? "" : ",").append(k).append('=').append(v));
    return b.toString();
  }
}
