package dev.treue.training.triggers;

import dev.treue.store.RedisEndpoint;
import dev.treue.store.RedisKeys;
import java.io.Serializable;

/**
 * The Redis and tenant a sweep claims firings in and relays them to.
 *
 * @param redisUrl {@code redis://host:port} or {@code redis-cluster://host:port,...}
 * @param namespace the first segment of every key (the service's namespace)
 * @param tenant the tenant whose members and stream these are
 * @param streamMaxLength entries the tenant's stream keeps (the service's {@code
 *     trigger_stream_max_length}; 0: never trimmed)
 */
public record StreamTarget(String redisUrl, String namespace, String tenant, long streamMaxLength)
    implements Serializable {

  /** @throws IllegalArgumentException for a bad URL, namespace or tenant, or a negative length */
  public StreamTarget {
    RedisEndpoint.parse(redisUrl);
    new RedisKeys(namespace, tenant);
    if (streamMaxLength < 0) {
      throw new IllegalArgumentException(
          "trigger stream length must be at least 0 (never trimmed), was " + streamMaxLength);
    }
  }

  /** The tenant's keys. */
  public RedisKeys keys() {
    return new RedisKeys(namespace, tenant);
  }
}
