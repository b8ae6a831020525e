package dev.treue.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.util.JedisClusterCRC16;

class RedisKeysTest {

  @Test
  void keysAreVersionedTenantPrefixedAndShareOneSlotPerMember() {
    RedisKeys keys = RedisKeys.forTenant("acme");
    assertEquals("treue:v1:{acme:c0000001}:state", keys.memberState("c0000001"));
    assertEquals(
        JedisClusterCRC16.getSlot(keys.memberState("c0000001")),
        JedisClusterCRC16.getSlot(keys.memberEvents("c0000001")));
    assertEquals(
        JedisClusterCRC16.getSlot(keys.atRiskScores()),
        JedisClusterCRC16.getSlot(keys.atRiskRows()));
    assertEquals(
        JedisClusterCRC16.getSlot(keys.atRiskValues()),
        JedisClusterCRC16.getSlot(keys.atRiskRows()));
    assertNotEquals(keys.atRiskValues(), keys.atRiskScores());
    assertNotEquals(keys.memberState("c1"), RedisKeys.forTenant("other").memberState("c1"));
  }

  @Test
  void theKpiDocumentIsOneHashTaggedKeyPerTenant() {
    RedisKeys acme = RedisKeys.forTenant("acme");
    assertEquals("treue:v1:{acme:@kpis}:document", acme.kpiDocument());
    assertNotEquals(acme.kpiDocument(), RedisKeys.forTenant("acme2").kpiDocument());
    // '@' is no member id character, so no member's key can take the document's slot name
    assertThrows(IllegalArgumentException.class, () -> acme.memberState("@kpis"));
  }

  @Test
  void theUpliftDocumentIsOneHashTaggedKeyPerTenant() {
    RedisKeys acme = RedisKeys.forTenant("acme");
    assertEquals("treue:v1:{acme:@uplift}:document", acme.upliftDocument());
    assertNotEquals(acme.upliftDocument(), RedisKeys.forTenant("acme2").upliftDocument());
    assertNotEquals(acme.upliftDocument(), acme.kpiDocument());
  }

  @Test
  void membersSpreadOverSlots() {
    RedisKeys keys = RedisKeys.forTenant("acme");
    long distinct =
        java.util.stream.IntStream.range(0, 1000)
            .map(i -> JedisClusterCRC16.getSlot(keys.memberState("c" + i)))
            .distinct()
            .count();
    assertTrue(distinct > 900, "distinct slots " + distinct);
  }

  @Test
  void webhookKeysTakeOnlyShortPlainIds() {
    RedisKeys acme = RedisKeys.forTenant("acme");
    String longest = "a".repeat(64);
    for (String id : new String[] {"wh_1", "A-z_09", longest}) {
      assertTrue(acme.webhookDeliveries(id).endsWith(":deliveries:" + id), id);
      assertTrue(acme.webhookDeliveryLog(id).endsWith(":log:" + id), id);
      assertTrue(acme.webhookDeadLetters(id).endsWith(":dead:" + id), id);
    }
    for (String id :
        new String[] {
          null, "", longest + "a", "a b", "a|b", "a:b", "a}b", "\u00e4", "a\u0000", "a.b"
        }) {
      assertThrows(IllegalArgumentException.class, () -> acme.webhookDeliveries(id), "" + id);
      assertThrows(IllegalArgumentException.class, () -> acme.webhookDeadLetters(id), "" + id);
    }
  }

  @Test
  void refusesIdsThatCouldEscapeTheirKey() {
    RedisKeys keys = RedisKeys.forTenant("acme");
    for (String bad :
        new String[] {"", "a}b", "a{b", "a:b", "a b", "x".repeat(65), "-a", "ä", "a\nb"}) {
      assertFalse(RedisKeys.validMemberId(bad), bad);
      assertThrows(IllegalArgumentException.class, () -> keys.memberState(bad));
    }
    assertThrows(IllegalArgumentException.class, () -> RedisKeys.forTenant("Acme"));
    assertThrows(IllegalArgumentException.class, () -> RedisKeys.forTenant("a:b"));
    assertTrue(RedisKeys.validMemberId("A-1.b_2"));
  }

  @Test
  void endpointsParse() {
    RedisEndpoint single = RedisEndpoint.parse("redis://:secret@10.0.0.1:6380/2");
    assertFalse(single.cluster());
    assertEquals(6380, single.nodes().get(0).getPort());
    assertEquals("secret", single.password());
    assertEquals(2, single.database());
    RedisEndpoint cluster = RedisEndpoint.parse("redis-cluster://h1:7000,h2:7001");
    assertTrue(cluster.cluster());
    assertEquals(2, cluster.nodes().size());
    assertThrows(IllegalArgumentException.class, () -> RedisEndpoint.parse("http://x"));
    assertThrows(IllegalArgumentException.class, () -> RedisEndpoint.parse("redis-cluster://h1"));
    assertThrows(IllegalArgumentException.class, () -> RedisEndpoint.parse("redis://h/x"));
  }

  @Test
  void theMemberIndexIsShardedOverSlotsByAStableHashOfTheId() {
    RedisKeys keys = RedisKeys.forTenant("acme");
    long slots =
        java.util.stream.IntStream.range(0, RedisKeys.MEMBER_INDEX_SHARDS)
            .map(s -> JedisClusterCRC16.getSlot(keys.memberIndex(s)))
            .distinct()
            .count();
    assertTrue(slots > RedisKeys.MEMBER_INDEX_SHARDS * 9 / 10, slots + " slots");
    assertEquals("treue:v1:{acme:@members:17}:ids", keys.memberIndex(17));
    // CRC-32 of the UTF-8 id, so every process and language agrees on a member's shard.
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update("c0000001".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(
        crc.getValue() % RedisKeys.MEMBER_INDEX_SHARDS, RedisKeys.memberIndexShard("c0000001"));
    assertEquals(
        keys.memberIndex(RedisKeys.memberIndexShard("c0000001")), keys.memberIndexOf("c0000001"));
    assertThrows(IllegalArgumentException.class, () -> keys.memberIndex(256));
    assertThrows(IllegalArgumentException.class, () -> RedisKeys.memberIndexShard("a b"));
  }
}
