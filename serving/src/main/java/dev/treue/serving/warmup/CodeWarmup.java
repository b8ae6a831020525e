package dev.treue.serving.warmup;

import static dev.treue.core.time.Days.DAY_MILLIS;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.WindowedState;
import dev.treue.core.event.LoyaltyEvent;
import dev.treue.core.offers.RankedReward;
import dev.treue.serving.contract.BodySchema;
import dev.treue.serving.events.PostedEvents;
import dev.treue.serving.http.ResponseJson;
import dev.treue.serving.models.ServingModel;
import dev.treue.serving.scoring.ChurnRisk;
import dev.treue.serving.scoring.ChurnRiskService;
import dev.treue.store.AtRiskEntry;
import dev.treue.store.MemberIndex;
import dev.treue.store.MemberReader;
import dev.treue.store.RedisKeys;
import dev.treue.store.StoredMember;
import dev.treue.store.StoredState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import redis.clients.jedis.UnifiedJedis;

/**
 * Runs the service's own request code on stored and made-up members before it reports ready, so
 * that the JIT has compiled it when the first real requests arrive: parsing and checking posted
 * events, decoding a stored state, folding an event into its window and encoding it again, the
 * member's at-risk row, a churn-risk answer with reasons and value at risk, written as JSON, and
 * for stored members now and then the best reward of the tenant's offers under the offer model. The
 * members are a sample of the tenants' stored members, read once (a few hundred {@code GET}s a
 * tenant), and made-up ones: stored members take the branches real traffic takes (their histories,
 * offers, statuses and formats), so less compiled code is thrown away at the first real requests
 * (30 deoptimizations of Treue's code in the first 12 s of load after a warm-up on made-up members
 * alone, 16 with the sample). Nothing is written: the events exist only in memory and the states
 * are dropped afterwards.
 *
 * <p>Why: under load, a freshly started service answered single events at a sixth to a quarter of
 * its warm rate in its first 5 s, its compiler threads still taking about half a core 40 s later
 * ({@code bench/startup.sh}); a rolling deploy sends its callers to that. With the warm-up the
 * first 5 s ran at 1.2-2.9x that rate. The warm-up stops once the compiler has settled (under
 * {@value #SETTLED_PERCENT}% of a second compiling in each of the last {@value #QUIET_SECONDS}
 * seconds, after at least {@value #MIN_MILLIS} ms) or at the configured longest time, whichever
 * comes first. Without a churn model loaded at start it warms the event code only.
 */
public final class CodeWarmup {
  private static final Logger LOG = System.getLogger(CodeWarmup.class.getName());

  /** Compile time in a second under which the second counts as quiet, in percent. */
  static final int SETTLED_PERCENT = 3;

  /** Quiet seconds in a row after which the compiler counts as settled. */
  static final int QUIET_SECONDS = 3;

  /** The shortest warm-up when the compiler's time can be watched. */
  static final long MIN_MILLIS = 2_000;

  /** Made-up members, cycled through with the stored ones. */
  static final int MEMBERS = 64;

  /** Stored members read for the warm-up at most, per tenant. */
  static final int SAMPLE_PER_TENANT = 256;

  /**
   * A stored member for the warm-up.
   *
   * @param value the stored state's value as Redis holds it, null when there is none
   */
  public record Stored(RedisKeys keys, String customerId, byte[] value) {}

  /**
   * The best reward of a stored member now, as the rewards route ranks offers (the tenant's
   * catalogue and budgets, the member's grants, the offer model), read only: no ranking log entry.
   */
  public interface Ranking {
    /** The best reward, or null when there is none (or no offer model). */
    RankedReward best(RedisKeys keys, CustomerState state);
  }

  /** Rounds between two rankings of a stored member: each reads the member's grants once. */
  static final int RANKING_EVERY = 8;

  private static final String[] TYPES = {
    "purchase", "purchase", "purchase", "points_earned", "app_session", "email_open", "offer_viewed"
  };
  private static final String[] CATEGORIES = {"coffee", "bakery", "grocery", "fashion", "travel"};

  private final Duration longest;
  private final Supplier<ServingModel> models;
  private final Supplier<List<Stored>> sample;
  private final Ranking ranking;
  private final ChurnRiskService scoring;
  private final BodySchema eventSchema;
  private final BodySchema batchSchema;

  private volatile boolean done;
  private volatile long rounds;
  private volatile int sampled;
  private volatile long rankings;
  private volatile long startNanos;
  private volatile long tookNanos;
  private volatile String failure;
  private volatile boolean stopped;
  private Thread thread;

