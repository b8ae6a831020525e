package dev.treue.serving.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.serving.http.ApiException;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rules of requests served in passes, shared by the churn-risk reads and the events' folds: a
 * full queue refuses with a 503, a request that waited past the Redis timeout is answered 503 and
 * left out of its pass, and a closed queue fails what waits and refuses new work. Off any Vert.x
 * context, so answers complete on the calling thread.
 */
class PassQueueTest {
  /** A request with nothing of its own. */
  private static final class Req extends PassQueue.Waiting<String> {
    final int n;

    Req(int n) {
      this.n = n;
    }
  }

  private static PassQueue<Req> queue(int maxQueued, Duration timeout) {
    return new PassQueue<>(maxQueued, timeout.toNanos());
  }

  private static ApiException unavailable(Future<?> f) {
    assertTrue(f.failed(), "expected a failure, got " + f);
    ApiException e = assertInstanceOf(ApiException.class, f.cause(), String.valueOf(f.cause()));
    assertEquals(503, e.status(), e.toString());
    assertEquals("redis-unavailable", e.kind());
    return e;
  }

  @Test
  void aFullQueueRefusesWithA503AndKeepsWhatWaits() {
    PassQueue<Req> queue = queue(2, Duration.ofMinutes(1));
    Req a = new Req(1);
    Req b = new Req(2);
    Req c = new Req(3);
    assertTrue(queue.offer(a));
    assertTrue(queue.offer(b));
    assertFalse(queue.offer(c));
    ApiException full = unavailable(c.future());
    assertTrue(full.getMessage().contains("2 requests are already waiting"), full.getMessage());
    assertFalse(a.future().isComplete());
    List<Req> pass = new ArrayList<>();
    assertEquals(2, queue.takePass(pass, 10));
    assertEquals(List.of(a, b), pass);
  }

  @Test
  void aRequestPastTheTimeoutIsAnswered503AndLeftOutOfItsPass() throws Exception {
    PassQueue<Req> queue = queue(10, Duration.ofMillis(1));
    Req late = new Req(1);
    assertTrue(queue.offer(late));
    Thread.sleep(20);
    PassQueue<Req> fresh = queue(10, Duration.ofMinutes(1));
    Req inTime = new Req(2);
    assertTrue(fresh.offer(inTime));

    List<Req> pass = new ArrayList<>();
    assertEquals(1, queue.takePass(pass, 10), "taken from the queue, late ones included");
    assertTrue(pass.isEmpty(), "a late request is not served");
    ApiException stale = unavailable(late.future());
    assertTrue(stale.getMessage().contains("queued longer"), stale.getMessage());

    assertEquals(1, fresh.awaitPass(pass, 10, 1_000));
    assertEquals(List.of(inTime), pass);
    assertFalse(inTime.future().isComplete());
  }

  @Test
  void aPassTakesAtMostItsSizeCountingWhatItAlreadyHolds() throws Exception {
    PassQueue<Req> queue = queue(10, Duration.ofMinutes(1));
    List<Req> held = new ArrayList<>(List.of(new Req(0)));
    for (int i = 1; i <= 5; i++) {
      queue.offer(new Req(i));
    }
    assertEquals(2, queue.takePass(held, 3));
    assertEquals(List.of(0, 1, 2), held.stream().map(r -> r.n).toList());
    held.clear();
    assertEquals(3, queue.awaitPass(held, 10, 1_000));
    assertEquals(List.of(3, 4, 5), held.stream().map(r -> r.n).toList());
    assertEquals(0, queue.awaitPass(held, 10, 10), "nothing came");
  }

  @Test
  void closeFailsWhatWaitsAndRefusesNewWork() {
    PassQueue<Req> queue = queue(10, Duration.ofMinutes(1));
    Req waiting = new Req(1);
    assertTrue(queue.offer(waiting));
    queue.close();
    assertTrue(queue.closed());
    assertTrue(unavailable(waiting.future()).getMessage().contains("shutting down"));
    Req after = new Req(2);
    assertFalse(queue.offer(after));
    assertTrue(unavailable(after.future()).getMessage().contains("shutting down"));
    assertEquals(0, queue.takePass(new ArrayList<>(), 10));
  }

  @Test
  void aFailedPassFailsOnlyWhatItHoldsUnanswered() {
    Req answered = new Req(1);
    Req held = new Req(2);
    answered.complete("done");
    RuntimeException bug = new IllegalStateException("bug");
    PassQueue.failHeld(List.of(answered, held, held), bug);
    assertEquals("done", answered.future().result());
    assertSame(bug, held.future().cause());
  }
}
