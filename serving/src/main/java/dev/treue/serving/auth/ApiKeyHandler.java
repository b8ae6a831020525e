package dev.treue.serving.auth;

import dev.treue.serving.http.ApiException;
import dev.treue.store.RedisKeys;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks the {@code X-Api-Key} header and the operation's scope: 401 without a known key, 403 when
 * the key lacks the scope or an {@code X-Tenant} header names another tenant than the key's; 400 when
 * {@code X-Tenant} is no tenant name or is sent more than once.
 * Handlers read the caller with {@link #key}.
 */
public final class ApiKeyHandler {
  /** Header carrying the secret. */
  public static final String HEADER = "X-Api-Key";

  /** Optional header naming the tenant the caller means; must match the key's. */
  public static final String TENANT_HEADER = "X-Tenant";

  private static final String KEY = "treue.api-key";
  // Hashed once (RequestIds says why).
  private static final CharSequence HEADER_NAME = HttpHeaders.createOptimized(HEADER);
  private static final CharSequence TENANT_HEADER_NAME = HttpHeaders.createOptimized(TENANT_HEADER);

  private final ApiKeys keys;

  public ApiKeyHandler(ApiKeys keys) {
    this.keys = keys;
  }

  /** A handler requiring any one of the scopes (an operation open to several kinds of caller). */
  public Handler<RoutingContext> require(Set<Scope> scopes) {
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException("an operation behind a key needs at least one scope");
    }
    String needed =
        scopes.stream().map(x -> "'" + x.wireName() + "'").collect(Collectors.joining(" or "));
    return ctx -> {
      String secret = ctx.request().getHeader(HEADER_NAME);
      if (secret == null) {
        ctx.fail(
            new ApiException(401, "unauthorized", "Unauthorized", "missing " + HEADER + " header"));
        return;
      }
      ApiKey key = keys.find(secret);
      if (key == null) {
        ctx.fail(
            new ApiException(401, "unauthorized", "Unauthorized", "unknown API key in " + HEADER));
        return;
      }
      if (scopes.stream().noneMatch(key::may)) {
        ctx.fail(
            new ApiException(
                403,
                "forbidden",
                "Forbidden",
                "API key '" + key.id() + "' lacks the scope " + needed + " this operation needs"));
        return;
      }
      String tenant = ctx.request().getHeader(TENANT_HEADER_NAME);
      if (tenant != null) {
        ApiException invalid = invalidTenant(ctx, tenant);
        if (invalid != null) {
          ctx.fail(invalid);
          return;
        }
        if (!tenant.equals(key.tenant())) {
          ctx.fail(
              new ApiException(
                  403,
                  "forbidden",
                  "Forbidden",
                  "API key '"
                      + key.id()
                      + "' belongs to another tenant than the one named in "
                      + TENANT_HEADER));
          return;
        }
      }
      ctx.put(KEY, key);
      ctx.next();
    };
  }

  /**
   * A 400 when the tenant header is no tenant name or is sent more than once (only the first would
   * be compared otherwise); null when it is one well-formed tenant name.
   */
  private static ApiException invalidTenant(RoutingContext ctx, String first) {
    int count = ctx.request().headers().getAll(TENANT_HEADER_NAME).size();
    if (count > 1) {
      return ApiException.invalid(TENANT_HEADER, "sent " + count + " times; expected at most once");
    }
    if (!RedisKeys.validTenant(first)) {
      return ApiException.invalid(
          TENANT_HEADER,
          "not a tenant name; expected 1 to 32 characters from a-z, 0-9,"
              + " '_' and '-', starting with a letter or digit");
    }
    return null;
  }

  /** The authenticated key of the request. */
  public static ApiKey key(RoutingContext ctx) {
    return ctx.get(KEY);
  }
}
