package dev.treue.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/** A script called by its SHA1 runs on a server that has never seen it, and again after a flush. */
class RedisScriptTest {
  private static final RedisScript INCR_BY =
      new RedisScript("return redis.call('INCRBY', KEYS[1], ARGV[1])");

  private static List<byte[]> bytes(String... values) {
    return java.util.Arrays.stream(values).map(v -> v.getBytes(StandardCharsets.UTF_8)).toList();
  }

  @Test
  void runsFirstTimeAndAfterTheServerForgotIt() {
    try (RedisTestServers.Single redis = RedisTestServers.single();
        UnifiedJedis jedis = RedisTestServers.connect(redis.url())) {
      assertEquals(2L, INCR_BY.eval(jedis, bytes("k"), bytes("2")));
      assertEquals(5L, INCR_BY.eval(jedis, bytes("k"), bytes("3")));
      jedis.scriptFlush();
      assertEquals(6L, INCR_BY.eval(jedis, bytes("k"), bytes("1")));
      assertEquals("6", jedis.get("k"));
    }
  }

  @Test
  void aCallQueuedInAPipelineRunsAlsoOnAServerThatForgotIt() {
    try (RedisTestServers.Single redis = RedisTestServers.single();
        UnifiedJedis jedis = RedisTestServers.connect(redis.url())) {
      assertEquals(2L, INCR_BY.eval(jedis, bytes("k"), bytes("2")));
      RedisScript.Queued known;
      try (redis.clients.jedis.AbstractPipeline p = jedis.pipelined()) {
        known = INCR_BY.queue(p, bytes("k"), bytes("3"));
        p.sync();
      }
      assertEquals(true, known.ran());
      assertEquals(5L, known.result(jedis));
      jedis.scriptFlush();
      RedisScript.Queued forgotten;
      try (redis.clients.jedis.AbstractPipeline p = jedis.pipelined()) {
        forgotten = INCR_BY.queue(p, bytes("k"), bytes("1"));
        p.sync();
      }
      assertEquals(false, forgotten.ran());
      assertEquals("5", jedis.get("k"), "nothing ran in the pipeline");
      assertEquals(6L, forgotten.result(jedis));
      assertEquals("6", jedis.get("k"));
    }
  }
}
