package dev.treue.training.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.treue.core.cli.Arguments;
import dev.treue.core.cli.Command;
import dev.treue.core.cli.Option;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code ./treue models show}: one version's metrics, model info and files (default: current). */
public final class ModelsShowCommand implements Command {
  static final Option VERSION =
      Option.of("version", null, "version to show; the current one when absent");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MODEL_INFO = "model_info.json";

  @Override
  public String name() {
    return "models show";
  }

  @Override
  public String summary() {
    return "show one model version: metrics, model info and files";
  }

  @Override
  public List<Option> options() {
    return List.of(RegistryOptions.REGISTRY, RegistryOptions.KIND, VERSION);
  }

  @Override
  public int run(Arguments args) throws IOException {
    String kind = RegistryOptions.kind(args);
    try (ModelRegistry registry = RegistryOptions.open(args)) {
      String version = RegistryOptions.versionOrCurrent(args, VERSION, registry, kind);
      PrintStream out = System.out;
      boolean current = registry.current(kind).map(version::equals).orElse(false);
      out.println("version  " + version + (current ? "  (current)" : ""));
      out.println("path     " + registry.versionPath(kind, version));
      List<BundleFile> files = registry.files(kind, version);
      for (String json : List.of(ModelMetrics.FILE_NAME, MODEL_INFO)) {
        if (files.stream().anyMatch(f -> f.name().equals(json))) {
          out.println();
          out.println(json + ":");
          out.println(pretty(registry.read(kind, version, json)));
        }
      }
      out.println();
      out.println("files:");
      for (BundleFile f : files) {
        out.printf("  %12d  %s%n", f.bytes(), f.name());
      }
    }
    return 0;
  }

  private static String pretty(byte[] json) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json));
    } catch (IOException e) {
      // Show what is there even when a trainer wrote broken JSON; the gate already judged it.
      return new String(json, StandardCharsets.UTF_8);
    }
  }
}
