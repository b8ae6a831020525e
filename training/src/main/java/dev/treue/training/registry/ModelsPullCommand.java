package dev.treue.training.registry;

import dev.treue.core.cli.Arguments;
import dev.treue.core.cli.Command;
import dev.treue.core.cli.Option;
import dev.treue.core.registry.ModelKind;
import dev.treue.core.registry.RegistryException;
import java.util.List;

/**
 * {@code ./treue models pull}: mirrors one version of a registry on any Hadoop file system
 * ({@code hdfs:}, {@code s3a:}, {@code file:}) into a local registry folder the service reads, and points
 * that folder's {@code CURRENT} at it; see {@link LocalMirror} for the checks.
 */
public final class ModelsPullCommand implements Command {
  private static final Option VERSION =
      Option.of("version", null, "version to pull (default: the current one)");
  private static final Option TO =
      Option.required("to", "local registry folder the service reads (--registry there)");

  @Override
  public String name() {
    return "models pull";
  }

  @Override
  public String summary() {
    return "copy a model version from a remote registry into a local one for the service";
  }

  @Override
  public List<Option> options() {
    return List.of(RegistryOptions.REGISTRY, RegistryOptions.KIND, VERSION, TO);
  }

  @Override
  public int run(Arguments args) {
    String kindName = RegistryOptions.kind(args);
    ModelKind kind =
        ModelKind.of(kindName)
            .filter(k -> k != ModelKind.CLV)
            .orElseThrow(
                () ->
                    new RegistryException(
                        "models pull mirrors churn or offers models, not '" + kindName + "'"));
    try (ModelRegistry registry = RegistryOptions.open(args)) {
      String version = RegistryOptions.versionOrCurrent(args, VERSION, registry, kindName);
      LocalMirror.Pulled pulled = LocalMirror.pull(registry, kind, version, args.path(TO.name()));
      System.out.println(
          (pulled.copied() ? "pulled " : "already there, checked ")
              + kind
              + " "
              + version
              + " ("
              + pulled.files()
              + " files) from "
              + registry.root()
              + " into "
              + pulled.dir()
              + "; it is current there");
    }
    return 0;
  }
}
