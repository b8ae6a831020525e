package dev.treue.training.triggers;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.treue.core.trigger.Holdout;
import dev.treue.core.trigger.TriggerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A tenant's triggers and control group as the service reads them from its config file: {@code
 * triggers} ({@code "*"} for every tenant, a tenant's kinds on top of those of {@code "*"}, each
 * kind's object read by {@link TriggerSettings#fromMap}), {@code holdouts} ({@code {"<tenant>":
 * {"share": 0.05, "salt": "..."}}}, salt defaulting to the tenant id) and {@code
 * trigger_stream_max_length}.
 *
 * @param triggers the tenant's settings
 * @param holdout the tenant's control group ({@link Holdout#NONE} when not configured)
 * @param streamMaxLength the stream cap, or null when the file does not set it
 */
record TenantTriggerConfig(TriggerSettings triggers, Holdout holdout, Long streamMaxLength) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Nothing configured: every kind off, nobody held out. */
  static final TenantTriggerConfig NONE =
      new TenantTriggerConfig(TriggerSettings.DEFAULTS, Holdout.NONE, null);

  /**
   * Reads the service's config file (JSON).
   *
   * @throws IllegalArgumentException naming the file and the field that is wrong
   */
  static TenantTriggerConfig read(Path file, String tenant) {
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
      return new TenantTriggerConfig(
          triggers(values.get("triggers"), tenant),
          holdout(values.get("holdouts"), tenant),
          streamMaxLength(values.get("trigger_stream_max_length")));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage());
    }
  }

  private static TriggerSettings triggers(Object raw, String tenant) {
    TriggerSettings settings = TriggerSettings.DEFAULTS;
    if (raw == null) {
      return settings;
    }
    if (!(raw instanceof Map<?, ?> tenants)) {
      throw new IllegalArgumentException(
          "triggers: expected an object of tenant (or \"*\") to trigger kinds");
    }
    settings = layer(settings, tenants.get("*"), "*");
    return layer(settings, tenants.get(tenant), tenant);
  }

  @SuppressWarnings("unchecked")
  private static TriggerSettings layer(TriggerSettings base, Object kinds, String tenant) {
    if (kinds == null) {
      return base;
    }
    if (!(kinds instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException(
          "triggers." + tenant + ": expected an object of trigger kind to settings");
    }
    try {
      return TriggerSettings.fromMap((Map<String, ?>) m, base);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("triggers." + tenant + "." + e.getMessage());
    }
  }

  private static Holdout holdout(Object raw, String tenant) {
    if (raw == null) {
      return Holdout.NONE;
    }
    if (!(raw instanceof Map<?, ?> tenants)) {
      throw new IllegalArgumentException("holdouts: expected an object of tenants");
    }
    Object item = tenants.get(tenant);
    if (item == null) {
      return Holdout.NONE;
    }
    String where = "holdouts." + tenant;
    if (!(item instanceof Map<?, ?> o)) {
      throw new IllegalArgumentException(where + ": expected an object {share, salt}");
    }
    if (!(o.get("share") instanceof Number share)) {
      throw new IllegalArgumentException(
          where + ".share: expected a number from 0 up to (not including) 1, e.g. 0.05");
    }
    Object salt = o.containsKey("salt") ? o.get("salt") : tenant;
    if (!(salt instanceof String text) || text.isEmpty()) {
      throw new IllegalArgumentException(
          where + ".salt: expected a non-empty string (default: the tenant id)");
    }
    try {
      return Holdout.of(share.doubleValue(), text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ".share: " + e.getMessage());
    }
  }

  private static Long streamMaxLength(Object raw) {
    if (raw == null) {
      return null;
    }
    if (raw instanceof Number n
        && n.doubleValue() == Math.rint(n.doubleValue())
        && n.longValue() >= 0) {
      return n.longValue();
    }
    if (raw instanceof String text && text.matches("[0-9]{1,18}")) {
      return Long.parseLong(text);
    }
    throw new IllegalArgumentException(
        "trigger_stream_max_length: expected a whole number of at least 0, got " + raw);
  }
}
