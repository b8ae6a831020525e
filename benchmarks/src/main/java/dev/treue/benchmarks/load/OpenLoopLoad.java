package dev.treue.benchmarks.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
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
 * lines; also printed).
 */
public final class OpenLoopLoad {
  private static final String[] CATEGORIES = {"coffee", "bakery", "beauty", "home", "fashion"};
  private static final String[] TIERS = {"basic", "silver", "gold", "platinum"};

  private final HttpClient client;
  private final String url;
  private final String apiKey;

  private final Semaphore connections;
  private final Map<String, AtomicLong> errorKinds = new ConcurrentHashMap<>();

  private OpenLoopLoad(String url, String apiKey, int connections) {
    this.url = url;
    this.apiKey = apiKey;
    this.connections = new Semaphore(connections);
    // HTTP/1.1: the service refuses the cleartext HTTP/2 upgrade. The pool has no cap, so a
    // stalled service gets new connections instead of a queue in the driver.
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

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
    AtomicLong inFlight = new AtomicLong();
    SplittableRandom readRandom = random.split();
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
      HttpRequest request;
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
      connections.acquire();
      inFlight.incrementAndGet();
      client
          .sendAsync(request, HttpResponse.BodyHandlers.discarding())
          .whenComplete(
              (response, failure) -> {
                long now = System.nanoTime();
                connections.release();
                inFlight.decrementAndGet();
                if (slot < 0) {
                  return; // warm-up
                }
                series.latency[slot] = now - scheduled;
                series.done.incrementAndGet();
                series.lastDone.accumulateAndGet(now, Math::max);
                if (failure != null) {
                  series.errors.incrementAndGet();
                  Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                  errorKinds
                      .computeIfAbsent(cause.getClass().getSimpleName(), k -> new AtomicLong())
                      .incrementAndGet();
                } else if (response.statusCode() / 100 != 2) {
                  series.non2xx.incrementAndGet();
                }
              });
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    long measuredFrom = start + (long) (eventsWarm * 1e9 / rate);
    StringBuilder out = new StringBuilder();
    figures(out, "events", events, measuredFrom, newMembers);
    figures(out, "churn", reads, start + (long) (readsWarm * 1e9 / Math.max(churnRate, 1)), -1);
    out.append("unanswered=").append(inFlight.get()).append('\n');
    out.append("error_kinds=").append(errorKinds).append('\n');
    return out.toString();
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

  private HttpRequest post(String path, String body) {
    return HttpRequest.newBuilder(URI.create(url + path))
        .timeout(Duration.ofSeconds(30))
        .header("X-Api-Key", apiKey)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(URI.create(url + path))
        .timeout(Duration.ofSeconds(30))
        .header("X-Api-Key", apiKey)
        .GET()
        .build();
  }
}
