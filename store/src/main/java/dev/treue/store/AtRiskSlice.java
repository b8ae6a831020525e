package dev.treue.store;

import java.util.List;

/**
 * One slice of an at-risk list, highest probability first.
 *
 * @param rows the rows found (members whose row vanished between the two reads are left out)
 * @param scanned sorted-set members scanned for this slice
 * @param next where the following slice starts, null when the list is exhausted
 */
public record AtRiskSlice(List<AtRiskEntry> rows, int scanned, AtRiskCursor next) {

  public AtRiskSlice {
    rows = List.copyOf(rows);
  }
}
