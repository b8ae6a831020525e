package dev.treue.core.registry;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one version-name rule of the model registry, for the JVM that writes versions and the one that
 * serves them: names like {@code 20261122-223501-ab12cd}, the UTC second of creation and six random hex
 * digits. Anything else under a kind folder (a half-copied {@code .tmp} folder, {@code ../x}, a
 * hand-made {@code v1}) is not a version, so a pointer cannot lead a reader out of the registry.
 *
 * <p>Names sort in creation order because a new name's second is moved past the newest name
 * already issued (by this process or present in the kind's folder); the random part only keeps two
 * machines that publish in the same second from colliding.
 */
public final class VersionName {
  /** What every version name matches. */
  public static final Pattern PATTERN = Pattern.compile("\\d{8}-\\d{6}-[0-9a-f]{6}");

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static Instant lastIssued = Instant.EPOCH;

  private VersionName() {}

  /** True for names this class issues; other folders under a kind are not versions. */
  public static boolean isVersion(String name) {
    return PATTERN.matcher(name).matches();
  }

  /** The creation second encoded in a version name. */
  public static Instant created(String version) {
    return SECONDS.parse(version.substring(0, 15), Instant::from);
  }

  /**
   * A new name later than every name issued before in this JVM and later than {@code newest}.
   *
   * @param now the clock reading
   * @param newest the newest existing version of the kind, if known
   */
  public static synchronized String next(Instant now, Optional<String> newest) {
    Instant second = now.truncatedTo(ChronoUnit.SECONDS);
    Instant floor = lastIssued;
    if (newest.isPresent() && isVersion(newest.get())) {
      Instant existing = created(newest.get());
      floor = existing.isAfter(floor) ? existing : floor;
    }
    if (!second.isAfter(floor)) {
      second = floor.plusSeconds(1);
    }
    lastIssued = second;
    byte[] suffix = new byte[3];
    RANDOM.nextBytes(suffix);
    return SECONDS.format(second) + "-" + HexFormat.of().formatHex(suffix);
  }
}
