package dev.treue.training.registry;

import dev.treue.core.churn.ChurnModelBundle;
import dev.treue.core.offers.OfferModelBundle;
import dev.treue.core.registry.ModelKind;
import dev.treue.core.registry.RegistryException;
import dev.treue.core.registry.RegistryReader;
import dev.treue.training.files.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A local copy of one version of a remote registry, laid out as a registry ({@code <dir>/<kind>/<version>/}
 * and {@code <dir>/<kind>/CURRENT}) so the service, which reads local folders only, can follow a registry
 * on {@code hdfs:} or {@code s3a:}. A pull copies the version into a hidden temporary folder, checks each
 * file's SHA-256 against the bytes read from the registry and the size the registry lists, loads the
 * bundle with its kind's reader (kind and feature-spec hash), and only then renames the folder into place
 * and points {@code CURRENT} at it. A broken bundle is refused and leaves the mirror as it was.
 */
final class LocalMirror {
  /**
   * What a pull did.
   *
   * @param kind the model kind
   * @param version the version now current in the mirror
   * @param dir the version folder in the mirror
   * @param files how many files it holds
   * @param copied false when the mirror held the version already (versions never change)
   */
  record Pulled(ModelKind kind, String version, Path dir, int files, boolean copied) {}

  private LocalMirror() {}

  /**
   * Mirrors {@code version} of {@code kind} from {@code registry} into {@code mirror} and makes it the
   * mirror's current version.
   *
   * @throws RegistryException naming the version and the check it failed; the mirror is unchanged
   */
  static Pulled pull(ModelRegistry registry, ModelKind kind, String version, Path mirror) {
    List<BundleFile> listed = registry.files(kind.folder(), version);
    Path kindDir = mirror.resolve(kind.folder());
    Path target = kindDir.resolve(version);
    boolean copied = !Files.isDirectory(target);
    try {
      Files.createDirectories(kindDir);
      if (copied) {
        // A name that is no version name: readers skip it while it fills, and a failed pull leaves
        // no version.
        Path tmp = Files.createTempDirectory(kindDir, "." + version + ".pull-");
        try {
          copy(registry, kind, version, listed, tmp);
          check(kind, version, tmp);
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
          FileTrees.delete(tmp);
        }
      } else {
        check(kind, version, target);
      }
      Path pointer = kindDir.resolve(RegistryReader.CURRENT_FILE);
      Path tmpPointer = kindDir.resolve("." + RegistryReader.CURRENT_FILE + ".pull");
      Files.writeString(tmpPointer, version + "\n", StandardCharsets.UTF_8);
      Files.move(
          tmpPointer, pointer, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new RegistryException(
          "cannot mirror " + kind + " " + version + " into " + mirror + ": " + e.getMessage(), e);
    }
    return new Pulled(kind, version, target, listed.size(), copied);
  }

  private static void copy(
      ModelRegistry registry, ModelKind kind, String version, List<BundleFile> listed, Path into)
      throws IOException {
    for (BundleFile file : listed) {
      byte[] remote = registry.read(kind.folder(), version, file.name());
      Path local = into.resolve(file.name()).normalize();
      if (!local.startsWith(into)) {
        throw new RegistryException(
            "version " + version + " lists a file outside its folder: " + file.name());
      }
      Files.createDirectories(local.getParent());
      Files.write(local, remote);
      byte[] written = Files.readAllBytes(local);
      if (remote.length != file.bytes() || !Arrays.equals(sha256(remote), sha256(written))) {
        throw new RegistryException(
            "copy of "
                + kind
                + " "
                + version
                + "/"
                + file.name()
                + " does not match the"
                + " registry ("
                + file.bytes()
                + " bytes listed, "
                + remote.length
                + " read, sha-256 "
                + HexFormat.of().formatHex(sha256(remote))
                + " vs "
                + HexFormat.of().formatHex(sha256(written))
                + "); the local registry is unchanged");
      }
    }
  }

  /** Loads the bundle as the service will: its kind, its feature-spec hash, its model. */
  private static void check(ModelKind kind, String version, Path dir) {
    try {
      switch (kind) {
        case CHURN -> ChurnModelBundle.read(dir);
        case OFFERS -> OfferModelBundle.read(dir);
        default ->
            throw new RegistryException("models pull mirrors churn and offers models, not " + kind);
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof RegistryException r) {
        throw r;
      }
      throw new RegistryException(
          "refusing "
              + kind
              + " "
              + version
              + ": "
              + e.getMessage()
              + "; the local registry is unchanged",
          e);
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
