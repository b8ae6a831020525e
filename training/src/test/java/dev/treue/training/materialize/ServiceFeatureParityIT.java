package dev.treue.training.materialize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.treue.core.customer.CustomerState;
import dev.treue.core.event.LoyaltyEvent;
import dev.treue.core.feature.ChurnFeatures;
import dev.treue.core.ingest.ColumnLayout;
import dev.treue.core.ingest.Csv;
import dev.treue.core.ingest.OfferRowParser;
import dev.treue.core.offers.Offer;
import dev.treue.core.offers.OfferCatalog;
import dev.treue.core.offers.OfferFeatures;
import dev.treue.core.offers.OfferPriors;
import dev.treue.store.EmbeddedRedis;
import dev.treue.store.MemberReader;
import dev.treue.store.RedisEndpoint;
import dev.treue.store.RedisKeys;
import dev.treue.store.RedisTestServers;
import dev.treue.store.StoredMember;
import dev.treue.training.ingest.IngestOptions;
import dev.treue.training.ingest.LoyaltyData;
import dev.treue.training.replay.MemberHistories;
import dev.treue.training.replay.MemberReplay;
import dev.treue.training.snapshot.SnapshotJob;
import dev.treue.training.snapshot.SnapshotSchema;
import dev.treue.training.spark.SparkTestSession;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/**
 * The parity proof of DESIGN principle 1, across the two JVMs: members of the committed sample are
 * materialized into a real Redis at one day, the rest of their history is posted to the real service
 * (its own JVM, as in production) through {@code POST /v1/events}, and the feature vector the service
 * computes at a later day equals, exactly, the one the Spark snapshot job computes from the full
 * history at that day.
 */
class ServiceFeatureParityIT {
  private static final Path SAMPLE = Path.of("..", "data", "sample");
  private static final Path SERVING = Path.of("..", "serving", "target");
  private static final LocalDate LOADED = LocalDate.parse("2025-12-31");
  private static final LocalDate AS_OF = LocalDate.parse("2026-03-31");
  private static final String TENANT = "parity";
  private static final String SECRET = "parity-test-key";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;

