package dev.treue.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one version rule and the CURRENT pointer, on a local folder. */
class RegistryReaderTest {
  @TempDir Path tmp;

  private RegistryReader reader() {
    return new RegistryReader(new LocalRegistryFiles(tmp));
  }

  private void pointAt(String text) throws IOException {
    Files.createDirectories(tmp.resolve("churn"));
    Files.writeString(tmp.resolve("churn").resolve(RegistryReader.CURRENT_FILE), text);
  }

  @Test
  void aNameTheWriterIssuesIsAVersionAndNothingElseIs() {
    String issued = VersionName.next(Instant.parse("2026-11-22T22:35:01Z"), Optional.empty());
    assertTrue(VersionName.isVersion(issued), issued);
    for (String other :
        List.of(
            "../x",
            "v1",
            "20240610-000000-offers",
            "20261122-223501-AB12CD",
            "20261122-223501-ab12cd.tmp",
            "",
            ".")) {
      assertTrue(!VersionName.isVersion(other), other);
    }
  }

  @Test
  void currentNamesTheVersionAndRefusesATraversal() throws IOException {
    assertEquals(Optional.empty(), reader().current("churn"));
    pointAt("20261122-223501-ab12cd\n");
    assertEquals(Optional.of("20261122-223501-ab12cd"), reader().current("churn"));
    pointAt("../x\n");
    RegistryException e = assertThrows(RegistryException.class, () -> reader().current("churn"));
    assertTrue(e.getMessage().contains("'../x'"), e.getMessage());
    assertThrows(RegistryException.class, () -> reader().read("churn", "../x", "metrics.json"));
    assertThrows(RegistryException.class, () -> reader().current("../churn"));
  }

  @Test
  void versionsSkipFoldersThatAreNotVersions() throws IOException {
    Files.createDirectories(tmp.resolve("churn/20261122-223501-ab12cd"));
    Files.createDirectories(tmp.resolve("churn/20261122-223502-ab12cd.tmp"));
    Files.createDirectories(tmp.resolve("churn/latest"));
    assertEquals(List.of("20261122-223501-ab12cd"), reader().versions("churn"));
    assertEquals(List.of("churn"), reader().kinds());
  }
}
