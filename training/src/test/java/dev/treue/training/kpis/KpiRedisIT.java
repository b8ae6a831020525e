package dev.treue.training.kpis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.treue.store.KpiDocuments;
import dev.treue.store.RedisKeys;
import dev.treue.store.RedisTestServers;
import dev.treue.training.cli.TreueCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/**
 * The KPI document reaches Redis: {@code materialize} stores it with the load (on a real Redis Cluster, so the
 * key's hash tag matters), {@code kpis --redis} replaces it, and bad arguments are refused before any work.
 */
class KpiRedisIT {
  private static final Path SAMPLE = Path.of("..", "data", "sample");

  @Test
  void materializeAndKpisStoreTheTenantsDocument(@TempDir Path tmp) throws Exception {
    try (RedisTestServers.Cluster cluster = RedisTestServers.cluster();
        UnifiedJedis jedis = RedisTestServers.connect(cluster.url())) {
      KpiDocuments documents = new KpiDocuments(jedis);
      RedisKeys acme = RedisKeys.forTenant("acme");
      String work = tmp.resolve("work").toString();
      assertEquals(
          0,
          TreueCli.run(
              List.of(
                  "materialize",
                  "--data",
                  SAMPLE.toString(),
                  "--redis",
                  cluster.url(),
                  "--tenant",
                  "acme",
                  "--states-only",
                  "--registry",
                  tmp.resolve("none").toString(),
                  "--work",
                  work,
                  "--kpis-out",
                  tmp.resolve("m").toString()),
              System.out,
              System.err));
      JsonNode stored = new ObjectMapper().readTree(documents.get(acme).orElseThrow());
      assertEquals("acme", stored.get("tenant").asText());
      assertEquals("month", stored.get("granularity").asText());
      assertTrue(stored.get("model_version").isNull());
      assertEquals(
          Files.readString(tmp.resolve("m").resolve("kpis.json")),
          documents.get(acme).orElseThrow());
      assertTrue(documents.get(RedisKeys.forTenant("globex")).isEmpty());

      assertEquals(
          0,
          TreueCli.run(
              List.of(
                  "kpis",
                  "--data",
                  SAMPLE.toString(),
                  "--redis",
                  cluster.url(),
                  "--tenant",
                  "acme",
                  "--granularity",
                  "quarter",
                  "--as-of",
                  "2025-12-31",
                  "--registry",
                  tmp.resolve("none").toString(),
                  "--work",
                  work,
                  "--out",
                  tmp.resolve("k").toString()),
              System.out,
              System.err));
      JsonNode replaced = new ObjectMapper().readTree(documents.get(acme).orElseThrow());
      assertEquals("quarter", replaced.get("granularity").asText());
      assertEquals("2025-12-31", replaced.get("as_of").asText());
      JsonNode periods = replaced.get("periods");
      assertEquals("2025-Q4", periods.get(periods.size() - 1).get("period").asText());
      assertTrue(replaced.get("breakdowns").get("tier").has("basic"));

      assertNotEquals(
          0,
          TreueCli.run(
              List.of(
                  "kpis",
                  "--data",
                  SAMPLE.toString(),
                  "--granularity",
                  "week",
                  "--out",
                  tmp.toString()),
              System.out,
              System.err));
      assertNotEquals(
          0,
          TreueCli.run(
              List.of(
                  "kpis",
                  "--data",
                  SAMPLE.toString(),
                  "--redis",
                  cluster.url(),
                  "--tenant",
                  "Bad Tenant",
                  "--out",
                  tmp.toString()),
              System.out,
              System.err));
      assertEquals(
          "quarter",
          new ObjectMapper()
              .readTree(documents.get(acme).orElseThrow())
              .get("granularity")
              .asText());
    }
  }
}