  @Test
  void serviceFeaturesAfterMaterializeAndEventsEqualSparkFeatures() throws Exception {
    if (!Files.isDirectory(SERVING.resolve("lib"))
        || !Files.isDirectory(SERVING.resolve("classes"))) {
      fail(
          "the service is not built: run 'mvn -pl serving -am package' (mvn verify builds it before training)");
    }
    SparkSession spark = SparkTestSession.get();
    try (RedisTestServers.Single redis = RedisTestServers.single()) {
      LoyaltyData data =
          LoyaltyData.read(spark, SAMPLE, IngestOptions.defaults(work.resolve("rejects")));
      int loadedDay = Math.toIntExact(LOADED.toEpochDay());
      MaterializeSettings settings =
          new MaterializeSettings(
              redis.url(),
              RedisKeys.DEFAULT_NAMESPACE,
              TENANT,
              Duration.ZERO,
              500,
              loadedDay,
              System.currentTimeMillis(),
              0.4);
      MaterializeJob.run(spark, data.memberRows(), data.eventRows(), settings, null);

      Map<String, double[]> expected = new HashMap<>();
      for (Row r :
          SnapshotJob.snapshots(data.memberRows(), data.eventRows(), List.of(AS_OF), 90, AS_OF)
              .collectAsList()) {
        expected.put(
            r.getString(r.fieldIndex(SnapshotSchema.CUSTOMER_ID)), SnapshotSchema.features(r));
      }
      // Members who joined by the load day (the service knows their profile from the load) and the
      // events after the load, up to the end of the as-of day, in replay order.
      List<String> members = new ArrayList<>();
      Map<String, CustomerState> replayed = new HashMap<>();
      List<LoyaltyEvent> later = new ArrayList<>();
      long from = settings.coveredUntilMillis();
      long to = (AS_OF.toEpochDay() + 1) * 86_400_000L;
      for (Row r :
          MemberHistories.join(data.memberRows().filter("profiling_consent"), data.eventRows())
              .collectAsList()) {
        if (MemberReplay.member(r).signupEpochDay() > loadedDay) {
          continue;
        }
        members.add(MemberReplay.member(r).customerId());
        replayed.put(
            MemberReplay.member(r).customerId(),
            MemberReplay.stateBefore(MemberReplay.member(r), MemberReplay.sortedEvents(r), to));
        for (LoyaltyEvent e : MemberReplay.sortedEvents(r)) {
          if (e.tsMillis() >= from && e.tsMillis() < to) {
            later.add(e);
          }
        }
      }
      later.sort(LoyaltyEvent.REPLAY_ORDER);
      assertTrue(members.size() >= 1_000, "members " + members.size());
      assertTrue(later.size() >= 10_000, "events posted " + later.size());

      try (Service service = Service.start(work, redis.url())) {
        HttpClient http = HttpClient.newHttpClient();
        int accepted = 0;
        for (int i = 0; i < later.size(); i += 1_000) {
          JsonNode answer =
              service.post(
                  http, "/v1/events", batch(later.subList(i, Math.min(later.size(), i + 1_000))));
          for (JsonNode r : answer.get("results")) {
            accepted += r.get("status").asText().equals("accepted") ? 1 : 0;
          }
        }
        assertEquals(later.size(), accepted, "every later event is new to the service");
        int compared = 0;
        for (String id : members) {
          JsonNode answer = service.get(http, "/v1/customers/" + id + "/features?as_of=" + AS_OF);
          JsonNode features = answer.get("features");
          double[] want = expected.get(id);
          for (int f = 0; f < want.length; f++) {
            String name = ChurnFeatures.SPEC.names().get(f);
            double got = features.get(name).asDouble();
            if (Double.doubleToLongBits(got) != Double.doubleToLongBits(want[f])) {
              fail("member " + id + " feature " + name + ": service " + got + ", Spark " + want[f]);
            }
          }
          compared++;
        }
        assertTrue(compared >= 1_000, "compared " + compared);
        System.out.printf(
            "parity: %d members, %d events posted after %s, features equal at %s%n",
            compared, later.size(), LOADED, AS_OF);
        assertOfferFeaturesEqual(redis.url(), members, replayed);
      }
    }
  }

