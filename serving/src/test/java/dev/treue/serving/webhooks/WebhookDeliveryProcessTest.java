package dev.treue.serving.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.serving.TestService;
import dev.treue.store.RedisKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./treue webhooks}: a service configured not to deliver in service leaves its firings to a
 * delivery process of its own, a real child JVM running the command on the service's Redis, which
 * delivers them signed, runs every thread below normal priority and reports its progress, on its
 * output and as Prometheus metrics.
 */
class WebhookDeliveryProcessTest {
  private static final String KIND = "tier_changed";

  @Test
  void aServiceThatDoesNotDeliverLeavesItToTheDeliveryProcess(@TempDir Path dir) throws Exception {
    try (TestService service =
            TestService.start(
                new JsonObject()
                    .put("webhook_allow_private_targets", true)
                    .put("webhook_poll_interval", "PT0.05S")
                    .put("webhook_delivery_in_service", false));
        TestReceiver receiver = TestReceiver.ok()) {
      RedisKeys keys = TestService.keys("acme");
      String secret =
          service
              .http()
              .post(
                  "/v1/webhooks",
                  new JsonObject()
                      .put("url", receiver.url())
                      .put("triggers", new JsonArray().add(KIND)))
              .json()
              .getString("secret");
      Firings.add(service.jedis, keys, KIND + ":proc-1:1", KIND, "proc-1", false);
      // Ten of the service's polls: had it a worker, it would have made the stream's group.
      Thread.sleep(500);
      assertTrue(
          service.jedis.xinfoGroups(keys.triggerStream()).isEmpty(),
          "the service itself reads no firings");
      assertEquals(0, receiver.received().size());

      Path config = dir.resolve("webhooks.json");
      Files.writeString(
          config,
          new JsonObject()
              .put("redis_url", service.server.redisUrl())
              .put("webhook_allow_private_targets", true)
              .put("webhook_poll_interval", "PT0.05S")
              .put(
                  "api_keys",
                  new JsonArray()
                      .add(
                          new JsonObject()
                              .put("id", "delivery")
                              .put("sha256", "0".repeat(64))
                              .put("tenant", "acme")
                              .put("scopes", new JsonArray().add("admin"))))
              .encode());
      Path log = dir.resolve("webhooks.log");
      Process process =
          webhooks("--config", config.toString(), "--progress-every", "1", "--metrics-port", "0")
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      try {
        Firings.await("the delivery", 30_000, () -> receiver.received().size() == 1);
        TestReceiver.Received got = receiver.received().get(0);
        assertEquals(Firings.hmac(secret, got.timestamp(), got.body()), got.signature());
        assertEquals("proc-1", got.json().getString("customer_id"));
        Firings.await(
            "a progress line counting it",
            10_000,
            () -> read(log).contains("webhooks: 1 delivered"));
        Matcher at = Pattern.compile("metrics on (http://\\S+/metrics)").matcher(read(log));
        assertTrue(at.find(), read(log));
        HttpResponse<String> scraped =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(URI.create(at.group(1).replace("0.0.0.0", "127.0.0.1")))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        assertEquals(200, scraped.statusCode());
        assertTrue(
            scraped.body().contains("treue_webhooks_deliveries_total{outcome=\"delivered\"} 1.0"),
            scraped.body());
        List<Integer> nice = niceOfEveryThread(process.pid());
        assertTrue(nice.size() > 10, "threads of the process: " + nice);
        assertTrue(
            nice.stream().allMatch(n -> n == BackgroundPriority.NICE),
            "every thread below normal priority: " + nice);
      } finally {
        process.destroy();
        assertTrue(process.waitFor(20, TimeUnit.SECONDS), "stops on SIGTERM: " + read(log));
      }
      assertTrue(read(log).contains("Treue webhook delivery for 1 tenant on Redis"), read(log));
    }
  }

  @Test
  void withoutTheServicesRedisOrAnyTenantItRefusesToStart(@TempDir Path dir) throws Exception {
    assertRefused(dir, new JsonObject(), "redis_url");
    assertRefused(dir, new JsonObject().put("redis_url", "redis://127.0.0.1:1"), "api_keys");
  }

  private static void assertRefused(Path dir, JsonObject config, String naming) throws Exception {
    Path file = dir.resolve("webhooks.json");
    Files.writeString(file, config.encode());
    Process process = webhooks("--config", file.toString()).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    assertTrue(process.exitValue() != 0, out);
    assertTrue(out.contains(naming), out);
  }

  /** {@code ./treue webhooks} with these options, as a child JVM on this test's class path. */
  private static ProcessBuilder webhooks(String... options) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.treue.serving.cli.ServingCli",
                "webhooks"));
    command.addAll(List.of(options));
    return new ProcessBuilder(command);
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "";
    }
  }

  /** The nice value of each thread of a process, from {@code /proc}. */
  private static List<Integer> niceOfEveryThread(long pid) throws IOException {
    List<Integer> out = new ArrayList<>();
    try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks.toList()) {
        String stat = Files.readString(task.resolve("stat"));
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        out.add(Integer.parseInt(after[16]));
      }
    }
    return out;
  }
}
