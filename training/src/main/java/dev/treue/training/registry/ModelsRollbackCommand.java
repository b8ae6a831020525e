package dev.treue.training.registry;

import dev.treue.core.cli.Arguments;
import dev.treue.core.cli.Command;
import dev.treue.core.cli.Option;
import java.util.List;

/** {@code ./treue models rollback}: makes the previous current version current again. */
public final class ModelsRollbackCommand implements Command {

  @Override
  public String name() {
    return "models rollback";
  }

  @Override
  public String summary() {
    return "make the previous current model version current again";
  }

  @Override
  public List<Option> options() {
    return List.of(RegistryOptions.REGISTRY, RegistryOptions.KIND);
  }

  @Override
  public int run(Arguments args) {
    String kind = RegistryOptions.kind(args);
    try (ModelRegistry registry = RegistryOptions.open(args)) {
      HistoryEntry entry = registry.rollback(kind);
      System.out.println(kind + " current is now " + entry.version() + " (" + entry.reason() + ")");
    }
    return 0;
  }
}
