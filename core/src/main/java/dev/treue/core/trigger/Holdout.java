package dev.treue.core.trigger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * A tenant's control group: the share of members held out of contacts (trigger deliveries and reward
 * issues) so that what the contacts achieve can be measured against them. Membership is decided by a
 * stable hash of the salt and the member id, so a member stays in or out for as long as share and salt
 * stay the same, on every machine and JVM, without storing anything.
 *
 * <p>The hash: SHA-256 over the salt's UTF-8 length as a 4-byte big-endian integer, the salt's UTF-8
 * bytes, then the member id's UTF-8 bytes (the length prefix keeps salt {@code "ab"} with id {@code "c"}
 * apart from salt {@code "a"} with id {@code "bc"}). Its first 8 bytes, read as an unsigned big-endian
 * number, give the fraction: their top 53 bits (what a double holds exactly) divided by 2<sup>53</sup>,
 * uniform on [0, 1). A member is held out when that
 * fraction is below the share. Raising the share only adds members to the group; nobody held out at a
 * lower share is released.
 *
 * @param share the held-out share, 0 (nobody, the default) up to but excluding 1
 * @param salt mixed into the hash; changing it draws a new group
 */
public record Holdout(double share, String salt) implements java.io.Serializable {
  /** No control group: nobody is held out. */
  public static final Holdout NONE = new Holdout(0, "");

  /** 2<sup>-53</sup>, to turn 53 bits into a fraction below 1. */
  private static final double TWO_TO_MINUS_53 = 0x1.0p-53;

  /** @throws IllegalArgumentException for a share outside [0, 1) or a null salt */
  public Holdout {
    if (!(share >= 0 && share < 1)) {
      throw new IllegalArgumentException(
          "holdout share " + share + " is out of range; expected 0 <= share < 1 (e.g. 0.05)");
    }
    Objects.requireNonNull(salt, "salt");
  }

  /** The control group of that share and salt. */
  public static Holdout of(double share, String salt) {
    return new Holdout(share, salt);
  }

  /** True when the member is in the control group: contacts to them are suppressed. */
  public boolean heldOut(String customerId) {
    return share > 0 && fraction(salt, customerId) < share;
  }

  /** True when some members are held out. */
  public boolean active() {
    return share > 0;
  }

  /** The member's position on [0, 1) under that salt (see the class comment for the hash). */
  public static double fraction(String salt, String customerId) {
    byte[] saltBytes = salt.getBytes(StandardCharsets.UTF_8);
    MessageDigest sha = sha256();
    sha.update(ByteBuffer.allocate(4).putInt(saltBytes.length).array());
    sha.update(saltBytes);
    sha.update(customerId.getBytes(StandardCharsets.UTF_8));
    long bits = ByteBuffer.wrap(sha.digest()).getLong();
    // Unsigned shift: the top bit is a digit, not a sign; 53 bits convert to double exactly.
    return (bits >>> 11) * TWO_TO_MINUS_53;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
