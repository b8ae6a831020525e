package dev.treue.training.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Staging folders shaped like a trainer's output, for the registry tests. */
final class RegistryFixtures {
  private RegistryFixtures() {}

  /** A staging folder with a {@code metrics.json} holding {@code metricsJson} and a fake model. */
  static Path staging(Path parent, String name, String metricsJson) {
    try {
      Path dir = Files.createDirectories(parent.resolve(name));
      Files.writeString(dir.resolve("metrics.json"), metricsJson);
      Files.writeString(dir.resolve("model_info.json"), "{\"trainer\":\"logistic\"}");
      Files.createDirectories(dir.resolve("spec"));
      Files.writeString(dir.resolve("spec/features.txt"), "recency_days\nfrequency_90d\n");
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path stagingWithAuc(Path parent, String name, double auc) {
    return staging(parent, name, "{\"auc\": " + auc + ", \"log_loss\": 0.45}");
  }
}
