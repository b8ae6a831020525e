package dev.treue.training.triggers;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.treue.core.trigger.TenantTriggerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A tenant's triggers, control group and stream cap from the service's config file (JSON), read by
 * the service's own rule, core {@link TenantTriggerSettings#read}.
 */
final class TenantTriggerConfig {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TenantTriggerConfig() {}

  /**
   * Reads the service's config file.
   *
   * @throws IllegalArgumentException naming the file and each field that is wrong
   */
  @SuppressWarnings("unchecked")
  static TenantTriggerSettings read(Path file, String tenant) {
    Object root;
    try {
      root = JSON.readValue(Files.readString(file), Object.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the config file " + file + ": " + e.getMessage());
    }
    if (!(root instanceof Map<?, ?> values)) {
      throw new IllegalArgumentException("config file " + file + " is not a JSON object");
    }
    try {
      return TenantTriggerSettings.read((Map<String, ?>) values, tenant);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage());
    }
  }
}
