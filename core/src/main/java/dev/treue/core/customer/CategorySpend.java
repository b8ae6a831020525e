package dev.treue.core.customer;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A member's net spend by category, the names in {@link String#compareTo} order (as a {@code
 * TreeMap} keeps them), in two arrays: a replay adds to it for every purchase and return, and a
 * sorted map of boxed sums cost a node and a box for every new name and a box for every sum (the
 * map's frames were about a tenth of a replay's profile). A member has a handful of categories, at
 * most {@link CustomerState#MAX_CATEGORIES}, so finding one is a short binary search.
 *
 * <p>Read only outside this package; {@link CustomerState} changes it as it folds events.
 */
public final class CategorySpend implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String[] NO_NAMES = {};
  private static final double[] NO_SPEND = {};

  private String[] names = NO_NAMES;
  private double[] spend = NO_SPEND;
  private int size;

  CategorySpend() {}

  /** Categories held. */
  public int size() {
    return size;
  }

  /** The {@code i}-th category's name, in ascending order of names. */
  public String name(int i) {
    return names[i];
  }

  /** The {@code i}-th category's net spend. */
  public double spend(int i) {
    return spend[i];
  }

  /** The net spend of {@code name}, or {@code absent} when it is not held. */
  public double get(String name, double absent) {
    int i = indexOf(name);
    return i >= 0 ? spend[i] : absent;
  }

  /** The categories as a sorted map, a copy (for reports and tests; replays read the arrays). */
  public SortedMap<String, Double> asMap() {
    TreeMap<String, Double> m = new TreeMap<>();
    for (int i = 0; i < size; i++) {
      m.put(names[i], spend[i]);
    }
    return Collections.unmodifiableSortedMap(m);
  }

  /**
   * Adds {@code amount} to {@code name}'s sum, holding the name from then on (a sum of 0 stays, as
   * {@code Map.merge} with {@code Double::sum} keeps it).
   */
  void add(String name, double amount) {
    int i = indexOf(name);
    if (i >= 0) {
      spend[i] += amount;
    } else {
      insert(-i - 1, name, amount);
    }
  }

  /** Sets {@code name}'s sum, replacing one held (the decoder's way in, in any order). */
  void put(String name, double value) {
    int i = indexOf(name);
    if (i >= 0) {
      spend[i] = value;
    } else {
      insert(-i - 1, name, value);
    }
  }

  /** Forgets {@code name} when it is held. */
  void remove(String name) {
    int i = indexOf(name);
    if (i >= 0) {
      removeAt(i);
    }
  }

  /** Forgets the {@code i}-th category. */
  void removeAt(int i) {
    System.arraycopy(names, i + 1, names, i, size - i - 1);
    System.arraycopy(spend, i + 1, spend, i, size - i - 1);
    size--;
    names[size] = null;
    spend[size] = 0;
  }

  /** An independent copy. */
  CategorySpend copy() {
    CategorySpend c = new CategorySpend();
    c.names = Arrays.copyOf(names, size);
    c.spend = Arrays.copyOf(spend, size);
    c.size = size;
    return c;
  }

  /** The index of {@code name}, or {@code -(insertion point) - 1} ({@link SortedNames#indexOf}). */
  private int indexOf(String name) {
    return SortedNames.indexOf(names, size, name);
  }

  private void insert(int at, String name, double value) {
    if (size == names.length) {
      int room = Math.max(4, size * 2);
      names = Arrays.copyOf(names, room);
      spend = Arrays.copyOf(spend, room);
    }
    System.arraycopy(names, at, names, at + 1, size - at);
    System.arraycopy(spend, at, spend, at + 1, size - at);
    names[at] = name;
    spend[at] = value;
    size++;
  }
}
