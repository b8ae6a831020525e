package dev.treue.serving.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How deliveries are signed: {@code X-Treue-Signature} is the hex HMAC-SHA256 of
 * {@code timestamp + "." + body} keyed with the secret's text (UTF-8), {@code X-Treue-Timestamp}
 * the unix seconds of the attempt. During a rotation's grace the header carries one signature per
 * valid secret, comma separated, newest first; a receiver accepts the delivery when any matches.
 */
public final class WebhookSignature {
  /** Header with the signature(s). */
  public static final String SIGNATURE_HEADER = "X-Treue-Signature";

  /** Header with the unix seconds the signature covers. */
  public static final String TIMESTAMP_HEADER = "X-Treue-Timestamp";

  private static final SecureRandom RANDOM = new SecureRandom();

  private WebhookSignature() {}

  /** A new secret: 32 random bytes, hex. */
  public static String newSecret() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  // Looking the algorithm up among the providers cost more than the signing; a Mac is not
  // thread-safe, so one per thread, given its key on every use.
  private static final ThreadLocal<Mac> MAC =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Mac.getInstance("HmacSHA256");
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("HmacSHA256 is missing from the JVM", e);
            }
          });

  /** The hex HMAC-SHA256 of {@code timestamp + "." + body}. */
  public static String sign(String secret, long timestamp, String body) {
    try {
      Mac mac = MAC.get();
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of()
          .formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from the JVM", e);
    }
  }

  /** The header value: one signature per secret, comma separated. */
  public static String header(List<String> secrets, long timestamp, String body) {
    return secrets.stream().map(s -> sign(s, timestamp, body)).collect(Collectors.joining(","));
  }
}
