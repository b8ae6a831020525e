package dev.treue.training.registry;

import dev.treue.core.registry.RegistryException;
import dev.treue.core.registry.RegistryReader;
import dev.treue.core.registry.VersionName;
import java.util.List;
import java.util.Optional;

/**
 * The folder layout {@code <root>/<kind>/<version>/} as core's {@link RegistryReader} reads it, plus
 * the checks that turn a wrong kind or version into an error naming it and what is there instead.
 */
final class RegistryLayout {
  private final RegistryFileSystem files;
  private final RegistryReader reader;

  RegistryLayout(RegistryFileSystem files) {
    this.files = files;
    this.reader = new RegistryReader(files);
  }

  /** The shared reader over this registry's file system. */
  RegistryReader reader() {
    return reader;
  }

  /** Kind folders, sorted. */
  List<String> kinds() {
    return reader.kinds();
  }

  /** Version folders of a kind, oldest first; half-copied {@code .tmp} folders are not versions. */
  List<String> versions(String kind) {
    return reader.versions(kind);
  }

  Optional<String> newest(String kind) {
    List<String> all = versions(kind);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /** The kind is a well-formed name; it need not exist yet. Also keeps {@code ..} out of paths. */
  void checkKind(String kind) {
    RegistryReader.checkKind(kind);
  }

  /** The kind has at least one version. */
  void checkKindExists(String kind) {
    checkKind(kind);
    if (!versions(kind).isEmpty()) {
      return;
    }
    List<String> kinds = kinds();
    if (kinds.isEmpty()) {
      throw new RegistryException(
          "model registry "
              + files.rootUri()
              + " is empty; publish a model first (./treue train churn)");
    }
    throw new RegistryException(
        "model registry "
            + files.rootUri()
            + " has no '"
            + kind
            + "' models; kinds there: "
            + String.join(", ", kinds));
  }

  /** The version exists under the kind. */
  void checkVersion(String kind, String version) {
    checkKindExists(kind);
    if (version == null || !VersionName.isVersion(version) || !files.exists(kind + "/" + version)) {
      throw new RegistryException(
          "no version '"
              + version
              + "' of '"
              + kind
              + "' in "
              + files.rootUri()
              + "; see ./treue models list --kind "
              + kind);
    }
  }
}
