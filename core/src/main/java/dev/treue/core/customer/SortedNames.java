package dev.treue.core.customer;

import java.util.Arrays;

/**
 * The lookup of a name in the first {@code size} places of an array of names sorted by {@link
 * String#compareTo}: one definition for the state's arrays keyed by name ({@link CategorySpend},
 * {@link OfferHistories}), which keep their values beside it in arrays of their own types.
 */
final class SortedNames {
  private SortedNames() {}

  /**
   * The index of {@code name}, or {@code -(insertion point) - 1}. The last name is tried first: a
   * decoder's names come in sorted, each after the last.
   */
  static int indexOf(String[] names, int size, String name) {
    if (size == 0) {
      return -1;
    }
    int last = names[size - 1].compareTo(name);
    if (last <= 0) {
      return last == 0 ? size - 1 : -size - 1;
    }
    return Arrays.binarySearch(names, 0, size - 1, name);
  }
}
