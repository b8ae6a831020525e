package dev.treue.store;

import java.util.Objects;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * The tenant's programme KPI document in Redis: one JSON string under {@link RedisKeys#kpiDocument}, replaced
 * with a single {@code SET}, so a reader sees the previous document or the new one, never half of one.
 */
public final class KpiDocuments {
  private final UnifiedJedis redis;

  public KpiDocuments(UnifiedJedis redis) {
    this.redis = Objects.requireNonNull(redis, "redis");
  }

  /** Replaces the tenant's document. */
  public void put(RedisKeys keys, String json) {
    redis.set(keys.kpiDocument(), Objects.requireNonNull(json, "json"));
  }

  /** The tenant's document, or empty when none was computed. */
  public Optional<String> get(RedisKeys keys) {
    return Optional.ofNullable(redis.get(keys.kpiDocument()));
  }
}
