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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on 127.0.0.1 that answers every delivery (any {@code POST} but to {@code
 * /secret} and {@code /reset}) with 200 after a fixed pause, as a slow CRM would, and counts what it got: requests,
 * distinct {@code X-Treue-Delivery} ids, and signatures that do not verify against the secret
 * {@code PUT /secret} gave it. {@code GET /stats} answers the counts as {@code key=value} lines,
 * {@code POST /reset} sets them to zero (one receiver, kept warm, serves every run of a benchmark).
 *
 * <p>It answers from a timer, not from a thread held for the pause: it shares the machine with the
 * service it measures, and a sleeping thread per delivery (256 of them) woke in bursts that the
 * service's latency then showed. A real receiver runs elsewhere.
 *
 * <p>Usage: {@code SlowReceiver PORT [PAUSE_MS=200]}.
 */
public final class SlowReceiver {
  private final long pauseMillis;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong badSignatures = new AtomicLong();
  private final Set<String> deliveries = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService answers =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "receiver-answers");
            t.setDaemon(true);
            return t;
          });
  private volatile String secret;

  private SlowReceiver(long pauseMillis) {
    this.pauseMillis = pauseMillis;
  }

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    long pause = args.length > 1 ? Long.parseLong(args[1]) : 200;
    SlowReceiver receiver = new SlowReceiver(pause);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
    // Handlers run on the server's dispatcher thread and only read, check and schedule the answer.
    server.createContext("/", receiver::handle);
    server.start();
    System.out.println("receiver on 127.0.0.1:" + port + ", answering after " + pause + " ms");
  }

  private void handle(HttpExchange ex) throws IOException {
    byte[] body = ex.getRequestBody().readAllBytes();
    String path = ex.getRequestURI().getPath();
    if (path.equals("/stats")) {
      answer(ex, stats());
    } else if (path.equals("/secret") && ex.getRequestMethod().equals("PUT")) {
      secret = new String(body, StandardCharsets.UTF_8).trim();
      answer(ex, "ok\n");
    } else if (path.equals("/reset") && ex.getRequestMethod().equals("POST")) {
      requests.set(0);
      badSignatures.set(0);
      deliveries.clear();
      answer(ex, "ok\n");
    } else if (ex.getRequestMethod().equals("POST")) {
      requests.incrementAndGet();
      String delivery = ex.getRequestHeaders().getFirst("X-Treue-Delivery");
      deliveries.add(delivery == null ? "" : delivery);
      if (!verified(body, ex)) {
        badSignatures.incrementAndGet();
      }
      // The exchange stays open until the timer answers it.
      answers.schedule(
          () -> {
            try (ex) {
              ex.sendResponseHeaders(200, -1);
            } catch (IOException e) {
              // The service gave up on this attempt (its timeout); it will retry.
            }
          },
          pauseMillis,
          TimeUnit.MILLISECONDS);
    } else {
      try (ex) {
        ex.sendResponseHeaders(404, -1);
      }
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
    try (ex) {
      ex.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
