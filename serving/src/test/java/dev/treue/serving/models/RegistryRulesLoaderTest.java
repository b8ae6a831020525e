package dev.treue.serving.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.registry.VersionName;
import dev.treue.serving.TestModels;
import dev.treue.serving.rewards.OfferModelLoader;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service's loaders follow the registry's one version rule (core's {@code VersionName}, the names
 * training writes) and take the cold-start prior from the bundle's {@code training_base_rate}.
 */
class RegistryRulesLoaderTest {
  @TempDir Path registry;

  private void pointAt(String kind, String text) throws IOException {
    Files.createDirectories(registry.resolve(kind));
    Files.writeString(registry.resolve(kind).resolve("CURRENT"), text + "\n");
  }

  @Test
  void aVersionTrainingWritesIsAcceptedAndOtherNamesAreRefused() throws Exception {
    ModelLoader churn = new ModelLoader(registry, Clock.systemUTC());
    OfferModelLoader offers = new OfferModelLoader(registry, Clock.systemUTC());
    assertNull(churn.currentVersion());

    String written = VersionName.next(Instant.now(), Optional.empty());
    pointAt("churn", written);
    assertEquals(written, churn.currentVersion());

    for (String name : new String[] {"../x", "v1", "latest"}) {
      pointAt("churn", name);
      ModelRefusedException e =
          assertThrows(ModelRefusedException.class, churn::currentVersion, name);
      assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
      pointAt("offers", name);
      assertThrows(ModelRefusedException.class, offers::currentVersion, name);
      assertThrows(ModelRefusedException.class, () -> churn.load(name), name);
      assertThrows(ModelRefusedException.class, () -> offers.load(name), name);
    }
  }

  @Test
  void theColdStartPriorIsTheBundlesTrainingBaseRate() throws ModelRefusedException {
    TestModels.writeVersion(registry, "20240601-000000-aaaaaa");
    ServingModel model =
        new ModelLoader(registry, Clock.systemUTC()).load("20240601-000000-aaaaaa");
    assertEquals(TestModels.BASE_RATE, model.trainingBaseRate());
    assertEquals(TestModels.BASE_RATE, model.info().trainingBaseRate());
    assertTrue(
        TestModels.BASE_RATE != TestModels.VALIDATION_BASE_RATE, "the fixture tells the two apart");
  }

  @Test
  void aBundleFromBeforeTheRenameKeepsItsPrior() throws Exception {
    Path dir = TestModels.writeVersion(registry, "20240601-000000-aaaaaa");
    JsonObject bundle = new JsonObject(Files.readString(dir.resolve("bundle.json")));
    bundle.remove("training_base_rate");
    Files.writeString(dir.resolve("bundle.json"), bundle.encode());
    Files.writeString(dir.resolve("metrics.json"), "{\"base_rate\": 0.42, \"auc\": 0.8}");
    assertEquals(
        0.42,
        new ModelLoader(registry, Clock.systemUTC())
            .load("20240601-000000-aaaaaa")
            .trainingBaseRate());
  }

  @Test
  void theChurnLoaderRefusesAnOffersBundleNamingTheKind() throws IOException {
    Path dir = TestModels.writeVersion(registry, "20240601-000000-aaaaaa");
    JsonObject bundle = new JsonObject(Files.readString(dir.resolve("bundle.json")));
    Files.writeString(dir.resolve("bundle.json"), bundle.put("kind", "offers").encode());
    ModelRefusedException e =
        assertThrows(
            ModelRefusedException.class,
            () -> new ModelLoader(registry, Clock.systemUTC()).load("20240601-000000-aaaaaa"));
    assertTrue(
        e.getMessage().contains("kind 'offers'") && e.getMessage().contains("'churn'"),
        e.getMessage());
  }
}
