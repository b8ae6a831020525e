package dev.treue.training.materialize;

import dev.treue.core.churn.ChurnModelBundle;
import dev.treue.core.cli.Arguments;
import dev.treue.training.registry.ModelRegistry;
import java.util.Optional;

/**
 * The churn model a batch job scores with: {@code --version} from {@code --registry}, else the
 * registry's current one; none when the registry has none. Used by {@code materialize} and {@code
 * triggers sweep}, so both score with the same model.
 *
 * @param version the model's version
 * @param bundle the loaded bundle
 */
public record ChurnModelChoice(String version, ChurnModelBundle.Loaded bundle) {
  /** The model {@code --registry} and {@code --version} name, or empty when there is none. */
  public static Optional<ChurnModelChoice> load(Arguments a) throws Exception {
    try (ModelRegistry registry = ModelRegistry.open(a.string("registry"))) {
      Optional<String> version =
          a.has("version")
              ? Optional.of(a.string("version"))
              : registry.current(ModelRegistry.DEFAULT_KIND);
      if (version.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          new ChurnModelChoice(
              version.get(),
              ChurnModelBundle.read(
                  registry.localBundle(ModelRegistry.DEFAULT_KIND, version.get()))));
    }
  }
}
