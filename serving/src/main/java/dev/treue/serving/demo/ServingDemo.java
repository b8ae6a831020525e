package dev.treue.serving.demo;

import dev.treue.core.offers.Offer;
import dev.treue.serving.auth.ApiKeys;
import dev.treue.serving.config.ServingConfig;
import dev.treue.serving.server.RunningServer;
import dev.treue.serving.server.TreueServer;
import dev.treue.store.EmbeddedRedis;
import dev.treue.store.RedisEndpoint;
import dev.treue.store.RedisKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@code ./treue demo}: the whole product on a fresh machine. Starts a Redis (the one at
 * {@code TREUE_REDIS_URL}, else an embedded real Redis), runs the training half through the launcher
 * ({@code demo-data}: generate, train, materialize into that Redis), starts the service with a fresh
 * demo API key, prints working {@code curl} calls and serves until stopped.
 */
public final class ServingDemo {
  /** The tenant the demo's members and key belong to. */
  public static final String TENANT = "demo";

  /**
   * The demo tenant's control group: the generator holds these members out of every campaign
   * ({@code demo-data --holdout-share}, which also computes the uplift into Redis) and the service
   * holds the same members out (salt: the tenant id on both sides).
   */
  static final double HOLDOUT_SHARE = 0.1;

  private final PrintStream out;

  public ServingDemo(PrintStream out) {
    this.out = out;
  }

