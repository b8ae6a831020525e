package dev.treue.core.ingest;

import java.util.Objects;

/**
 * The outcome of validating one row or field: either a value or the reason it was rejected. A plain
 * value instead of an exception, because rejects are routine in imports and exceptions are slow on
 * millions of rows.
 *
 * @param value the parsed value, null when rejected
 * @param reason why the input was rejected, null when valid
 * @param <T> the parsed type
 */
public record Parsed<T>(T value, String reason) {

  public Parsed {
    if ((value == null) == (reason == null)) {
      throw new IllegalArgumentException("exactly one of value and reason must be set");
    }
  }

  /** A valid result. */
  public static <T> Parsed<T> of(T value) {
    return new Parsed<>(Objects.requireNonNull(value, "value"), null);
  }

  /** A rejection with a reason that names the column and what was expected. */
  public static <T> Parsed<T> reject(String reason) {
    return new Parsed<>(null, Objects.requireNonNull(reason, "reason"));
  }

  /** True when the input was valid. */
  public boolean isValid() {
    return reason == null;
  }

  /** The value of a valid result; for code paths that already know it is valid. */
  public T orElseThrow() {
    if (reason != null) {
      throw new IllegalStateException(reason);
    }
    return value;
  }
}
