package dev.treue.serving.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The key table is the one place a key is written: reading, usage text and README all follow it. */
class ConfigKeysTest {

  @Test
  void everyKeyIsInTheUsageText() {
    String usage = ConfigKeys.usage();
    for (ConfigKey k : ConfigKeys.ALL) {
      assertTrue(
          usage.contains("  " + k.name() + " "),
          k.name() + " missing from the usage text:\n" + usage);
      assertTrue(
          usage.contains(k.help().split(" ")[0]), k.name() + "'s help missing from:\n" + usage);
    }
  }

  @Test
  void readmeHoldsTheTableOfKeys() throws Exception {
    String readme = Files.readString(readme(), StandardCharsets.UTF_8);
    String table = ConfigKeys.markdown();
    assertTrue(
        readme.contains(table),
        "README.md's service configuration table differs from ConfigKeys; paste:\n" + table);
    for (ConfigKey k : ConfigKeys.ALL) {
      assertTrue(readme.contains("| `" + k.name() + "` |"), k.name() + " missing from README.md");
    }
  }

  @Test
  void keyNamesAreUniqueAndEveryOneIsReadFromFileAndEnvironment() {
    Set<String> names = new HashSet<>();
    for (ConfigKey k : ConfigKeys.ALL) {
      assertTrue(names.add(k.name()), "twice: " + k.name());
      assertEquals(k, ConfigKeys.named(k.name()));
      if (k.envVar() != null) {
        // A value the key never accepts, given through the environment, must be refused by that
        // key's name.
        String bad = k.type() == ConfigKey.Type.TEXT ? null : "not-a-value";
        if (bad != null) {
          String m =
              org.junit.jupiter.api.Assertions.assertThrows(
                      ConfigException.class,
                      () ->
                          ServingConfig.fromJson(new JsonObject(), Map.of(k.envVar(), bad), "env"))
                  .getMessage();
          assertTrue(m.contains(k.name() + ":"), k.name() + " not named in:\n" + m);
        }
      }
    }
  }

  @Test
  void theDefaultsAreTheTablesDefaults() {
    ServingConfig d = ServingConfig.defaults();
    assertEquals(ConfigKeys.PORT.defaultValue(), String.valueOf(d.http().port()));
    assertEquals(
        ConfigKeys.BODY_BUDGET_BYTES.defaultValue(), String.valueOf(d.http().bodyBudgetBytes()));
    assertEquals(ConfigKeys.OFFER_CACHE_TTL.defaultValue(), d.rewards().offerCacheTtl().toString());
    assertEquals(ConfigKeys.NAMESPACE.defaultValue(), d.redis().namespace());
    assertEquals(Runtime.getRuntime().availableProcessors(), d.http().eventLoops());
    ServingConfig changed =
        ServingConfig.withOverrides(Map.of("port", 9001, "registry", "/srv/models"));
    assertEquals(9001, changed.http().port());
    assertEquals(Path.of("/srv/models"), changed.models().registry());
  }

  private static Path readme() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null
        && !(Files.isRegularFile(dir.resolve("README.md"))
            && Files.isDirectory(dir.resolve("serving")))) {
      dir = dir.getParent();
    }
    assertTrue(dir != null, "no README.md above " + Path.of("").toAbsolutePath());
    return dir.resolve("README.md");
  }
}
