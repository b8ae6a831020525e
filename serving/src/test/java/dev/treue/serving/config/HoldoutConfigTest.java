package dev.treue.serving.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.trigger.Holdout;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code holdouts} key: each tenant's share and salt, defaults, and every wrong value named. */
class HoldoutConfigTest {
  private static ServingConfig with(Object holdouts) {
    return ServingConfig.fromJson(new JsonObject().put("holdouts", holdouts), Map.of(), "test");
  }

  private static String refused(Object holdouts) {
    return assertThrows(ConfigException.class, () -> with(holdouts)).getMessage();
  }

  @Test
  void nobodyIsHeldOutByDefault() {
    ServingConfig c = ServingConfig.defaults();
    assertEquals(Holdout.NONE, c.holdouts().of("acme"));
    assertFalse(c.holdouts().heldOut("acme", "c1"));
  }

  @Test
  void eachTenantHasItsShareAndSaltAndTheSaltDefaultsToTheTenant() {
    ServingConfig c =
        with(
            new JsonObject()
                .put("acme", new JsonObject().put("share", 0.05).put("salt", "2026"))
                .put("globex", new JsonObject().put("share", 0.1)));
    assertEquals(Holdout.of(0.05, "2026"), c.holdouts().of("acme"));
    assertEquals(Holdout.of(0.1, "globex"), c.holdouts().of("globex"));
    assertEquals(Holdout.NONE, c.holdouts().of("initech"));
  }

  @Test
  void wrongValuesAreRefusedByName() {
    String m = refused(new JsonObject().put("acme", new JsonObject().put("share", 1)));
    assertTrue(m.contains("holdouts.acme.share") && m.contains("0 <= share < 1"), m);
    m = refused(new JsonObject().put("acme", new JsonObject().put("share", -0.1)));
    assertTrue(m.contains("holdouts.acme.share"), m);
    m = refused(new JsonObject().put("acme", new JsonObject().put("share", "5%")));
    assertTrue(m.contains("holdouts.acme.share: expected a number"), m);
    m = refused(new JsonObject().put("acme", new JsonObject().put("salt", "x")));
    assertTrue(m.contains("holdouts.acme.share"), m);
    m = refused(new JsonObject().put("acme", new JsonObject().put("share", 0.1).put("salt", "")));
    assertTrue(m.contains("holdouts.acme.salt"), m);
    m = refused(new JsonObject().put("acme", new JsonObject().put("share", 0.1).put("pct", 5)));
    assertTrue(m.contains("holdouts.acme.pct: unknown field"), m);
    m = refused(new JsonObject().put("Not A Tenant", new JsonObject().put("share", 0.1)));
    assertTrue(m.contains("holdouts.Not A Tenant"), m);
    m = refused(new JsonObject().put("acme", 0.1));
    assertTrue(m.contains("holdouts.acme: expected an object"), m);
    m = refused("0.1");
    assertTrue(m.contains("holdouts: expected an object of tenants"), m);
  }
}
