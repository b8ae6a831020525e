package dev.treue.core.customer;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A member's offer histories by offer id, the ids in {@link String#compareTo} order (as a {@code
 * TreeMap} keeps them), in two arrays: every send and redemption looks its offer up, and a ranking
 * looks up every live offer, where a tree walked a node per comparison and made a node per new
 * offer. A member holds at most {@link CustomerState#MAX_OFFERS}, mostly a few.
 *
 * <p>Read only outside this package; {@link CustomerState} changes it as it folds events.
 */
public final class OfferHistories implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String[] NO_IDS = {};
  private static final OfferHistory[] NO_HISTORIES = {};

  private String[] ids = NO_IDS;
  private OfferHistory[] histories = NO_HISTORIES;
  private int size;

  OfferHistories() {}

  /** Offers held. */
  public int size() {
    return size;
  }

  /** Whether no offer is held. */
  public boolean isEmpty() {
    return size == 0;
  }

  /** The {@code i}-th offer's id, in ascending order of ids. */
  public String id(int i) {
    return ids[i];
  }

  /** The {@code i}-th offer's history. */
  public OfferHistory history(int i) {
    return histories[i];
  }

  /** The history of {@code offerId}, or null when it is not held. */
  public OfferHistory get(String offerId) {
    int i = indexOf(offerId);
    return i >= 0 ? histories[i] : null;
  }

  /** The histories as a sorted map, a copy of the map (for reports and tests). */
  public SortedMap<String, OfferHistory> asMap() {
    TreeMap<String, OfferHistory> m = new TreeMap<>();
    for (int i = 0; i < size; i++) {
      m.put(ids[i], histories[i]);
    }
    return Collections.unmodifiableSortedMap(m);
  }

  /** Sets {@code offerId}'s history, replacing one held (the decoder's way in, in any order). */
  void put(String offerId, OfferHistory h) {
    int i = indexOf(offerId);
    if (i >= 0) {
      histories[i] = h;
    } else {
      insert(-i - 1, offerId, h);
    }
  }

  /** Forgets the {@code i}-th offer. */
  void removeAt(int i) {
    System.arraycopy(ids, i + 1, ids, i, size - i - 1);
    System.arraycopy(histories, i + 1, histories, i, size - i - 1);
    size--;
    ids[size] = null;
    histories[size] = null;
  }

  /** Forgets every offer whose last send or redemption is on or before {@code day}. */
  void forgetUpTo(int day) {
    int kept = 0;
    for (int i = 0; i < size; i++) {
      if (histories[i].lastDay() > day) {
        ids[kept] = ids[i];
        histories[kept++] = histories[i];
      }
    }
    Arrays.fill(ids, kept, size, null);
    Arrays.fill(histories, kept, size, null);
    size = kept;
  }

  /** An independent copy, each history copied. */
  OfferHistories copy() {
    OfferHistories c = new OfferHistories();
    c.ids = Arrays.copyOf(ids, size);
    c.histories = new OfferHistory[size];
    for (int i = 0; i < size; i++) {
      OfferHistory h = histories[i];
      c.histories[i] = new OfferHistory(h.sent, h.lastSentDay, h.redeemed, h.lastRedeemedDay);
    }
    c.size = size;
    return c;
  }

  /** The index of {@code offerId}, or {@code -(insertion point) - 1} ({@link SortedNames#indexOf}). */
  int indexOf(String offerId) {
    return SortedNames.indexOf(ids, size, offerId);
  }

  /** Makes room for and adds a history at {@code at}, returning it. */
  OfferHistory insert(int at, String offerId, OfferHistory h) {
    if (size == ids.length) {
      int room = Math.max(4, size * 2);
      ids = Arrays.copyOf(ids, room);
      histories = Arrays.copyOf(histories, room);
    }
    System.arraycopy(ids, at, ids, at + 1, size - at);
    System.arraycopy(histories, at, histories, at + 1, size - at);
    ids[at] = offerId;
    histories[at] = h;
    size++;
    return h;
  }
}
