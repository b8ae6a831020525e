package dev.treue.serving.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * The one error path: every failed route ends here and is answered as RFC 9457 problem details
 * ({@code application/problem+json}) with the request id, and logged once. Unexpected exceptions
 * become a 500 whose detail names only the request id (the stack trace goes to the log).
 */
public final class ProblemResponder {
  /** Problem type URIs start with this; the kind follows. */
  public static final String TYPE_BASE = "https://treue.dev/problems/";

  private static final Logger LOG = System.getLogger(ProblemResponder.class.getName());

  private ProblemResponder() {}

  /** The failure handler for a router. */
  public static void handle(RoutingContext ctx) {
    handle(ctx, -1);
  }

  /**
   * The error handler for a status the router itself raises (404, 405, a malformed path...): the
   * context does not always carry that status, so the registration passes it in.
   */
  public static void handle(RoutingContext ctx, int routerStatus) {
    HttpServerResponse response = ctx.response();
    if (response.headWritten()) {
      // A streamed response cannot carry a problem any more; cut it so the client sees it broke.
      LOG.log(
          Level.WARNING,
          "request " + RequestIds.of(ctx) + " failed after the response started",
          ctx.failure());
      response.reset();
      return;
    }
    ApiException problem = toProblem(ctx, routerStatus);
    if (problem.status() >= 500) {
      String line =
          "request "
              + RequestIds.of(ctx)
              + " "
              + ctx.request().method()
              + " "
              + ctx.request().path()
              + " failed: "
              + problem.getMessage();
      if (ctx.failure() instanceof ApiException) {
        // An expected outage (Redis down, no model): one line, no stack trace.
        LOG.log(Level.WARNING, line);
      } else {
        LOG.log(Level.ERROR, line, ctx.failure());
      }
    }
    write(ctx, problem);
  }

  /** Writes a problem response now. */
  public static void write(RoutingContext ctx, ApiException problem) {
    write(ctx.request(), RequestIds.of(ctx), problem);
  }

  /**
   * Answers 408 to a request whose body did not arrive in time (outside routing: the router is still
   * waiting for the body) and closes the connection.
   */
  public static void timedOut(HttpServerRequest request) {
    write(
        request,
        RequestIds.of(request),
        new ApiException(
            408,
            "request-timeout",
            "Request timeout",
            "the request body did not arrive within the read timeout"));
  }

  /**
   * Writes a problem as the answer to a request. An answer before the body was read (401, 413,
   * 503...) ends the connection: reading on would let the client hold it, and a half-read body leaves
   * nothing to frame the next request by.
   */
  public static void write(HttpServerRequest request, String requestId, ApiException problem) {
    write(request, requestId, problem, problem.status() == 408 || BodyBudget.bodyUnread(request));
  }

  /** Writes a problem as the answer to a request, closing the connection afterwards when asked to. */
  public static void write(
      HttpServerRequest request, String requestId, ApiException problem, boolean close) {
    JsonObject body =
        new JsonObject()
            .put("type", TYPE_BASE + problem.kind())
            .put("title", problem.title())
            .put("status", problem.status())
            .put("detail", problem.getMessage())
            .put("request_id", requestId);
    problem.extensions().forEach(body::put);
    if (!problem.errors().isEmpty()) {
      JsonArray errors = new JsonArray();
      for (FieldError e : problem.errors()) {
        errors.add(new JsonObject().put("field", e.field()).put("problem", e.problem()));
      }
      body.put("errors", errors);
    }
    HttpServerResponse response =
        request
            .response()
            .setStatusCode(problem.status())
            .putHeader("Content-Type", "application/problem+json");
    if (problem.status() == 503) {
      response.putHeader("Retry-After", "1");
    }
    if (problem.status() == 401) {
      response.putHeader("WWW-Authenticate", "ApiKey header=\"X-Api-Key\"");
    }
    if (close) {
      response.putHeader("Connection", "close");
    }
    Future<Void> sent = response.end(body.encode());
    if (close) {
      sent.onComplete(done -> LingeringClose.drainThenClose(request));
    }
  }

  private static ApiException toProblem(RoutingContext ctx, int routerStatus) {
    Throwable failure = ctx.failure();
    if (failure instanceof ApiException api) {
      return api;
    }
    int status = ctx.statusCode() > 0 ? ctx.statusCode() : routerStatus;
    if (failure instanceof HttpException http) {
      status = http.getStatusCode();
    }
    return switch (status) {
      case 404 ->
          new ApiException(
              404,
              "not-found",
              "Not found",
              "no route for "
                  + ctx.request().method()
                  + " "
                  + ctx.request().path()
                  + "; see /openapi.yaml");
      case 405 ->
          new ApiException(
              405,
              "method-not-allowed",
              "Method not allowed",
              ctx.request().method() + " is not allowed on " + ctx.request().path());
      case 413 ->
          new ApiException(
              413,
              "body-too-large",
              "Request body too large",
              "the request body exceeds the configured limit");
      case 408 ->
          new ApiException(
              408,
              "request-timeout",
              "Request timeout",
              "the request body did not arrive within the read timeout");
      case 415 ->
          new ApiException(
              415,
              "unsupported-media-type",
              "Unsupported media type",
              "expected Content-Type: application/json");
      case 400 ->
          new ApiException(
              400,
              "bad-request",
              "Bad request",
              failure == null || failure.getMessage() == null
                  ? "the request could not be read"
                  : failure.getMessage());
      default ->
          new ApiException(
              status >= 400 && status < 500 ? status : 500,
              status >= 400 && status < 500 ? "client-error" : "internal",
              status >= 400 && status < 500 ? "Client error" : "Internal error",
              "unexpected error; see the service log for request " + RequestIds.of(ctx));
    };
  }
}
