package dev.treue.core.registry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the registry layout {@code <root>/<kind>/<version>/} with a {@value #CURRENT_FILE} pointer per
 * kind, on any {@link RegistryFiles}: training's {@code ModelRegistry} (Hadoop) and the service's model
 * loaders (a local folder) both read through it, so both apply the same kind and version rules.
 */
public final class RegistryReader {
  /** The file naming a kind's current version: the version name and a line break. */
  public static final String CURRENT_FILE = "CURRENT";

  private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_-]*");

  private final RegistryFiles files;

  public RegistryReader(RegistryFiles files) {
    this.files = files;
  }

  /** The file system underneath. */
  public RegistryFiles files() {
    return files;
  }

  /** The kind is a well-formed folder name ({@link ModelKind} or a new one); keeps {@code ..} out. */
  public static void checkKind(String kind) {
    if (kind == null || !KIND.matcher(kind).matches()) {
      throw new RegistryException(
          "'" + kind + "' is not a model kind (expected lower-case like churn, offers, clv)");
    }
  }

  /** The path of a kind's pointer, relative to the root. */
  public static String pointer(String kind) {
    checkKind(kind);
    return kind + "/" + CURRENT_FILE;
  }

  /** A version folder's path relative to the root; the version must be a {@link VersionName}. */
  public static String versionPath(String kind, String version) {
    checkKind(kind);
    if (version == null || !VersionName.isVersion(version)) {
      throw new RegistryException(
          "'" + version + "' is not a version name (expected like 20261122-223501-ab12cd)");
    }
    return kind + "/" + version;
  }

  /**
   * The version a kind's {@code CURRENT} names; empty when there is no pointer or it is empty.
   *
   * @throws RegistryException when the pointer names something that is not a version
   */
  public Optional<String> current(String kind) {
    String pointer = pointer(kind);
    if (!files.exists(pointer)) {
      return Optional.empty();
    }
    String version = new String(files.read(pointer), StandardCharsets.UTF_8).strip();
    if (version.isEmpty()) {
      return Optional.empty();
    }
    if (!VersionName.isVersion(version)) {
      throw new RegistryException(
          files.describe(pointer)
              + " holds '"
              + version
              + "'; expected a version name like 20261122-223501-ab12cd");
    }
    return Optional.of(version);
  }

  /** Version folders of a kind, oldest first; other folders (half-copied {@code .tmp}) are not versions. */
  public List<String> versions(String kind) {
    checkKind(kind);
    List<String> out = new ArrayList<>();
    for (String name : files.folders(kind)) {
      if (VersionName.isVersion(name)) {
        out.add(name);
      }
    }
    return out;
  }

  /** Kind folders, sorted. */
  public List<String> kinds() {
    List<String> kinds = new ArrayList<>();
    for (String name : files.folders("")) {
      if (KIND.matcher(name).matches()) {
        kinds.add(name);
      }
    }
    return kinds;
  }

  /** The version folder exists. */
  public boolean exists(String kind, String version) {
    return files.exists(versionPath(kind, version));
  }

  /** The bytes of one file of a version, e.g. {@code metrics.json}. */
  public byte[] read(String kind, String version, String fileName) {
    String path = versionPath(kind, version) + "/" + fileName;
    if (!files.exists(path)) {
      throw new RegistryException(
          "version " + version + " of '" + kind + "' has no file " + fileName);
    }
    return files.read(path);
  }
}
