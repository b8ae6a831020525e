package dev.treue.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script called by its SHA1 ({@code EVALSHA}), so that a hot path does not send the whole
 * script with every call and Redis does not hash it every time; a server that does not know the
 * script yet (first call, restart, {@code SCRIPT FLUSH}, another cluster node) answers
 * {@code NOSCRIPT} and gets it with {@code EVAL}, which also caches it there.
 */
final class RedisScript {
  private final byte[] body;
  private final byte[] sha1;

  RedisScript(String body) {
    this.body = body.getBytes(StandardCharsets.UTF_8);
    try {
      this.sha1 =
          HexFormat.of()
              .formatHex(MessageDigest.getInstance("SHA-1").digest(this.body))
              .getBytes(StandardCharsets.US_ASCII);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
    }
  }

  /** The script's result for these keys and arguments. */
  Object eval(UnifiedJedis redis, List<byte[]> keys, List<byte[]> args) {
    try {
      return redis.evalsha(sha1, keys, args);
    } catch (JedisNoScriptException e) {
      return redis.eval(body, keys, args);
    }
  }
}
