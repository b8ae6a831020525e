package dev.treue.serving;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small blocking HTTP client for tests, with the API key of one caller. */
public final class Http {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** A response with its body as text. */
  public record Reply(int status, String contentType, String body) {
    /** The body as a JSON object. */
    public JsonObject json() {
      return new JsonObject(body);
    }

    @Override
    public String toString() {
      return status
          + " "
          + contentType
          + " "
          + (body.length() > 600 ? body.substring(0, 600) + "..." : body);
    }
  }

  private final HttpClient client;
  private final String base;
  private final String apiKey;

  public Http(String base, String apiKey) {
    this(CLIENT, base, apiKey);
  }

  private Http(HttpClient client, String base, String apiKey) {
    this.client = client;
    this.base = base;
    this.apiKey = apiKey;
  }

  /** The same server with another key (null for none). */
  public Http as(String otherKey) {
    return new Http(client, base, otherKey);
  }

  /**
   * The same server and key on a client of its own, whose first request opens a new connection.
   * For a POST to a service with short timeouts ({@code idle_timeout}, {@code request_read_timeout})
   * after a wait near them: the service may close the shared client's kept-alive connection as the
   * POST goes out, and a POST is not retried ("received no bytes").
   */
  public Http onNewConnection() {
    return new Http(
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build(),
        base,
        apiKey);
  }

  public Reply get(String path) {
    return send(builder(path).GET());
  }

  public Reply get(String path, String header, String value) {
    return send(builder(path).header(header, value).GET());
  }

  /** A GET with two headers: {@code header, value, otherHeader, otherValue}. */
  public Reply get(String path, String header, String value, String other, String otherValue) {
    return send(builder(path).header(header, value).header(other, otherValue).GET());
  }

  public Reply delete(String path) {
    return send(builder(path).DELETE());
  }

  public Reply post(String path, String json) {
    return send(
        builder(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Reply post(String path, JsonObject json) {
    return post(path, json.encode());
  }

  public Reply put(String path, JsonObject json) {
    return send(
        builder(path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json.encode())));
  }

  /** Any request, for the fuzz test. */
  public Reply send(String method, String path, String contentType, byte[] body, String tenant) {
    HttpRequest.Builder b = builder(path);
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (tenant != null) {
      b.header("X-Tenant", tenant);
    }
    return send(
        b.method(
            method,
            body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  private HttpRequest.Builder builder(String path) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
    if (apiKey != null) {
      b.header("X-Api-Key", apiKey);
    }
    return b;
  }

  private Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