  /** Keeps the rounds' results alive, so the compiler cannot drop their work as unused. */
  private volatile long sink;

  /**
   * @param longest the longest warm-up; zero for none (ready at once)
   * @param models the served churn model, read once at the start (null when none is loaded)
   * @param sample stored members to warm with, read once at the start (read only; an empty list or
   *     a failure leaves the made-up members)
   * @param ranking the rewards ranking, run on every {@value #RANKING_EVERY}th round of a stored
   *     member
   * @param eventSchema the contract's single-event body
   * @param batchSchema the contract's batch body
   */
  public CodeWarmup(
      Duration longest,
      Supplier<ServingModel> models,
      Supplier<List<Stored>> sample,
      Ranking ranking,
      ChurnRiskService scoring,
      BodySchema eventSchema,
      BodySchema batchSchema) {
    this.longest = longest;
    this.models = models;
    this.sample = sample;
    this.ranking = ranking;
    this.scoring = scoring;
    this.eventSchema = eventSchema;
    this.batchSchema = batchSchema;
    this.done = longest.isZero();
  }

  /**
   * The stored members the warm-up runs on: the first {@link #SAMPLE_PER_TENANT} of each
   * tenant's member index, their states read once in a pipeline.
   */
  public static List<Stored> readSample(UnifiedJedis jedis, List<RedisKeys> tenants) {
    MemberIndex index = new MemberIndex(jedis);
    MemberReader reader = new MemberReader(jedis);
    List<Stored> sample = new ArrayList<>();
    for (RedisKeys keys : tenants) {
      List<String> ids = index.page(keys, "0", SAMPLE_PER_TENANT).memberIds();
      List<byte[]> values = reader.stateValues(keys, ids);
      for (int i = 0; i < ids.size(); i++) {
        sample.add(new Stored(keys, ids.get(i), values.get(i)));
      }
    }
    return sample;
  }

  /** Starts the warm-up on a thread of its own; the service is ready when it is {@link #done}. */
  public void start() {
    if (done) {
      return;
    }
    startNanos = System.nanoTime();
    thread = new Thread(this::run, "treue-warmup");
    thread.setDaemon(true);
    thread.start();
  }

