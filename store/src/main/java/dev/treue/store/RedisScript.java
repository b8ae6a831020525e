package dev.treue.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script called by its SHA1 ({@code EVALSHA}), so that a hot path does not send the whole
 * script with every call and Redis does not hash it every time; a server that does not know the
 * script yet (first call, restart, {@code SCRIPT FLUSH}, another cluster node) answers
 * {@code NOSCRIPT} and gets it with {@code EVAL}, which also caches it there.
 */
public final class RedisScript {
  private final byte[] body;
  private final byte[] sha1;

  /** A script of this Lua text. */
  public RedisScript(String body) {
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
  public Object eval(UnifiedJedis redis, List<byte[]> keys, List<byte[]> args) {
    try {
      return redis.evalsha(sha1, keys, args);
    } catch (JedisNoScriptException e) {
      return redis.eval(body, keys, args);
    }
  }

  /**
   * Queues the script in a pipeline (by its SHA1); {@link Queued#result} after the pipeline's sync
   * gives its result, running it with {@code EVAL} then if the server did not know it.
   */
  public Queued queue(AbstractPipeline pipeline, List<byte[]> keys, List<byte[]> args) {
    return new Queued(pipeline.evalsha(sha1, keys, args), keys, args);
  }

  /** A call queued in a pipeline. */
  public final class Queued {
    private final Response<Object> reply;
    private final List<byte[]> keys;
    private final List<byte[]> args;

    private Queued(Response<Object> reply, List<byte[]> keys, List<byte[]> args) {
      this.reply = reply;
      this.keys = keys;
      this.args = args;
    }

    /** Whether the queued call ran (false: the server did not know the script, nothing ran). */
    public boolean ran() {
      try {
        reply.get();
        return true;
      } catch (JedisNoScriptException e) {
        return false;
      }
    }

    /** The script's result, from the pipeline or, when the server did not know it, from an EVAL now. */
    public Object result(UnifiedJedis redis) {
      try {
        return reply.get();
      } catch (JedisNoScriptException e) {
        return redis.eval(body, keys, args);
      }
    }
  }
}
