package dev.treue.store;

/**
 * Where the next slice of an at-risk list starts: below or at {@code score}, after skipping
 * {@code skip} members that have exactly that score (Redis orders equal scores by id, so the skip is
 * stable while the list does not change). Keeps deep pages cheap: no offset from the top. The score
 * is in the order the slice was read in ({@link AtRiskOrder}): a cursor of one order means nothing in
 * the other.
 *
 * @param score the highest score (probability or value at risk) the next slice may hold
 * @param skip members with exactly {@code score} already returned
 */
public record AtRiskCursor(double score, long skip) {

  public AtRiskCursor {
    if (Double.isNaN(score) || skip < 0) {
      throw new IllegalArgumentException(
          "at-risk cursor needs a score and a skip >= 0, got " + score + ", " + skip);
    }
  }
}
