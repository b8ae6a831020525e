package dev.treue.store;

import java.util.List;

/**
 * One slice of an at-risk list, highest first in the order it was read in.
 *
 * @param rows the rows found (members whose row vanished between the two reads, or below the minimum
 *     probability in value order, are left out)
 * @param cursorsAfter for each row, where a listing that stops after that row goes on
 * @param scanned sorted-set members scanned for this slice
 * @param next where the following slice starts, null when the list is exhausted
 */
public record AtRiskSlice(
    List<AtRiskEntry> rows, List<AtRiskCursor> cursorsAfter, int scanned, AtRiskCursor next) {

  public AtRiskSlice {
    rows = List.copyOf(rows);
    cursorsAfter = List.copyOf(cursorsAfter);
    if (rows.size() != cursorsAfter.size()) {
      throw new IllegalArgumentException(
          rows.size() + " rows but " + cursorsAfter.size() + " cursors");
    }
  }
}
