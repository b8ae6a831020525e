package dev.treue.training.registry;

import dev.treue.core.cli.Arguments;
import dev.treue.core.cli.Command;
import dev.treue.core.cli.Option;
import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** {@code ./treue models list}: every version of a kind, oldest first, with its metrics. */
public final class ModelsListCommand implements Command {
  private static final DateTimeFormatter CREATED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  @Override
  public String name() {
    return "models list";
  }

  @Override
  public String summary() {
    return "list the model versions in the registry; * marks the current one";
  }

  @Override
  public List<Option> options() {
    return List.of(RegistryOptions.REGISTRY, RegistryOptions.KIND);
  }

  @Override
  public int run(Arguments args) {
    String kind = RegistryOptions.kind(args);
    try (ModelRegistry registry = RegistryOptions.open(args)) {
      print(registry.list(kind), System.out);
    }
    return 0;
  }

  static void print(List<ModelVersion> versions, PrintStream out) {
    out.printf("  %-22s  %-20s  %8s  %8s%n", "version", "created", "auc", "log_loss");
    for (ModelVersion v : versions) {
      out.printf(
          "%s %-22s  %-20s  %8s  %8s%n",
          v.current() ? "*" : " ",
          v.version(),
          CREATED.format(v.created()),
          number(v.metrics().auc()),
          number(v.metrics().logLoss()));
    }
  }

  private static String number(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
  }
}
