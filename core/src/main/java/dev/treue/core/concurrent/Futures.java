package dev.treue.core.concurrent;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * How a task that ran on one of Treue's pools fails for the thread that waits for it: with the
 * task's own exception, not wrapped in the pool's {@link ExecutionException}, so a worker's error
 * reads the same as if the caller had done the work itself.
 */
public final class Futures {
  private Futures() {}

  /**
   * The task's failure to throw from the waiting thread: its unchecked exception as it was; an
   * {@link Error} is thrown from here; a checked exception wrapped, naming {@code what} failed.
   *
   * @param what the work that failed, for the message of a wrapped checked exception
   */
  public static RuntimeException failure(ExecutionException e, String what) {
    Throwable cause = e.getCause();
    if (cause instanceof RuntimeException r) {
      return r;
    }
    if (cause instanceof Error err) {
      throw err;
    }
    return new IllegalStateException(what + " failed: " + cause, cause);
  }

  /**
   * The task's result, waited for; its failure as {@link #failure} gives it. An interrupt while
   * waiting keeps the thread's interrupt flag and fails naming {@code what} was awaited.
   */
  public static <T> T await(Future<T> task, String what) {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + what, e);
    } catch (ExecutionException e) {
      throw failure(e, what);
    }
  }
}
