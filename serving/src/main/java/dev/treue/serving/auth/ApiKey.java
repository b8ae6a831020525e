package dev.treue.serving.auth;

import dev.treue.store.RedisKeys;
import java.util.Set;

/**
 * A configured API key: who it is (id, for logs and metrics), the tenant it is bound to, what it may
 * do, and the tenant's Redis keys so that a request can only ever touch its own tenant's data.
 *
 * @param id a name for the key, never the secret
 * @param sha256 hex SHA-256 of the secret
 * @param tenant the programme the key belongs to
 * @param scopes what the key may do
 * @param keys the tenant's Redis key builder
 */
public record ApiKey(String id, String sha256, String tenant, Set<Scope> scopes, RedisKeys keys) {

  public ApiKey {
    scopes = Set.copyOf(scopes);
  }

  /** True when the key has the scope. */
  public boolean may(Scope scope) {
    return scopes.contains(scope);
  }
}
