package dev.treue.training.replay;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An iterator that works out its next element one ahead ({@link #following}, null at the end), as
 * the replay's readers do: whether there is a next member is only known once their rows are read.
 */
abstract class LookAhead<T> implements Iterator<T> {
  private T next;
  private boolean started;

  /** The element after the last one given, or null when there is none. */
  protected abstract T following();

  @Override
  public final boolean hasNext() {
    if (!started) {
      started = true;
      next = following();
    }
    return next != null;
  }

  @Override
  public final T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    T t = next;
    next = following();
    return t;
  }
}
