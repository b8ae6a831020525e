package dev.treue.training.replay;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Values made from the strings a partition's events repeat (categories, offer ids, event types: a
 * handful over millions of events), each made once. Past {@link #MAX_VALUES} distinct strings the
 * rest are made at every use, so odd data cannot fill the heap.
 */
final class RepeatedValues<T> {
  private static final int MAX_VALUES = 100_000;
  private final Function<UTF8String, T> make;
  private final Map<UTF8String, T> made = new HashMap<>();

  /** @param make the value of a string, given a string the caller may reuse after the call */
  RepeatedValues(Function<UTF8String, T> make) {
    this.make = make;
  }

  /** The value of {@code raw}, which may point into a reused row or batch. */
  T get(UTF8String raw) {
    T value = made.get(raw);
    if (value == null) {
      value = make.apply(raw);
      if (made.size() < MAX_VALUES) {
        made.put(raw.clone(), value);
      }
    }
    return value;
  }
}