  /**
   * The offer features (the member's offer history read through the catalogue) of the state the
   * service kept in Redis equal those of the state the Spark jobs replay, for every offer.
   */
  private static void assertOfferFeaturesEqual(
      String redisUrl, List<String> members, Map<String, CustomerState> replayed)
      throws IOException {
    List<Offer> offers = new ArrayList<>();
    try (java.io.BufferedReader in = Files.newBufferedReader(SAMPLE.resolve("offers.csv"))) {
      ColumnLayout layout =
          OfferRowParser.layout(Csv.split(in.readLine(), ',').orElseThrow(), "offers.csv");
      OfferRowParser parser = new OfferRowParser();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        offers.add(parser.parse(layout.pick(Csv.split(line, ',').orElseThrow())).orElseThrow());
      }
    }
    OfferCatalog catalog = OfferCatalog.of(offers);
    int day = Math.toIntExact(AS_OF.toEpochDay());
    int withHistory = 0;
    try (UnifiedJedis jedis = RedisEndpoint.parse(redisUrl).connect(Duration.ofSeconds(5), 4)) {
      List<StoredMember> stored =
          new MemberReader(jedis)
              .readAll(new RedisKeys(RedisKeys.DEFAULT_NAMESPACE, TENANT), members);
      for (StoredMember m : stored) {
        CustomerState service = m.customerState();
        CustomerState spark = replayed.get(m.customerId());
        withHistory += service.offerHistory().isEmpty() ? 0 : 1;
        OfferFeatures.Member a = OfferFeatures.member(service, day, catalog, OfferPriors.NONE);
        OfferFeatures.Member b = OfferFeatures.member(spark, day, catalog, OfferPriors.NONE);
        for (Offer o : offers) {
          if (!java.util.Arrays.equals(a.vectorFor(o), b.vectorFor(o))) {
            fail(
                "member "
                    + m.customerId()
                    + " offer "
                    + o.offerId()
                    + ": service "
                    + java.util.Arrays.toString(a.vectorFor(o))
                    + ", Spark "
                    + java.util.Arrays.toString(b.vectorFor(o)));
          }
        }
      }
    }
    assertTrue(withHistory >= 500, "members with an offer history " + withHistory);
    System.out.printf(
        "parity: offer features of %d members x %d offers equal (%d with offer history)%n",
        members.size(), offers.size(), withHistory);
  }

  private static String batch(List<LoyaltyEvent> events) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode array = body.putArray("events");
    for (LoyaltyEvent e : events) {
      ObjectNode o = array.addObject();
      o.put("event_id", e.eventId());
      o.put("customer_id", e.customerId());
      o.put("ts", Instant.ofEpochMilli(e.tsMillis()).toString());
      o.put("type", e.type().wireName());
      o.put("amount", e.amount());
      o.put("points", e.points());
      if (e.category() != null) {
        o.put("category", e.category());
      }
      if (e.offerId() != null) {
        o.put("offer_id", e.offerId());
      }
    }
    return JSON.writeValueAsString(body);
  }

  /** The service in its own JVM, as {@code ./treue serve} runs it. */
  private record Service(Process process, int port) implements AutoCloseable {
    static Service start(Path work, String redisUrl) throws Exception {
      int port = EmbeddedRedis.freePort();
      Path config = work.resolve("serve.json");
      String sha =
          HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-256")
                      .digest(SECRET.getBytes(StandardCharsets.UTF_8)));
      Files.writeString(
          config,
          """
          {"port": %d, "redis_url": "%s", "registry": "%s", "model_poll_interval": "PT0S",
           "api_keys": [{"id": "parity", "sha256": "%s", "tenant": "%s", "scopes": ["score", "events"]}]}
          """
              .formatted(port, redisUrl, work.resolve("models"), sha, TENANT));
      String classpath =
          SERVING.resolve("classes").toAbsolutePath()
              + File.pathSeparator
              + SERVING.resolve("lib").toAbsolutePath()
              + File.separator
              + "*";
      ProcessBuilder pb =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx512m",
                  "-cp",
                  classpath,
                  "dev.treue.serving.cli.ServingCli",
                  "serve",
                  "--config",
                  config.toString())
              .redirectErrorStream(true)
              .redirectOutput(work.resolve("serve.log").toFile());
      pb.environment().keySet().removeIf(k -> k.startsWith("TREUE_"));
      Service service = new Service(pb.start(), port);
      HttpClient http = HttpClient.newHttpClient();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline) {
        if (!service.process.isAlive()) {
          fail("the service exited: " + Files.readString(work.resolve("serve.log")));
        }
        try {
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/live"))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
          return service;
        } catch (IOException notYet) {
          Thread.sleep(200);
        }
      }
      service.close();
      fail(
          "the service did not listen within 60 s: " + Files.readString(work.resolve("serve.log")));
      return null;
    }

    JsonNode post(HttpClient http, String path, String body) throws Exception {
      return send(
          http,
          HttpRequest.newBuilder(uri(path))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    JsonNode get(HttpClient http, String path) throws Exception {
      return send(http, HttpRequest.newBuilder(uri(path)).GET());
    }

    private JsonNode send(HttpClient http, HttpRequest.Builder request) throws Exception {
      HttpResponse<String> r =
          http.send(
              request.header("X-Api-Key", SECRET).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        fail(request.build().uri() + " answered " + r.statusCode() + ": " + r.body());
      }
      return JSON.readTree(r.body());
    }

    private URI uri(String path) {
      return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public void close() {
      process.destroy();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
