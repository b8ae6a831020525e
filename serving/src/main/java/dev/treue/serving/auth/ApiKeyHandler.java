package dev.treue.serving.auth;

import dev.treue.serving.http.ApiException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Checks the {@code X-Api-Key} header and the operation's scope: 401 without a known key, 403 when
 * the key lacks the scope or an {@code X-Tenant} header names another tenant than the key's.
 * Handlers read the caller with {@link #key}.
 */
public final class ApiKeyHandler {
  /** Header carrying the secret. */
  public static final String HEADER = "X-Api-Key";

  /** Optional header naming the tenant the caller means; must match the key's. */
  public static final String TENANT_HEADER = "X-Tenant";

  private static final String KEY = "treue.api-key";

  private final ApiKeys keys;

  public ApiKeyHandler(ApiKeys keys) {
    this.keys = keys;
  }

  /** A handler requiring the scope. */
  public Handler<RoutingContext> require(Scope scope) {
    return ctx -> {
      String secret = ctx.request().getHeader(HEADER);
      if (secret == null) {
        ctx.fail(new ApiException(401, "unauthorized", "Unauthorized", "missing " + HEADER + " header"));
        return;
      }
      ApiKey key = keys.find(secret);
      if (key == null) {
        ctx.fail(new ApiException(401, "unauthorized", "Unauthorized", "unknown API key in " + HEADER));
        return;
      }
      if (!key.may(scope)) {
        ctx.fail(new ApiException(403, "forbidden", "Forbidden",
            "API key '" + key.id() + "' lacks the scope '" + scope.wireName() + "' this operation needs"));
        return;
      }
      String tenant = ctx.request().getHeader(TENANT_HEADER);
      if (tenant != null && !tenant.equals(key.tenant())) {
        ctx.fail(new ApiException(403, "forbidden", "Forbidden",
            "API key '" + key.id() + "' belongs to another tenant than the one named in " + TENANT_HEADER));
        return;
      }
      ctx.put(KEY, key);
      ctx.next();
    };
  }

  /** The authenticated key of the request. */
  public static ApiKey key(RoutingContext ctx) {
    return ctx.get(KEY);
  }
}
