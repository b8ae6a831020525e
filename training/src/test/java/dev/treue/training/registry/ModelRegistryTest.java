package dev.treue.training.registry;

import static dev.treue.training.registry.RegistryFixtures.staging;
import static dev.treue.training.registry.RegistryFixtures.stagingWithAuc;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.registry.RegistryException;
import dev.treue.core.registry.VersionName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {
  @TempDir Path tmp;
  private ModelRegistry registry;

  @BeforeEach
  void open() {
    registry = ModelRegistry.open(tmp.resolve("models").toString());
  }

  @AfterEach
  void close() {
    registry.close();
  }

  private PublishResult publish(String name, double auc) {
    return registry.publish("churn", stagingWithAuc(tmp, name, auc), QualityGate.defaults());
  }

  @Test
  void gatePassesRefusesAndKeepsRefusedVersionsListed() throws Exception {
    PublishResult first = publish("a", 0.80);
    PublishResult better = publish("b", 0.797);
    PublishResult worse = publish("c", 0.78);

    assertTrue(first.promoted(), first.reason());
    assertEquals(Optional.empty(), first.previousCurrent());
    assertTrue(better.promoted(), better.reason());
    assertFalse(worse.promoted(), worse.reason());
    assertTrue(
        worse.reason().contains("0.7800") && worse.reason().contains("0.7970"), worse.reason());

    List<ModelVersion> versions = registry.list("churn");
    assertEquals(
        List.of(first.version(), better.version(), worse.version()),
        versions.stream().map(ModelVersion::version).toList());
    assertEquals(
        List.of(false, true, false), versions.stream().map(ModelVersion::current).toList());
    assertEquals(0.78, versions.get(2).metrics().auc(), 1e-12);
    assertEquals(0.45, versions.get(2).metrics().logLoss(), 1e-12);
    assertEquals(Optional.of(better.version()), registry.current("churn"));
    assertEquals(better.version() + "\n", Files.readString(tmp.resolve("models/churn/CURRENT")));
    assertEquals(
        List.of(HistoryAction.GATE_PASS, HistoryAction.GATE_PASS, HistoryAction.GATE_REFUSED),
        registry.history("churn").stream().map(HistoryEntry::action).toList());
  }

  @Test
  void versionNamesSortInCreationOrderEvenWithinOneSecond() {
    String previous = "";
    for (int i = 0; i < 5; i++) {
      String v = registry.newVersion();
      assertTrue(v.compareTo(previous) > 0, v + " should sort after " + previous);
      assertTrue(VersionName.isVersion(v), v);
      previous = v;
    }
  }

  @Test
  void missingOrNaNAucIsRefusedButStored() {
    PublishResult noAuc =
        registry.publish("churn", staging(tmp, "x", "{\"log_loss\": 0.4}"), QualityGate.defaults());
    PublishResult nan =
        registry.publish("churn", staging(tmp, "y", "{\"auc\": \"NaN\"}"), QualityGate.defaults());
    assertFalse(noAuc.promoted());
    assertFalse(nan.promoted());
    assertEquals(2, registry.list("churn").size());
    assertEquals(Optional.empty(), registry.current("churn"));
  }

  @Test
  void promoteAndRollBackTwice() {
    String v1 = publish("a", 0.80).version();
    String v2 = publish("b", 0.70).version(); // refused
    String v3 = publish("c", 0.81).version();
    assertEquals(Optional.of(v3), registry.current("churn"));

    registry.promote("churn", v2);
    assertEquals(Optional.of(v2), registry.current("churn"));
    assertEquals("rolled back from " + v2, registry.rollback("churn").reason());
    assertEquals(Optional.of(v3), registry.current("churn"));
    registry.rollback("churn");
    assertEquals(Optional.of(v1), registry.current("churn"));

    RegistryException none =
        assertThrows(RegistryException.class, () -> registry.rollback("churn"));
    assertTrue(none.getMessage().contains("no earlier current"), none.getMessage());
    assertThrows(RegistryException.class, () -> registry.promote("churn", v1));
  }

  @Test
  void readsAndCopiesBundles() throws Exception {
    String v = publish("a", 0.8).version();
    assertArrayEquals(
        Files.readAllBytes(tmp.resolve("a/metrics.json")),
        registry.read("churn", v, "metrics.json"));
    assertEquals(
        List.of("metrics.json", "model_info.json", "spec/features.txt"),
        registry.files("churn", v).stream().map(BundleFile::name).toList());
    assertEquals(
        Optional.of(tmp.resolve("models/churn/" + v).toAbsolutePath()),
        registry.localPathIfLocal("churn", v));
    assertTrue(registry.versionPath("churn", v).startsWith("file:"));

    Path copy = registry.copyToLocal("churn", v, tmp.resolve("copy"));
    assertEquals(
        Files.readString(tmp.resolve("a/spec/features.txt")),
        Files.readString(copy.resolve("spec/features.txt")));
    try (var listing = Files.list(tmp.resolve("models/churn"))) {
      assertFalse(
          listing.anyMatch(
              p ->
                  p.getFileName().toString().endsWith(".tmp")
                      || p.getFileName().toString().endsWith(".crc")));
    }
  }

  @Test
  void fileUriRootWorksLikeAPlainPath() {
    String v = publish("a", 0.8).version();
    try (ModelRegistry viaUri = ModelRegistry.open(tmp.resolve("models").toUri().toString())) {
      assertEquals(Optional.of(v), viaUri.current("churn"));
      assertEquals(registry.root(), viaUri.root());
    }
    assertEquals("file:" + tmp.resolve("models").toAbsolutePath(), registry.root());
  }

  @Test
  void publishUnderAVersionTheTrainerChoseFirst() {
    String v = registry.newVersion();
    assertEquals(
        v,
        registry
            .publish("churn", v, stagingWithAuc(tmp, "a", 0.8), QualityGate.defaults())
            .version());
    RegistryException twice =
        assertThrows(
            RegistryException.class,
            () ->
                registry.publish(
                    "churn", v, stagingWithAuc(tmp, "b", 0.8), QualityGate.defaults()));
    assertTrue(twice.getMessage().contains("exists already"), twice.getMessage());
    assertTrue(registry.newVersion().compareTo(v) > 0);
  }

  @Test
  void errorsNameTheWrongInput() {
    RegistryException empty = assertThrows(RegistryException.class, () -> registry.list("churn"));
    assertTrue(empty.getMessage().contains("is empty"), empty.getMessage());

    publish("a", 0.8);
    RegistryException kind = assertThrows(RegistryException.class, () -> registry.list("offers"));
    assertTrue(
        kind.getMessage().contains("no 'offers' models; kinds there: churn"), kind.getMessage());
    RegistryException version =
        assertThrows(
            RegistryException.class, () -> registry.promote("churn", "20990101-000000-abcdef"));
    assertTrue(
        version.getMessage().contains("no version '20990101-000000-abcdef'"), version.getMessage());
    assertThrows(RegistryException.class, () -> registry.list("../etc"));
    assertThrows(
        RegistryException.class,
        () -> registry.publish("churn", tmp.resolve("missing"), QualityGate.defaults()));
  }

  @Test
  void aPointerThatNamesNoVersionIsRefusedNotFollowed() throws Exception {
    String v =
        registry.publish("churn", stagingWithAuc(tmp, "a", 0.8), QualityGate.defaults()).version();
    assertEquals(Optional.of(v), registry.current("churn"));
    Files.writeString(tmp.resolve("models/churn/CURRENT"), "../x\n");
    RegistryException e = assertThrows(RegistryException.class, () -> registry.current("churn"));
    assertTrue(e.getMessage().contains("'../x'"), e.getMessage());
  }
}
