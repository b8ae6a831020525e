package dev.treue.training.registry;

import dev.treue.core.cli.Arguments;
import dev.treue.core.cli.Command;
import dev.treue.core.cli.Option;
import java.util.List;

/** {@code ./treue models promote}: makes a version current by hand, bypassing the quality gate. */
public final class ModelsPromoteCommand implements Command {
  private static final Option VERSION = Option.required("version", "version to make current");

  @Override
  public String name() {
    return "models promote";
  }

  @Override
  public String summary() {
    return "make a model version current, bypassing the quality gate";
  }

  @Override
  public List<Option> options() {
    return List.of(RegistryOptions.REGISTRY, RegistryOptions.KIND, VERSION);
  }

  @Override
  public int run(Arguments args) {
    String kind = RegistryOptions.kind(args);
    try (ModelRegistry registry = RegistryOptions.open(args)) {
      String before = registry.current(kind).orElse("none");
      HistoryEntry entry = registry.promote(kind, args.string(VERSION.name()));
      System.out.println("promoted " + kind + " " + entry.version() + " (was " + before + ")");
    }
    return 0;
  }
}
