package dev.treue.training.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The folder layout {@code <root>/<kind>/<version>/}: which kinds and versions exist, and the
 * checks that turn a wrong kind or version into an error naming it and what is there instead.
 */
final class RegistryLayout {
  private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_-]*");

  private final RegistryFileSystem files;

  RegistryLayout(RegistryFileSystem files) {
    this.files = files;
  }

  /** Kind folders, sorted. */
  List<String> kinds() {
    List<String> kinds = new ArrayList<>();
    for (String name : files.folders("")) {
      if (KIND.matcher(name).matches()) {
        kinds.add(name);
      }
    }
    return kinds;
  }

  /** Version folders of a kind, oldest first; half-copied {@code .tmp} folders are not versions. */
  List<String> versions(String kind) {
    List<String> out = new ArrayList<>();
    for (String name : files.folders(kind)) {
      if (VersionName.isVersion(name)) {
        out.add(name);
      }
    }
    return out;
  }

  Optional<String> newest(String kind) {
    List<String> all = versions(kind);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /** The kind is a well-formed name; it need not exist yet. Also keeps {@code ..} out of paths. */
  void checkKind(String kind) {
    if (kind == null || !KIND.matcher(kind).matches()) {
      throw new RegistryException(
          "'" + kind + "' is not a model kind (expected lower-case like churn, offers, clv)");
    }
  }

  /** The kind has at least one version. */
  void checkKindExists(String kind) {
    checkKind(kind);
    if (!versions(kind).isEmpty()) {
      return;
    }
    List<String> kinds = kinds();
    if (kinds.isEmpty()) {
      throw new RegistryException("model registry " + files.rootUri()
          + " is empty; publish a model first (./treue train churn)");
    }
    throw new RegistryException("model registry " + files.rootUri() + " has no '" + kind
        + "' models; kinds there: " + String.join(", ", kinds));
  }

  /** The version exists under the kind. */
  void checkVersion(String kind, String version) {
    checkKindExists(kind);
    if (version == null || !VersionName.isVersion(version) || !files.exists(kind + "/" + version)) {
      throw new RegistryException("no version '" + version + "' of '" + kind + "' in "
          + files.rootUri() + "; see ./treue models list --kind " + kind);
    }
  }
}