  /**
   * Runs the demo; returns only when the JVM is asked to stop (or on failure).
   *
   * @param options {@code port}, {@code customers}, {@code dir}
   * @return the exit code
   */
  public int run(Map<String, String> options, Map<String, String> env)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    int port = Integer.parseInt(options.getOrDefault("port", "8080"));
    Path dir = Path.of(options.getOrDefault("dir", "demo")).toAbsolutePath();
    String customers = options.getOrDefault("customers", "20000");
    String launcher = env.get("TREUE_LAUNCHER");
    if (launcher == null) {
      throw new IllegalStateException(
          "run the demo through the ./treue launcher (TREUE_LAUNCHER is not set)");
    }
    String configured = env.get(RedisEndpoint.ENV);
    EmbeddedRedis embedded = null;
    String redisUrl = configured;
    if (configured == null || configured.isBlank()) {
      embedded = EmbeddedRedis.start(0);
      redisUrl = embedded.url();
      out.println(
          "Started an embedded Redis at "
              + redisUrl
              + " (set "
              + RedisEndpoint.ENV
              + " to use your own)");
    }
    try {
      trainingHalf(launcher, dir, customers, redisUrl);
      String offer = loadOffers(dir.resolve("data"), redisUrl);
      String secret = newSecret();
      JsonObject json =
          new JsonObject()
              .put("port", port)
              .put("redis_url", redisUrl)
              .put("registry", dir.resolve("models").toString())
              // The welcome trigger is on, so a first purchase posted to the demo lands on the
              // firing stream.
              .put(
                  "triggers",
                  new JsonObject()
                      .put(
                          TENANT,
                          new JsonObject()
                              .put("first_purchase", new JsonObject().put("enabled", true))))
              .put(
                  "holdouts",
                  new JsonObject().put(TENANT, new JsonObject().put("share", HOLDOUT_SHARE)))
              // The demo runs on one machine: a webhook receiver on 127.0.0.1 can be tried at once.
              .put("webhook_allow_private_targets", true)
              // Ready when it says so: the warm-up before readiness pays under a deploy's load,
              // not for a demo's first requests by hand.
              .put("warmup", "PT0S")
              .put(
                  "api_keys",
                  new JsonArray()
                      .add(
                          new JsonObject()
                              .put("id", "demo")
                              .put("sha256", ApiKeys.sha256(secret))
                              .put("tenant", TENANT)
                              .put(
                                  "scopes",
                                  new JsonArray(List.of("score", "events", "lists", "admin")))));
      ServingConfig config = ServingConfig.fromJson(json, Map.of(), "demo");
      RunningServer server = TreueServer.start(config);
      CountDownLatch stopped = new CountDownLatch(1);
      EmbeddedRedis toStop = embedded;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    server.close();
                    if (toStop != null) {
                      toStop.close();
                    }
                    stopped.countDown();
                  },
                  "treue-demo-shutdown"));
      embedded = null;
      printWelcome(server, secret, redisUrl, dir, offer, (System.nanoTime() - start) / 1e9);
      stopped.await();
      return 0;
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  private void trainingHalf(String launcher, Path dir, String customers, String redisUrl)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                launcher,
                "demo-data",
                "--dir",
                dir.toString(),
                "--customers",
                customers,
                "--redis",
                redisUrl,
                "--tenant",
                TENANT,
                "--holdout-share",
                String.valueOf(HOLDOUT_SHARE)));
    out.println("== ./treue " + String.join(" ", command.subList(1, command.size())));
    Process p = new ProcessBuilder(command).inheritIO().start();
    int status = p.waitFor();
    if (status != 0) {
      throw new IllegalStateException("the demo's training half failed with status " + status);
    }
  }

  /**
   * Loads the generated {@code offers} table into the demo tenant's catalogue (as
   * {@code ./treue offers load --replace} would); returns an offer id for the examples, or null when
   * the data has no offers.
   */
  private String loadOffers(Path data, String redisUrl) throws IOException {
    Path file = data.resolve("offers.csv");
    if (!java.nio.file.Files.isRegularFile(file)) {
      return null;
    }
    try (UnifiedJedis jedis = RedisEndpoint.parse(redisUrl).connect(Duration.ofSeconds(5), 2)) {
      dev.treue.store.OfferCatalogStore.FileLoad load =
          new dev.treue.store.OfferCatalogStore(
                  jedis, RedisKeys.forTenant(TENANT), java.time.Clock.systemUTC())
              .loadFile(file, true);
      if (!load.written()) {
        out.println(
            "The generated offers were not loaded: "
                + load.file().rejects().size()
                + " rejects, first: "
                + load.file().rejects().get(0));
        return null;
      }
      out.println(
          "Loaded "
              + load.file().offers().size()
              + " offers into the catalogue (tenant '"
              + TENANT
              + "')");
      if (load.file().offers().isEmpty()) {
        return null;
      }
      List<Offer> shelf =
          standingRewards(load.file().offers(), LocalDate.now(java.time.ZoneOffset.UTC));
      dev.treue.store.OfferCatalogStore store =
          new dev.treue.store.OfferCatalogStore(
              jedis, RedisKeys.forTenant(TENANT), java.time.Clock.systemUTC());
      shelf.forEach(store::put);
      out.println(
          "Added "
              + shelf.size()
              + " standing rewards valid today (r01..): new offers, which the model scores "
              + "from their attributes alone");
      return shelf.get(0).offerId();
    }
  }

  /**
   * The generated campaigns run a few weeks each, so on any one day only one or two are live. A
   * programme also has standing rewards: these are new offers (never sent, so no history) shaped
   * like the latest campaigns of each kind and category, valid from a week ago for two months.
   */
  static List<Offer> standingRewards(List<Offer> campaigns, LocalDate today) {
    java.util.Map<String, Offer> latestByShape = new java.util.LinkedHashMap<>();
    for (Offer o : campaigns) {
      latestByShape.put(o.kind().wireName() + "|" + o.category(), o);
    }
    List<Offer> shelf = new ArrayList<>();
    int day = Math.toIntExact(today.toEpochDay());
    for (Offer o : latestByShape.values()) {
      if (shelf.size() == 8) {
        break;
      }
      shelf.add(
          new Offer(
              String.format("r%02d", shelf.size() + 1),
              o.kind(),
              o.category(),
              o.value(),
              o.cost(),
              o.pointsCost(),
              0,
              day - 7,
              day + 60,
              dev.treue.core.offers.Money.units(100 * dev.treue.core.offers.Money.cents(o.cost())),
              1,
              java.util.Set.of("email", "app", "web")));
    }
    return shelf;
  }

  private void printWelcome(
      RunningServer server,
      String secret,
      String redisUrl,
      Path dir,
      String offer,
      double seconds) {
    String base = "http://127.0.0.1:" + server.port();
    List<String> atRisk = atRiskExample(redisUrl);
    String member = atRisk.isEmpty() ? "c0000001" : atRisk.get(0);
    String key = "-H 'X-Api-Key: " + secret + "'";
    out.println();
    out.printf(
        Locale.ROOT,
        "Treue demo ready in %.0f s: %s (tenant '%s', data and models in %s)%n",
        seconds,
        base,
        TENANT,
        dir);
    out.println("API key: " + secret);
    out.println("Dashboard: " + base + "/dashboard/ (sign in with the API key above)");
    out.println("API docs: " + base + "/docs/");
    out.println();
    out.println("Try:");
    out.println("  curl -s " + key + " " + base + "/v1/customers/" + member + "/churn-risk");
    out.println("  curl -s " + key + " '" + base + "/v1/at-risk?min_probability=0.7&limit=5'");
    out.println(
        "  curl -s " + key + " -H 'Accept: text/csv' '" + base + "/v1/at-risk?tier=gold' | head");
    out.println(
        "  curl -s "
            + key
            + " -H 'Content-Type: application/json' -X POST "
            + base
            + "/v1/events \\");
    out.println(
        "       -d '{\"event_id\":\"demo-1\",\"customer_id\":\""
            + member
            + "\",\"ts\":\""
            + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
            + "\",\"type\":\"purchase\",\"amount\":42.50,\"category\":\"coffee\",\"channel\":\"app\"}'");
    out.println(
        "  curl -s "
            + key
            + " "
            + base
            + "/v1/customers/"
            + member
            + "/churn-risk   # moved by the purchase");
    out.println(
        "  curl -s "
            + key
            + " -H 'Content-Type: application/json' -X POST "
            + base
            + "/v1/churn-risk:batch -d '{\"customer_ids\":[\""
            + member
            + "\",\"c0000002\",\"nobody\"]}'");
    if (offer != null) {
      out.println(
          "  curl -s "
              + key
              + " '"
              + base
              + "/v1/customers/"
              + member
              + "/rewards?channel=app&limit=3'");
      out.println(
          "  curl -s "
              + key
              + " -H 'Content-Type: application/json' -X POST "
              + base
              + "/v1/customers/"
              + member
              + "/offers/"
              + offer
              + ":issue -d '{\"request_id\":\"demo-issue-1\",\"channel\":\"app\"}'");
      out.println("  curl -s " + key + " " + base + "/v1/offers");
    }
    out.println("  curl -s " + key + " " + base + "/v1/models");
    out.println("  curl -s " + base + "/health/ready");
    out.println("  curl -s " + base + "/metrics | grep treue_");
    out.println("Stop with Ctrl-C.");
  }

  /** A high-risk member who is not yet a lost cause (the very top is members gone for years). */
  private static List<String> atRiskExample(String redisUrl) {
    try (UnifiedJedis jedis = RedisEndpoint.parse(redisUrl).connect(Duration.ofSeconds(2), 1)) {
      return new ArrayList<>(
          jedis.zrevrangeByScore(RedisKeys.forTenant(TENANT).atRiskScores(), 0.85, 0.7, 0, 1));
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  private static String newSecret() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return "demo-" + HexFormat.of().formatHex(bytes);
  }

  private static String sha256(String secret) {
    try {
      return HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
