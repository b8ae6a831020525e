package dev.treue.serving.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.serving.http.ApiException;
import dev.treue.serving.metrics.ServingMetrics;
import dev.treue.store.RedisEndpoint;
import dev.treue.store.RedisTestServers;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * Concurrent requests in shared pipelines, on a real Redis: each gets its own replies, a second
 * step goes out with a later pass, one request's failing command fails that request alone, and a
 * full queue or a request that waited past the Redis timeout is a 503.
 */
class PipelinedPassesTest {
  private static RedisTestServers.Single redis;
  private static UnifiedJedis jedis;

  @BeforeAll
  static void start() {
    redis = RedisTestServers.single();
    jedis = RedisEndpoint.parse(redis.url()).connect(Duration.ofSeconds(2), 8);
  }

  @AfterAll
  static void stop() throws Exception {
    jedis.close();
    redis.close();
  }

  private static PipelinedPasses passes(int readers, int maxQueued, Duration timeout) {
    return new PipelinedPasses(
        jedis, ServingMetrics.off(), timeout.toNanos(), readers, maxQueued, RedisAccess::failure);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static Throwable failure(Future<?> f) throws Exception {
    CountDownLatch done = new CountDownLatch(1);
    f.onComplete(r -> done.countDown());
    assertTrue(done.await(10, TimeUnit.SECONDS));
    assertTrue(f.failed(), "expected a failure, got " + f.result());
    return f.cause();
  }

  @Test
  void concurrentRequestsEachGetTheirOwnRepliesAndSecondStepsRunInLaterPasses() throws Exception {
    for (int i = 0; i < 300; i++) {
      jedis.set("pp:k" + i, "v" + i);
    }
    try (PipelinedPasses passes = passes(2, 1_000, Duration.ofSeconds(5))) {
      List<Future<String>> answers = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        String key = "pp:k" + i;
        String counter = "pp:n" + i;
        answers.add(
            passes.submit(
                "test",
                pipeline -> {
                  Response<String> value = pipeline.get(key);
                  return () ->
                      PipelinedPasses.Outcome.then(
                          next -> {
                            Response<Long> n = next.incr(counter);
                            return () ->
                                PipelinedPasses.Outcome.answer(value.get() + "/" + n.get());
                          });
                }));
      }
      for (int i = 0; i < 300; i++) {
        assertEquals("v" + i + "/1", await(answers.get(i)));
        assertEquals("1", jedis.get("pp:n" + i), "the second step wrote once");
      }
    }
  }

  @Test
  void aFailingCommandFailsItsOwnRequestOnly() throws Exception {
    jedis.set("pp:ok", "fine");
    jedis.hset("pp:hash", "f", "v");
    try (PipelinedPasses passes = passes(1, 100, Duration.ofSeconds(5))) {
      List<Future<String>> answers = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String key = i % 2 == 0 ? "pp:ok" : "pp:hash";
        answers.add(
            passes.submit(
                "test",
                pipeline -> {
                  Response<String> value = pipeline.get(key);
                  Supplier<String> get = value::get;
                  return () -> PipelinedPasses.Outcome.answer(get.get());
                }));
      }
      for (int i = 0; i < 20; i++) {
        if (i % 2 == 0) {
          assertEquals("fine", await(answers.get(i)));
        } else {
          Throwable cause = failure(answers.get(i));
          assertTrue(cause.getMessage().startsWith("WRONGTYPE"), cause.toString());
        }
      }
    }
  }

  @Test
  void aFullQueueAndAStaleRequestAre503s() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (PipelinedPasses passes = passes(1, 2, Duration.ofMillis(200))) {
      // The only reader is held in a continuation; the queue then fills.
      Future<String> holding =
          passes.submit(
              "test",
              pipeline -> {
                pipeline.get("pp:none");
                return () -> {
                  release.await();
                  return PipelinedPasses.Outcome.answer("held");
                };
              });
      Thread.sleep(100);
      List<Future<String>> waiting = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        waiting.add(
            passes.submit(
                "test",
                pipeline -> {
                  Response<String> none = pipeline.get("pp:none");
                  return () -> PipelinedPasses.Outcome.answer(String.valueOf(none.get()));
                }));
      }
      Throwable full =
          failure(
              passes.submit(
                  "test",
                  pipeline -> {
                    pipeline.get("pp:none");
                    return () -> PipelinedPasses.Outcome.answer("never");
                  }));
      assertEquals(503, assertInstanceOf(ApiException.class, full).status(), full.toString());
      Thread.sleep(300);
      release.countDown();
      assertEquals("held", await(holding));
      for (Future<String> w : waiting) {
        Throwable stale = failure(w);
        assertEquals(503, assertInstanceOf(ApiException.class, stale).status(), stale.toString());
        assertTrue(stale.getMessage().contains("queued longer"), stale.getMessage());
      }
    }
  }
}
