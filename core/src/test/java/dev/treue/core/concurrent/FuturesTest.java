package dev.treue.core.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** A pool task's failure reaches the waiting thread as the task threw it. */
class FuturesTest {

  private static ExecutionException failedWith(Throwable t) throws InterruptedException {
    ExecutorService pool = Executors.newSingleThreadExecutor(DaemonThreads.named("futures-test"));
    try {
      Future<Object> f =
          pool.submit(
              () -> {
                if (t instanceof Exception e) {
                  throw e;
                }
                throw (Error) t;
              });
      return assertThrows(ExecutionException.class, f::get);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anUncheckedExceptionComesBackAsItWas() throws InterruptedException {
    IllegalArgumentException thrown = new IllegalArgumentException("bad row");
    assertSame(thrown, Futures.failure(failedWith(thrown), "a fit"));
  }

  @Test
  void anErrorIsThrownAsItWas() throws InterruptedException {
    OutOfMemoryError thrown = new OutOfMemoryError("heap");
    ExecutionException e = failedWith(thrown);
    assertSame(thrown, assertThrows(OutOfMemoryError.class, () -> Futures.failure(e, "a fit")));
  }

  @Test
  void aCheckedExceptionIsWrappedNamingTheWork() throws InterruptedException {
    IOException thrown = new IOException("disk full");
    RuntimeException r = Futures.failure(failedWith(thrown), "generator worker");
    assertSame(thrown, r.getCause());
    assertEquals("generator worker failed: java.io.IOException: disk full", r.getMessage());
  }

  @Test
  void awaitGivesTheResultOrTheTasksOwnFailure() {
    ExecutorService pool = Executors.newSingleThreadExecutor(DaemonThreads.named("futures-test"));
    try {
      assertEquals(42, Futures.await(pool.submit(() -> 42), "the answer"));
      IllegalStateException thrown = new IllegalStateException("no rows");
      Future<Object> failing =
          pool.submit(
              () -> {
                throw thrown;
              });
      assertSame(
          thrown, assertThrows(IllegalStateException.class, () -> Futures.await(failing, "a fit")));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anInterruptedWaitKeepsTheFlagAndNamesWhatItAwaited() {
    ExecutorService pool = Executors.newSingleThreadExecutor(DaemonThreads.named("futures-test"));
    try {
      Future<Object> never =
          pool.submit(
              () -> {
                Thread.sleep(60_000);
                return null;
              });
      Thread.currentThread().interrupt();
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> Futures.await(never, "the lifetime fit"));
      assertTrue(Thread.interrupted(), "the interrupt flag is kept");
      assertEquals("interrupted while waiting for the lifetime fit", e.getMessage());
    } finally {
      pool.shutdownNow();
    }
  }
}
