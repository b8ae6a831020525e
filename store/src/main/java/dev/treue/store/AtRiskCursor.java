package dev.treue.store;

/**
 * Where the next slice of an at-risk list starts: below or at {@code score}, after skipping
 * {@code skip} members that have exactly that score (Redis orders equal scores by id, so the skip is
 * stable while the list does not change). Keeps deep pages cheap: no offset from the top.
 *
 * @param score the highest probability the next slice may hold
 * @param skip members with exactly {@code score} already returned
 */
public record AtRiskCursor(double score, long skip) {

  public AtRiskCursor {
    if (Double.isNaN(score) || skip < 0) {
      throw new IllegalArgumentException("at-risk cursor needs a score and a skip >= 0, got " + score + ", " + skip);
    }
  }
}
