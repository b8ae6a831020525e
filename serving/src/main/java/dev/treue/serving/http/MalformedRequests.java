package dev.treue.serving.http;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

/**
 * The HTTP server's handler for requests that are not valid HTTP (they never reach the router): a
 * request line over the limit is 414, headers over the limit 431, anything else unreadable 400, each
 * as problem details like every other error, and the connection is closed (what follows a broken
 * request cannot be framed). The problem says which limit without echoing the request's bytes.
 */
public final class MalformedRequests implements Handler<HttpServerRequest> {
  private final int maxLineLength;
  private final int maxHeaderSize;

  /**
   * @param maxLineLength the server's longest request line
   * @param maxHeaderSize the server's largest header block
   */
  public MalformedRequests(int maxLineLength, int maxHeaderSize) {
    this.maxLineLength = maxLineLength;
    this.maxHeaderSize = maxHeaderSize;
  }

  @Override
  public void handle(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    ApiException problem;
    if (cause instanceof TooLongHttpLineException) {
      problem =
          new ApiException(
              414,
              "uri-too-long",
              "URI too long",
              "the request line is longer than " + maxLineLength + " bytes");
    } else if (cause instanceof TooLongHttpHeaderException) {
      problem =
          new ApiException(
              431,
              "headers-too-large",
              "Request header fields too large",
              "the request headers are larger than " + maxHeaderSize + " bytes");
    } else {
      problem =
          new ApiException(
              400,
              "malformed-request",
              "Malformed request",
              "the request is not valid HTTP/1.1 (request line or headers cannot be read)");
    }
    ProblemResponder.write(request, RequestIds.next(), problem, true);
  }
}
