package dev.treue.core.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
