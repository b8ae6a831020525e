package dev.treue.core.registry;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.churn.ChurnModelBundle;
import dev.treue.core.feature.ChurnFeatures;
import dev.treue.core.feature.FeatureSpec;
import dev.treue.core.offers.OfferFeatures;
import dev.treue.core.offers.OfferModelBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each bundle reader refuses the other kind's bundle by naming both kinds, before it looks at the
 * model: the feature spec of the folder is the reader's own, so only the kind check can catch it.
 */
class BundleKindTest {
  @TempDir Path tmp;

  /** A bundle folder that claims {@code kind} and the spec its reader expects; the model is junk. */
  private Path bundle(String name, String kind, FeatureSpec spec) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(name));
    String names = String.join("\",\"", spec.names());
    Files.writeString(
        dir.resolve(BundleFormat.BUNDLE),
        "{\"kind\":\""
            + kind
            + "\",\"model_name\":\"logistic\","
            + "\"feature_spec\":{\"version\":\""
            + spec.version()
            + "\",\"names\":[\""
            + names
            + "\"],\"hash\":\""
            + spec.hash()
            + "\"}}");
    Files.write(dir.resolve(BundleFormat.MODEL), new byte[] {1, 2, 3});
    return dir;
  }

  @Test
  void theChurnReaderRefusesAnOffersBundleNamingBothKinds() throws IOException {
    Path dir = bundle("a", "offers", ChurnFeatures.SPEC);
    IOException e = assertThrows(IOException.class, () -> ChurnModelBundle.read(dir));
    assertTrue(
        e.getMessage().contains("kind 'offers'")
            && e.getMessage().contains("expected kind 'churn'"),
        e.getMessage());
  }

  @Test
  void theOffersReaderRefusesAChurnBundleNamingBothKinds() throws IOException {
    Path dir = bundle("b", "churn", OfferFeatures.spec());
    IOException e = assertThrows(IOException.class, () -> OfferModelBundle.read(dir));
    assertTrue(
        e.getMessage().contains("kind 'churn'")
            && e.getMessage().contains("expected kind 'offers'"),
        e.getMessage());
  }
}
