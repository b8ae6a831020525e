package dev.treue.serving.webhooks;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

/**
 * A real webhook receiver on 127.0.0.1 for tests: records every request it gets (headers, body,
 * what it answered) and answers as its behaviour says for the n-th request (a status, or a pause
 * longer than the service's timeout first). Can be stopped and started again on the same port.
 */
final class TestReceiver implements AutoCloseable {
  /** One request as received. */
  record Received(
      String signature, String timestamp, String deliveryHeader, String body, int answered) {
    JsonObject json() {
      return new JsonObject(body);
    }
  }

  /** What to do with the n-th request (0-based): the status, and milliseconds to wait first. */
  record Answer(int status, long pauseMillis) {}

  private final List<Received> received = new ArrayList<>();
  private volatile IntFunction<Answer> behaviour;
  private int port;
  private HttpServer server;
  private int count;

  TestReceiver(IntFunction<Answer> behaviour) {
    this.behaviour = behaviour;
    start(0);
  }

  /** Answers 200 at once. */
  static TestReceiver ok() {
    return new TestReceiver(n -> new Answer(200, 0));
  }

  void behave(IntFunction<Answer> b) {
    this.behaviour = b;
  }

  /** The prefix of the receiver's thread names, so a test can tell them from the service's. */
  static final String RECEIVER_THREAD = "test-receiver-";

  private static final java.util.concurrent.atomic.AtomicInteger counter =
      new java.util.concurrent.atomic.AtomicInteger();

  /** Requests that arrived so far, answered or still paused. */
  synchronized int arrived() {
    return count;
  }

  synchronized void start(int onPort) {
    try {
      server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 50);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    port = server.getAddress().getPort();
    // A thread per request in flight: a paused answer never queues another sender's request.
    server.setExecutor(
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, RECEIVER_THREAD + counter.incrementAndGet());
              t.setDaemon(true);
              return t;
            }));
    server.createContext(
        "/",
        ex -> {
          String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          int n;
          synchronized (this) {
            n = count++;
          }
          Answer a = behaviour.apply(n);
          if (a.pauseMillis() > 0) {
            try {
              Thread.sleep(a.pauseMillis());
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          synchronized (this) {
            received.add(
                new Received(
                    ex.getRequestHeaders().getFirst("X-Treue-Signature"),
                    ex.getRequestHeaders().getFirst("X-Treue-Timestamp"),
                    ex.getRequestHeaders().getFirst("X-Treue-Delivery"),
                    body,
                    a.status()));
          }
          try {
            ex.sendResponseHeaders(a.status(), -1);
          } catch (IOException e) {
            // The service gave up waiting (a timeout): the answer goes nowhere.
          }
          ex.close();
        });
    server.start();
  }

  /** Stops listening: connections are refused until {@link #restart()}. */
  synchronized void stop() {
    server.stop(0);
  }

  /** Listens again on the same port. */
  void restart() {
    start(port);
  }

  String url() {
    return "http://127.0.0.1:" + port + "/hook";
  }

  int port() {
    return port;
  }

  synchronized List<Received> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    stop();
  }
}
