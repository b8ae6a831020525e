package dev.treue.benchmarks.load;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load on the service: {@code POST /v1/events} (one event per request) at a fixed rate and
 * {@code GET /v1/customers/{id}/churn-risk} at a low fixed rate alongside, each request sent at its
 * scheduled time whether or not earlier ones were answered, and its latency measured from that
 * scheduled time. A closed-loop driver (wrk) waits for an answer before the next request, so a
 * stall delays the requests it would have sent and their wait is never counted (coordinated
 * omission); here a stall shows in every request scheduled during it. At most {@code connections}
 * requests are in flight, as with a client's connection pool (wrk2's model): a request whose time
 * came while all are busy leaves when one frees, its latency still counted from its scheduled time.
 *
 * <p>The events are one seeded sequence, so two runs on the same data post the same events: purchases
 * of stored members (purchase milestones), first purchases of new members ({@code new_share}),
 * points earned (balances crossing a line), tier changes, app sessions. Event ids are fresh for
 * every run of the sequence on a restored store ({@code ld-<seq>}); timestamps are the send time.
 *
 * <p>Arguments are {@code key=value}: {@code url}, {@code key} (API key), {@code ids} (file of stored
 * member ids, one a line), {@code rate} (1000 events/s), {@code churn_rate} (20 reads/s), {@code
 * duration} (60 s measured), {@code warmup} (10 s sent first, not measured), {@code seed} (42),
 * {@code new_share} (0.03), {@code connections} (64), {@code out} (figures as {@code key=value}
 * lines; also printed), {@code latencies} and {@code churn_latencies} (optional: each measured event's
 * or churn-risk read's latency in ns, a line each, in scheduled order; -1 when unanswered).
 */
public final class OpenLoopLoad {
  private static final String[] CATEGORIES = {"coffee", "bakery", "beauty", "home", "fashion"};
  private static final String[] TIERS = {"basic", "silver", "gold", "platinum"};

  private final String host;
  private final int port;
  private final String apiKey;
  private final int connections;
  private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
  private final Map<String, AtomicLong> errorKinds = new ConcurrentHashMap<>();
  private long[] eventLatencies = new long[0];
  private long[] churnLatencies = new long[0];

  private OpenLoopLoad(String url, String apiKey, int connections) {
    URI base = URI.create(url);
    this.host = base.getHost();
    this.port = base.getPort() < 0 ? 80 : base.getPort();
    this.apiKey = apiKey;
    this.connections = connections;
  }

  /** A request due at {@code scheduled} (System.nanoTime), and where its outcome is counted. */
  private record Job(byte[] request, long scheduled, Series series, int slot) {}

  /** The latencies (ns from the scheduled time) and outcomes of one kind of request. */
  private static final class Series {
    final long[] latency;
    final AtomicLong done = new AtomicLong();
    final AtomicLong non2xx = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong lastDone = new AtomicLong();

    Series(int n) {
      latency = new long[n];
      Arrays.fill(latency, -1);
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      a.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    double rate = Double.parseDouble(a.getOrDefault("rate", "1000"));
    double churnRate = Double.parseDouble(a.getOrDefault("churn_rate", "20"));
    int duration = Integer.parseInt(a.getOrDefault("duration", "60"));
    int warmup = Integer.parseInt(a.getOrDefault("warmup", "10"));
    long seed = Long.parseLong(a.getOrDefault("seed", "42"));
    double newShare = Double.parseDouble(a.getOrDefault("new_share", "0.03"));
    List<String> ids = Files.readAllLines(Path.of(a.get("ids")));
    int connections = Integer.parseInt(a.getOrDefault("connections", "64"));
    OpenLoopLoad load = new OpenLoopLoad(a.get("url"), a.get("key"), connections);
    String figures =
        load.run(ids, rate, churnRate, warmup, duration, new SplittableRandom(seed), newShare);
    System.out.print(figures);
    if (a.containsKey("out")) {
      Files.writeString(Path.of(a.get("out")), figures);
    }
    // Every measured request's latency in order of its scheduled time: to pool several runs, or to
    // see where the slow ones fall.
    if (a.containsKey("latencies")) {
      writeLatencies(Path.of(a.get("latencies")), load.eventLatencies);
    }
    if (a.containsKey("churn_latencies")) {
      writeLatencies(Path.of(a.get("churn_latencies")), load.churnLatencies);
    }
    System.exit(0);
  }

  private String run(
      List<String> ids,
      double rate,
      double churnRate,
      int warmup,
      int duration,
      SplittableRandom random,
      double newShare)
      throws InterruptedException {
    long eventsTotal = Math.round(rate * (warmup + duration));
    long eventsWarm = Math.round(rate * warmup);
    long readsTotal = Math.round(churnRate * (warmup + duration));
    long readsWarm = Math.round(churnRate * warmup);
    Series events = new Series((int) (eventsTotal - eventsWarm));
    Series reads = new Series((int) (readsTotal - readsWarm));
    eventLatencies = events.latency;
    churnLatencies = reads.latency;
    AtomicLong inFlight = new AtomicLong();
    SplittableRandom readRandom = random.split();
    for (int c = 0; c < connections; c++) {
      Thread t = new Thread(() -> connection(inFlight), "load-connection-" + c);
      t.setDaemon(true);
      t.start();
    }
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
    long i = 0;
    long j = 0;
    long newMembers = 0;
    while (i < eventsTotal || j < readsTotal) {
      long nextEvent = i < eventsTotal ? start + (long) (i * 1e9 / rate) : Long.MAX_VALUE;
      long nextRead =
          j < readsTotal && churnRate > 0 ? start + (long) (j * 1e9 / churnRate) : Long.MAX_VALUE;
      if (nextRead == Long.MAX_VALUE && i >= eventsTotal) {
        break;
      }
      long scheduled = Math.min(nextEvent, nextRead);
      long wait = scheduled - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
        continue; // parkNanos may return early: look again
      }
      byte[] request;
      Series series;
      int slot;
      if (scheduled == nextEvent) {
        String member;
        if (random.nextDouble() < newShare) {
          member = String.format(Locale.ROOT, "ldnew%07d", newMembers++);
        } else {
          member = ids.get(random.nextInt(ids.size()));
        }
        request = post("/v1/events", event("ld-" + i, member, random));
        series = events;
        slot = (int) (i - eventsWarm);
        i++;
      } else {
        String member = ids.get(readRandom.nextInt(ids.size()));
        request = get("/v1/customers/" + member + "/churn-risk");
        series = reads;
        slot = (int) (j - readsWarm);
        j++;
      }
      inFlight.incrementAndGet();
      queue.add(new Job(request, scheduled, series, slot));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    long measuredFrom = start + (long) (eventsWarm * 1e9 / rate);
    StringBuilder out = new StringBuilder();
    figures(out, "events", events, measuredFrom, newMembers);
    // The wall clock of the first measured event's scheduled time: event k of the latencies file
    // was scheduled k / rate seconds after it, which lines slow ones up with other logs (pauses).
    long nanosAgo = System.nanoTime() - measuredFrom;
    put(out, "events_from_epoch_us", System.currentTimeMillis() * 1000 - nanosAgo / 1000);
    figures(out, "churn", reads, start + (long) (readsWarm * 1e9 / Math.max(churnRate, 1)), -1);
    out.append("unanswered=").append(inFlight.get()).append('\n');
    out.append("error_kinds=").append(errorKinds).append('\n');
    return out.toString();
  }

  private static void writeLatencies(Path file, long[] nanos) throws java.io.IOException {
    StringBuilder b = new StringBuilder();
    for (long l : nanos) {
      b.append(l).append('\n');
    }
    Files.writeString(file, b);
  }

  private static void figures(
      StringBuilder out, String name, Series s, long measuredFrom, long newMembers) {
    long[] answered = Arrays.stream(s.latency).filter(l -> l >= 0).sorted().toArray();
    double seconds = Math.max(1e-9, (s.lastDone.get() - measuredFrom) / 1e9);
    put(out, name + "_sent", s.latency.length);
    put(out, name + "_answered", answered.length);
    put(out, name + "_rate", String.format(Locale.ROOT, "%.1f", answered.length / seconds));
    for (double q : new double[] {0.5, 0.9, 0.99}) {
      put(out, name + "_p" + (int) Math.round(q * 100) + "_ms", ms(percentile(answered, q)));
    }
    put(out, name + "_max_ms", ms(answered.length == 0 ? -1 : answered[answered.length - 1]));
    put(out, name + "_non2xx", s.non2xx.get());
    put(out, name + "_errors", s.errors.get());
    if (newMembers >= 0) {
      put(out, "new_members", newMembers);
    }
  }

  private static long percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return -1;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
  }

  private static String ms(long nanos) {
    return nanos < 0 ? "NaN" : String.format(Locale.ROOT, "%.3f", nanos / 1e6);
  }

  private static void put(StringBuilder out, String key, Object value) {
    out.append(key).append('=').append(value).append('\n');
  }

  /** One event of the mix, as the data contract's JSON. */
  private static String event(String eventId, String member, SplittableRandom random) {
    double r = random.nextDouble();
    String ts = Instant.now().toString();
    String head =
        "{\"event_id\":\""
            + eventId
            + "\",\"customer_id\":\""
            + member
            + "\",\"ts\":\""
            + ts
            + "\"";
    if (member.startsWith("ldnew") || r < 0.55) {
      String amount = String.format(Locale.ROOT, "%.2f", 5 + random.nextDouble() * 120);
      String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
      return head
          + ",\"type\":\"purchase\",\"amount\":"
          + amount
          + ",\"category\":\""
          + category
          + "\",\"channel\":\"app\"}";
    } else if (r < 0.75) {
      return head + ",\"type\":\"points_earned\",\"points\":" + (50 + random.nextInt(350)) + "}";
    } else if (r < 0.77) {
      String tier = TIERS[random.nextInt(TIERS.length)];
      return head + ",\"type\":\"tier_change\",\"category\":\"" + tier + "\"}";
    } else {
      return head + ",\"type\":\"app_session\",\"channel\":\"app\"}";
    }
  }

  private byte[] post(String path, String body) {
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    byte[] head =
        ("POST "
                + path
                + " HTTP/1.1\r\nHost: "
                + host
                + "\r\nX-Api-Key: "
                + apiKey
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + content.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] request = Arrays.copyOf(head, head.length + content.length);
    System.arraycopy(content, 0, request, head.length, content.length);
    return request;
  }

  private byte[] get(String path) {
    return ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nX-Api-Key: " + apiKey + "\r\n\r\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * One connection of the pool: takes the next due request, sends it, reads the whole answer, counts
   * it. A plain blocking socket per connection thread: the driver shares the machine with the
   * service, and java.net.http's client cost it most of a core at 1,000 requests/s, which the service
   * then lacked; this costs a small fraction of that.
   */
  private void connection(AtomicLong inFlight) {
    Socket socket = null;
    InputStream in = null;
    OutputStream out = null;
    while (true) {
      Job job;
      try {
        job = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      int status = -1;
      String failure = null;
      for (int attempt = 0; attempt < 2 && status < 0; attempt++) {
        try {
          if (socket == null) {
            socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
          }
          out.write(job.request());
          out.flush();
          status = readResponse(in);
        } catch (IOException e) {
          failure = e.getClass().getSimpleName();
          closeQuietly(socket);
          socket = null;
          // A keep-alive connection the service closed meanwhile: one retry on a fresh one.
        }
      }
      long now = System.nanoTime();
      inFlight.decrementAndGet();
      if (job.slot() < 0) {
        continue; // warm-up
      }
      Series series = job.series();
      series.latency[job.slot()] = now - job.scheduled();
      series.done.incrementAndGet();
      series.lastDone.accumulateAndGet(now, Math::max);
      if (status < 0) {
        series.errors.incrementAndGet();
        errorKinds.computeIfAbsent(failure, k -> new AtomicLong()).incrementAndGet();
      } else if (status / 100 != 2) {
        series.non2xx.incrementAndGet();
      }
    }
  }

  /** Reads one HTTP/1.1 answer (Content-Length or chunked body) and returns its status code. */
  private static int readResponse(InputStream in) throws IOException {
    String statusLine = line(in);
    if (statusLine == null || !statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
      throw new EOFException("no status line");
    }
    int status = Integer.parseInt(statusLine.substring(9, 12));
    long length = 0;
    boolean chunked = false;
    for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
      String lower = header.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Long.parseLong(lower.substring(15).trim());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      }
    }
    if (chunked) {
      while (true) {
        String size = line(in);
        if (size == null) {
          throw new EOFException("chunked body cut off");
        }
        int semi = size.indexOf(';');
        long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
        skip(in, n);
        line(in);
        if (n == 0) {
          break;
        }
      }
    } else {
      skip(in, length);
    }
    return status;
  }

  private static void skip(InputStream in, long n) throws IOException {
    while (n > 0) {
      long skipped = in.skip(n);
      if (skipped <= 0) {
        if (in.read() < 0) {
          throw new EOFException("body cut off");
        }
        skipped = 1;
      }
      n -= skipped;
    }
  }

  /** One CRLF-terminated line without its end, or null at the end of the stream. */
  private static String line(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder(64);
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        int last = b.length() - 1;
        if (last >= 0 && b.charAt(last) == '\r') {
          b.setLength(last);
        }
        return b.toString();
      }
      b.append((char) c);
    }
    return b.length() == 0 ? null : b.toString();
  }

  private static void closeQuietly(Socket socket) {
    try {
      if (socket != null) {
        socket.close();
      }
    } catch (IOException e) {
      // Closing a broken connection.
    }
  }
}
