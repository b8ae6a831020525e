package dev.treue.training.registry;

import dev.treue.core.cli.Arguments;
import dev.treue.core.cli.Option;
import dev.treue.core.registry.RegistryException;

/** The options every {@code models ...} command shares, so their names and defaults agree. */
final class RegistryOptions {
  static final Option REGISTRY =
      Option.of("registry", "models", "registry root: a folder, or a file:, hdfs: or s3a: URI");
  static final Option KIND =
      Option.of("kind", ModelRegistry.DEFAULT_KIND, "model kind: churn, offers, clv");

  private RegistryOptions() {}

  static ModelRegistry open(Arguments args) {
    return ModelRegistry.open(args.string(REGISTRY.name()));
  }

  static String kind(Arguments args) {
    return args.string(KIND.name());
  }

  /** The version {@code --version} names, else the kind's current one; fails clearly when there is none. */
  static String versionOrCurrent(
      Arguments args, Option version, ModelRegistry registry, String kind) {
    if (args.has(version.name())) {
      return args.string(version.name());
    }
    registry.list(kind); // fails with the clear "empty registry" or "unknown kind" message
    return registry
        .current(kind)
        .orElseThrow(
            () ->
                new RegistryException(
                    "no current '"
                        + kind
                        + "' model in "
                        + registry.root()
                        + "; pass --version, see ./treue models list"));
  }
}
