package dev.treue.store;

import java.util.Objects;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * The tenant's uplift document in Redis ({@code ./treue uplift --redis}): one JSON string under {@link
 * RedisKeys#upliftDocument}, replaced with a single {@code SET}, so a reader sees the previous result or the new
 * one, never half of one.
 */
public final class UpliftDocuments {
  private final UnifiedJedis redis;

  public UpliftDocuments(UnifiedJedis redis) {
    this.redis = Objects.requireNonNull(redis, "redis");
  }

  /** Replaces the tenant's document. */
  public void put(RedisKeys keys, String json) {
    redis.set(keys.upliftDocument(), Objects.requireNonNull(json, "json"));
  }

  /** The tenant's document, or empty when none was computed. */
  public Optional<String> get(RedisKeys keys) {
    return Optional.ofNullable(redis.get(keys.upliftDocument()));
  }
}
