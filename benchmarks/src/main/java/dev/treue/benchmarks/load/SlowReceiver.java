package dev.treue.benchmarks.load;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on 127.0.0.1 that answers every delivery (any {@code POST} but to {@code
 * /secret}) with 200 after a fixed pause, as a slow CRM would, and counts what it got: requests,
 * distinct {@code X-Treue-Delivery} ids, and signatures that do not verify against the secret
 * {@code PUT /secret} gave it. {@code GET /stats} answers the counts as {@code key=value} lines.
 *
 * <p>Usage: {@code SlowReceiver PORT [PAUSE_MS=200] [THREADS=256]}.
 */
public final class SlowReceiver {
  private final long pauseMillis;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong badSignatures = new AtomicLong();
  private final Set<String> deliveries = ConcurrentHashMap.newKeySet();
  private volatile String secret;

  private SlowReceiver(long pauseMillis) {
    this.pauseMillis = pauseMillis;
  }

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    long pause = args.length > 1 ? Long.parseLong(args[1]) : 200;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 256;
    SlowReceiver receiver = new SlowReceiver(pause);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
    // Threads, not an event loop: every delivery holds one for the pause, like a blocking CRM.
    server.setExecutor(Executors.newFixedThreadPool(threads));
    server.createContext("/", receiver::handle);
    server.start();
    System.out.println("receiver on 127.0.0.1:" + port + ", answering after " + pause + " ms");
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = ex.getRequestBody().readAllBytes();
      String path = ex.getRequestURI().getPath();
      if (path.equals("/stats")) {
        answer(ex, stats());
      } else if (path.equals("/secret") && ex.getRequestMethod().equals("PUT")) {
        secret = new String(body, StandardCharsets.UTF_8).trim();
        answer(ex, "ok\n");
      } else if (ex.getRequestMethod().equals("POST")) {
        requests.incrementAndGet();
        String delivery = ex.getRequestHeaders().getFirst("X-Treue-Delivery");
        deliveries.add(delivery == null ? "" : delivery);
        if (!verified(body, ex)) {
          badSignatures.incrementAndGet();
        }
        Thread.sleep(pauseMillis);
        ex.sendResponseHeaders(200, -1);
      } else {
        ex.sendResponseHeaders(404, -1);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String stats() {
    return "requests="
        + requests.get()
        + "\ndistinct="
        + deliveries.size()
        + "\nbad_signatures="
        + badSignatures.get()
        + "\n";
  }

  /** The README's check: one of the comma-separated signatures is HMAC(secret, ts + "." + body). */
  private boolean verified(byte[] body, HttpExchange ex) {
    String key = secret;
    String ts = ex.getRequestHeaders().getFirst("X-Treue-Timestamp");
    String signatures = ex.getRequestHeaders().getFirst("X-Treue-Signature");
    if (key == null || ts == null || signatures == null) {
      return false;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((ts + ".").getBytes(StandardCharsets.UTF_8));
      byte[] expected =
          HexFormat.of().formatHex(mac.doFinal(body)).getBytes(StandardCharsets.UTF_8);
      for (String s : signatures.split(",")) {
        if (MessageDigest.isEqual(expected, s.trim().getBytes(StandardCharsets.UTF_8))) {
          return true;
        }
      }
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void answer(HttpExchange ex, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
