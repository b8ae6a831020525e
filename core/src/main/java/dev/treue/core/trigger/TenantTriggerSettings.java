package dev.treue.core.trigger;

import dev.treue.core.id.IdRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one reading of a tenant's triggers and control group from the service's configuration, shared
 * by the service ({@code ServingConfig}) and the batch ({@code ./treue triggers sweep}): {@code
 * triggers} is {@code {"*" | "<tenant>": {<kind>: {...}}}}, a tenant's kinds laid over those of
 * {@code "*"}, each kind's object read by {@link TriggerSettings#fromMap}; {@code holdouts} is
 * {@code {"<tenant>": {"share": 0.05, "salt": "..."}}}, the salt defaulting to the tenant id; {@code
 * trigger_stream_max_length} is a whole number of at least 0. The input is plain JSON values (maps,
 * lists, strings, numbers, booleans). Every problem names the field, e.g. {@code
 * triggers.acme.points_expiring.within_days}.
 *
 * @param triggers the tenant's trigger settings
 * @param holdout the tenant's control group ({@link Holdout#NONE} when not configured)
 * @param streamMaxLength the stream cap, or null when not set
 */
public record TenantTriggerSettings(
    TriggerSettings triggers, Holdout holdout, Long streamMaxLength) {
  /** The {@code triggers} key. */
  public static final String TRIGGERS = "triggers";

  /** The {@code holdouts} key. */
  public static final String HOLDOUTS = "holdouts";

  /** The {@code trigger_stream_max_length} key. */
  public static final String STREAM_MAX_LENGTH = "trigger_stream_max_length";

  /** Nothing configured: every kind off, nobody held out, the stream cap not set. */
  public static final TenantTriggerSettings NONE =
      new TenantTriggerSettings(TriggerSettings.DEFAULTS, Holdout.NONE, null);

  /**
   * One tenant's settings from a configuration's root object.
   *
   * @throws IllegalArgumentException listing every problem, each naming its field
   */
  public static TenantTriggerSettings read(Map<String, ?> root, String tenant) {
    List<String> problems = new ArrayList<>();
    Map<String, Map<String, Object>> triggerTenants = triggerTenants(root.get(TRIGGERS), problems);
    TriggerSettings every = triggers(triggerTenants, "*", problems);
    TriggerSettings triggers = every;
    for (Map.Entry<String, Map<String, Object>> e : triggerTenants.entrySet()) {
      // Every tenant's kinds are checked, as the service refuses a file with any wrong one.
      if (!e.getKey().equals("*")) {
        TriggerSettings t = layer(e.getKey(), e.getValue(), every, problems);
        if (e.getKey().equals(tenant)) {
          triggers = t;
        }
      }
    }
    Map<String, Map<String, Object>> holdouts = holdoutTenants(root.get(HOLDOUTS), problems);
    Holdout holdout = Holdout.NONE;
    for (Map.Entry<String, Map<String, Object>> e : holdouts.entrySet()) {
      // Every tenant's entry is checked, as the service refuses a file with any wrong one.
      Holdout h = holdout(e.getKey(), e.getValue(), problems);
      if (e.getKey().equals(tenant) && h != null) {
        holdout = h;
      }
    }
    Long streamMaxLength = streamMaxLength(root.get(STREAM_MAX_LENGTH), problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return new TenantTriggerSettings(triggers, holdout, streamMaxLength);
  }

  /** The {@code triggers} value's tenants ({@code "*"} allowed), problems added. */
  public static Map<String, Map<String, Object>> triggerTenants(Object raw, List<String> problems) {
    return tenantMap(
        TRIGGERS,
        raw,
        true,
        "{\"*\": {\"first_purchase\": {\"enabled\": true}}}",
        "an object of trigger kind to settings",
        problems);
  }

  /** The {@code holdouts} value's tenants, problems added. */
  public static Map<String, Map<String, Object>> holdoutTenants(Object raw, List<String> problems) {
    return tenantMap(
        HOLDOUTS,
        raw,
        false,
        "{\"acme\": {\"share\": 0.05, \"salt\": \"2026\"}}",
        "an object {share, salt}",
        problems);
  }

  /**
   * A per-tenant key's value, {@code {"<tenant>": {...}}}: each tenant's object in the configured
   * order. Each problem names the key and the tenant; a tenant with a problem is left out.
   *
   * @param star whether {@code "*"} (every tenant) is allowed
   * @param example the whole value, for the message when it is not an object
   * @param entry what each tenant's value must be, for the message when it is not an object
   * @return each tenant's object; empty when the key is not set or not an object
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Map<String, Object>> tenantMap(
      String key, Object raw, boolean star, String example, String entry, List<String> problems) {
    Map<String, Map<String, Object>> byTenant = new LinkedHashMap<>();
    if (raw == null) {
      return byTenant;
    }
    if (!(raw instanceof Map<?, ?> tenants)) {
      problems.add(
          key
              + ": expected an object of tenants"
              + (star ? " (or \"*\")" : "")
              + ", e.g. "
              + example);
      return byTenant;
    }
    for (Map.Entry<?, ?> e : tenants.entrySet()) {
      String tenant = String.valueOf(e.getKey());
      String where = key + "." + tenant;
      if (!(star && tenant.equals("*")) && !IdRule.TENANT.accepts(tenant)) {
        problems.add(
            where
                + ": '"
                + tenant
                + "' is not a tenant id; lower-case letters, digits, '_' or '-', at most 32");
      } else if (e.getValue() instanceof Map<?, ?> m) {
        byTenant.put(tenant, (Map<String, Object>) m);
      } else {
        problems.add(where + ": expected " + entry);
      }
    }
    return byTenant;
  }

  /**
   * A tenant's trigger settings: those of {@code "*"} over the defaults, then the tenant's on top;
   * for {@code "*"} itself, those of {@code "*"}.
   */
  public static TriggerSettings triggers(
      Map<String, Map<String, Object>> tenants, String tenant, List<String> problems) {
    TriggerSettings every = layer("*", tenants.get("*"), TriggerSettings.DEFAULTS, problems);
    return tenant.equals("*") ? every : layer(tenant, tenants.get(tenant), every, problems);
  }

  /** One tenant's kinds laid over {@code base}; {@code base} with the problem added when wrong. */
  public static TriggerSettings layer(
      String tenant, Map<String, Object> kinds, TriggerSettings base, List<String> problems) {
    if (kinds == null) {
      return base;
    }
    try {
      return TriggerSettings.fromMap(kinds, base);
    } catch (IllegalArgumentException e) {
      problems.add(TRIGGERS + "." + tenant + "." + e.getMessage());
      return base;
    }
  }

  /** One tenant's control group, or null (with the problem added). */
  public static Holdout holdout(String tenant, Map<String, Object> o, List<String> problems) {
    String where = HOLDOUTS + "." + tenant;
    for (String field : o.keySet()) {
      if (!field.equals("share") && !field.equals("salt")) {
        problems.add(where + "." + field + ": unknown field; expected share and salt");
      }
    }
    if (!(o.get("share") instanceof Number share)) {
      problems.add(where + ".share: expected a number from 0 up to (not including) 1, e.g. 0.05");
      return null;
    }
    Object salt = o.getOrDefault("salt", tenant);
    if (!(salt instanceof String text) || text.isEmpty()) {
      problems.add(where + ".salt: expected a non-empty string (default: the tenant id)");
      return null;
    }
    try {
      return Holdout.of(share.doubleValue(), text);
    } catch (IllegalArgumentException e) {
      problems.add(where + ".share: " + e.getMessage());
      return null;
    }
  }

  private static Long streamMaxLength(Object raw, List<String> problems) {
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
    problems.add(STREAM_MAX_LENGTH + ": expected a whole number of at least 0, got " + raw);
    return null;
  }
}
