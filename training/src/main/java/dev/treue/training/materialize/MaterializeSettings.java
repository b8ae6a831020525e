package dev.treue.training.materialize;

import static dev.treue.core.time.Days.DAY_MILLIS;

import dev.treue.core.cli.Option;
import dev.treue.store.StateBatchWriter;
import java.io.Serializable;
import java.time.Duration;

/**
 * What a partition needs to write its members: where Redis is, whose keys, and the load's instants.
 *
 * @param redisUrl {@code redis://} or {@code redis-cluster://} URL
 * @param namespace first segment of every key (the service's {@code namespace})
 * @param tenant the programme's key prefix
 * @param ttl time to live of member keys ({@link Duration#ZERO}: none)
 * @param batchSize members per pipeline flush ({@link #BATCH})
 * @param asOfDay the UTC epoch day the state covers, inclusive
 * @param syncedAtMillis when this load ran
 * @param reasonsFrom members from this churn probability up get reasons on the at-risk list
 * @param activeDays the churn model's activity window ({@code active_days} of its bundle): who is
 *     scored for churn, who is lapsed ({@link dev.treue.core.customer.MemberStatus})
 */
public record MaterializeSettings(
    String redisUrl,
    String namespace,
    String tenant,
    Duration ttl,
    int batchSize,
    int asOfDay,
    long syncedAtMillis,
    double reasonsFrom,
    int activeDays)
    implements Serializable {
  /** The {@code --batch} option of the commands that load Redis: {@link #batchSize}. */
  static final Option BATCH =
      Option.of(
          "batch",
          String.valueOf(StateBatchWriter.DEFAULT_BATCH),
          "members per Redis pipeline flush");

  /** Settings with the default activity window. */
  public MaterializeSettings(
      String redisUrl,
      String namespace,
      String tenant,
      Duration ttl,
      int batchSize,
      int asOfDay,
      long syncedAtMillis,
      double reasonsFrom) {
    this(
        redisUrl,
        namespace,
        tenant,
        ttl,
        batchSize,
        asOfDay,
        syncedAtMillis,
        reasonsFrom,
        dev.treue.core.customer.MemberStatus.DEFAULT_ACTIVE_DAYS);
  }

  /** The key builder of this load. */
  public dev.treue.store.RedisKeys keys() {
    return new dev.treue.store.RedisKeys(namespace, tenant);
  }

  /** Events before this instant are in the load: the end of the as-of day. */
  public long coveredUntilMillis() {
    return (asOfDay + 1L) * DAY_MILLIS;
  }
}
