package dev.treue.store;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Keyed hashes that stand for a member id (or an issue request id) where a record must outlive the
 * member or must not name them: HMAC-SHA256 under a random 256-bit salt per tenant, kept in Redis
 * ({@link RedisKeys#privacySalt}, created once with {@code SET NX} so every instance and tool uses
 * the same one), shortened to 128 bits.
 *
 * <p>These are pseudonyms, not anonymous: whoever can read the tenant's Redis can test a candidate
 * id against them, which is exactly what a "do not profile" tombstone needs. They cannot be
 * reversed, and the salt keeps them from being matched across tenants or with precomputed tables.
 */
public final class MemberPseudonyms {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final UnifiedJedis redis;
  private final ConcurrentHashMap<String, byte[]> salts = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Mac> macs = new ConcurrentHashMap<>();

  public MemberPseudonyms(UnifiedJedis redis) {
    this.redis = redis;
  }

  /** The member's pseudonym in the tenant. */
  public String member(RedisKeys keys, String memberId) {
    return hash(keys, "member:" + memberId);
  }

  /** An issue request id's pseudonym in the tenant (what an erase leaves of it). */
  public String request(RedisKeys keys, String requestId) {
    return hash(keys, "request:" + requestId);
  }

  private String hash(RedisKeys keys, String text) {
    try {
      // A keyed prototype per tenant, cloned per use: the provider lookup and key set-up happen
      // once.
      Mac mac = (Mac) macs.computeIfAbsent(keys.privacySalt(), key -> keyed(salt(keys))).clone();
      byte[] h = mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 16);
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("HmacSHA256 cannot be cloned", e);
    }
  }

  private static Mac keyed(byte[] salt) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(salt, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private byte[] salt(RedisKeys keys) {
    // The salt never changes once set, so one read per tenant and instance is enough.
    return salts.computeIfAbsent(
        keys.privacySalt(),
        key -> {
          byte[] fresh = new byte[32];
          RANDOM.nextBytes(fresh);
          redis.set(key, HexFormat.of().formatHex(fresh), SetParams.setParams().nx());
          String salt = redis.get(key);
          if (salt == null) {
            // Only eviction or a flush between the two commands gets here; the salt must never be
            // evicted.
            throw new IllegalStateException(
                "the privacy salt "
                    + key
                    + " vanished as it was written; run Redis with"
                    + " maxmemory-policy noeviction");
          }
          return HexFormat.of().parseHex(salt);
        });
  }
}
