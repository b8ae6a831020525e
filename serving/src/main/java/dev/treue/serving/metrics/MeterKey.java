package dev.treue.serving.metrics;

import java.util.Objects;

/**
 * What finds a meter in this package's maps: up to three label strings (any of them null) and a
 * number, compared by value, hashed once. Not a record: a record's equals and hashCode go through
 * method handles, which kept the request meters at most of their old cost in a JFR profile of
 * churn-risk load (9.4% of samples against 3.7% with this class).
 */
final class MeterKey {
  final String first;
  final String second;
  final String third;
  final int number;
  private final int hash;

  MeterKey(String first, String second, String third, int number) {
    this.first = first;
    this.second = second;
    this.third = third;
    this.number = number;
    this.hash =
        ((Objects.hashCode(first) * 31 + Objects.hashCode(second)) * 31 + Objects.hashCode(third))
                * 31
            + number;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MeterKey k
        && hash == k.hash
        && number == k.number
        && Objects.equals(first, k.first)
        && Objects.equals(second, k.second)
        && Objects.equals(third, k.third);
  }

  @Override
  public int hashCode() {
    return hash;
  }
}
