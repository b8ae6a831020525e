package dev.treue.serving.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The configured keys by the SHA-256 of their secret. Only hashes are configured and kept, so the
 * config file does not hold secrets; a presented key is hashed and looked up (no timing leak on the
 * secret itself: the lookup compares hashes).
 */
public final class ApiKeys {
  private final Map<String, ApiKey> byHash = new HashMap<>();

  public ApiKeys(List<ApiKey> keys) {
    for (ApiKey k : keys) {
      if (byHash.put(k.sha256(), k) != null) {
        throw new IllegalArgumentException(
            "API key '" + k.id() + "' has the same sha256 as another key");
      }
    }
  }

  /** The key whose secret this is, or null. */
  public ApiKey find(String secret) {
    if (secret == null || secret.isEmpty() || secret.length() > 256) {
      return null;
    }
    return byHash.get(sha256(secret));
  }

  /** Number of configured keys. */
  public int size() {
    return byHash.size();
  }

  // One digest per thread: MessageDigest.getInstance searches the security providers every call,
  // half of what checking a request's key cost in a JFR profile. digest() leaves it reset.
  private static final ThreadLocal<MessageDigest> SHA_256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-256 is part of every JRE", e);
            }
          });

  /** Hex SHA-256 of a secret, as the config stores it. */
  public static String sha256(String secret) {
    return HexFormat.of().formatHex(SHA_256.get().digest(secret.getBytes(StandardCharsets.UTF_8)));
  }
}
