package dev.treue.training.registry;

import dev.treue.core.cli.Arguments;
import dev.treue.core.cli.Option;

/** The options every {@code models ...} command shares, so their names and defaults agree. */
final class RegistryOptions {
  static final Option REGISTRY =
      Option.of("registry", "models", "registry root: a folder, or a file:, hdfs: or s3a: URI");
  static final Option KIND = Option.of("kind", ModelRegistry.DEFAULT_KIND, "model kind: churn, offers, clv");

  private RegistryOptions() {}

  static ModelRegistry open(Arguments args) {
    return ModelRegistry.open(args.string(REGISTRY.name()));
  }

  static String kind(Arguments args) {
    return args.string(KIND.name());
  }
}
