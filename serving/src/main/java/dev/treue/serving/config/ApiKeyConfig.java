package dev.treue.serving.config;

import java.util.List;

/**
 * One entry of {@code api_keys}: {@code {"id": "checkout", "sha256": "<hex>", "tenant": "acme",
 * "scopes": ["score", "events"]}}. The secret itself is never configured, only its SHA-256
 * ({@code ServingCli hash-key SECRET} prints it).
 *
 * @param id a name for logs
 * @param sha256 64 hex digits
 * @param tenant the programme
 * @param scopes some of score, events, lists, admin
 */
public record ApiKeyConfig(String id, String sha256, String tenant, List<String> scopes) {

  public ApiKeyConfig {
    scopes = List.copyOf(scopes);
  }
}