  /** Ends a warm-up still running, before the service closes its Redis connections. */
  public void stop() {
    stopped = true;
    Thread running = thread;
    if (running != null) {
      try {
        running.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** True once the warm-up has ended (or there is none). */
  public boolean done() {
    return done;
  }

  /** Readiness's check: what the warm-up did, or how long it has been running. */
  public JsonObject check() {
    if (longest.isZero()) {
      return new JsonObject().put("ok", true).put("off", true);
    }
    if (!done) {
      long sofar = (System.nanoTime() - startNanos) / 1_000_000;
      return new JsonObject()
          .put("ok", false)
          .put(
              "error",
              String.format(
                  Locale.ROOT,
                  "warming up the scoring and event code: %.1f s so far, at most %d s",
                  sofar / 1e3,
                  longest.toSeconds()));
    }
    JsonObject check =
        new JsonObject()
            .put("ok", true)
            .put("rounds", rounds)
            .put("stored_members", sampled)
            .put("rankings", rankings)
            .put("seconds", Math.round(tookNanos / 1e6) / 1e3);
    return failure == null ? check : check.put("failure", failure);
  }

  private void run() {
    try {
      warm();
    } catch (RuntimeException | Error e) {
      // A warm-up that fails must not keep the service from serving: the code warms under load.
      failure = e.getClass().getSimpleName() + ": " + e.getMessage();
      LOG.log(Level.WARNING, "warm-up stopped: " + failure, e);
    } finally {
      tookNanos = System.nanoTime() - startNanos;
      done = true;
      LOG.log(Level.INFO, "warm-up: " + check().encode());
    }
  }

  private void warm() {
    ServingModel model = models.get();
    Instant now = scoring.clock().instant();
    List<byte[]> stored = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    List<RedisKeys> tenants = new ArrayList<>();
    for (Stored m : storedSample()) {
      if (m.value() != null && decodes(m.value())) {
        stored.add(m.value());
        ids.add(m.customerId());
        tenants.add(m.keys());
      }
    }
    sampled = stored.size();
    for (int m = 0; m < MEMBERS; m++) {
      stored.add(member(m, now));
      ids.add(customerId(m));
      tenants.add(null);
    }
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    boolean watched = jit != null && jit.isCompilationTimeMonitoringSupported();
    long end = startNanos + longest.toNanos();
    long nextLook = System.nanoTime() + 1_000_000_000L;
    long compiledAtLook = watched ? jit.getTotalCompilationTime() : 0;
    long n = 0;
    int quiet = 0;
    while (!stopped && System.nanoTime() < end) {
      int m = (int) (n % stored.size());
      // A stored member's every RANKING_EVERY-th round ranks its rewards too.
      RedisKeys ranked = (n / stored.size()) % RANKING_EVERY == 0 ? tenants.get(m) : null;
      // Every round starts from the member as stored, as every live event does: a state that took
      // thousands of rounds' events would take branches no real member takes.
      round(model, stored.get(m), ranked, ids.get(m), n, now);
      rounds = ++n;
      long t = System.nanoTime();
      if (watched && t >= nextLook) {
        long compiled = jit.getTotalCompilationTime();
        // One quiet second can be a lull between two big compilations: it takes QUIET_SECONDS.
        quiet = (compiled - compiledAtLook) * 100 < SETTLED_PERCENT * 1_000L ? quiet + 1 : 0;
        if (quiet >= QUIET_SECONDS && t - startNanos >= MIN_MILLIS * 1_000_000) {
          return;
        }
        compiledAtLook = compiled;
        nextLook = t + 1_000_000_000L;
      }
    }
  }

  /**
   * One member's request as the service serves it: an event posted, then its churn risk read, and
   * for a member of {@code ranked} (else null) its best reward.
   */
  private void round(
      ServingModel model, byte[] value, RedisKeys ranked, String id, long n, Instant now) {
    JsonObject body = event(id, "warmup-r" + n, now.toEpochMilli(), n);
    List<LoyaltyEvent> posted =
        PostedEvents.parse(new JsonObject(body.toBuffer()), eventSchema, batchSchema, now);
    StoredState before = StoredState.decodeForUpdate(value);
    WindowedState window = before.window();
    for (LoyaltyEvent e : posted) {
      window.offer(e);
    }
    StoredState after = before.next(window);
    byte[] written = after.encode();
    long check = written.length;
    if (model != null) {
      AtRiskEntry row = scoring.atRiskEntry(model, after.state());
      check += row.encode().length();
      StoredMember read = new StoredMember(id, StoredState.decode(written), false);
      ChurnRisk risk = scoring.assess(model, List.of(read)).get(0);
      check += ResponseJson.of(risk::writeJson).length();
      if (ranked != null) {
        RankedReward best = ranking.best(ranked, after.state());
        if (best != null) {
          check += best.hashCode();
          rankings++;
        }
      }
    }
    sink += check;
  }

  /**
   * A made-up member: a history of 8 to 56 events over the last 18 months, posted as one batch and
   * folded as the service folds events.
   */
  private byte[] member(int member, Instant now) {
    SplittableRandom random = new SplittableRandom(member);
    String id = customerId(member);
    int count = 8 + member % 49;
    JsonArray events = new JsonArray();
    long nowMillis = now.toEpochMilli();
    for (int k = 0; k < count; k++) {
      long ts = nowMillis - random.nextLong(1, 540) * DAY_MILLIS - random.nextLong(DAY_MILLIS);
      events.add(event(id, "warmup-" + member + "-" + k, ts, random.nextLong(1_000)));
    }
    List<LoyaltyEvent> history =
        PostedEvents.parse(new JsonObject().put("events", events), eventSchema, batchSchema, now);
    WindowedState window = WindowedState.of(new CustomerState(id));
    history.stream().sorted(LoyaltyEvent.REPLAY_ORDER).forEach(window::offer);
    return new StoredState(1, Long.MIN_VALUE, 0, window).encode();
  }

  /** True when a stored value is a state this build can fold into (others are left out). */
  private static boolean decodes(byte[] value) {
    try {
      StoredState.decodeForUpdate(value);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The stored sample, or none when reading it failed (the made-up members still warm). */
  private List<Stored> storedSample() {
    try {
      return sample.get();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "warm-up without stored members: " + e.getMessage());
      return List.of();
    }
  }

  private static String customerId(int member) {
    return "warmup-" + member;
  }

  private static JsonObject event(String customerId, String eventId, long tsMillis, long n) {
    String type = TYPES[(int) (n % TYPES.length)];
    JsonObject e =
        new JsonObject()
            .put("event_id", eventId)
            .put("customer_id", customerId)
            .put("ts", Instant.ofEpochMilli(tsMillis).toString())
            .put("type", type)
            .put("channel", "app");
    if (type.equals("purchase")) {
      e.put("amount", 2.5 + n % 90).put("category", CATEGORIES[(int) (n % CATEGORIES.length)]);
    } else if (type.equals("points_earned")) {
      e.put("points", 10 + n % 200);
    }
    return e;
  }
}
