package dev.treue.training.registry;

import static dev.treue.training.registry.RegistryFixtures.stagingWithAuc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.training.cli.CliRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code models} commands through the real CLI entry point. */
class ModelsCommandsTest {
  @TempDir Path tmp;

  private CliRun treue(String... words) {
    List<String> args = new ArrayList<>(Arrays.asList(words));
    args.addAll(List.of("--registry", tmp.resolve("models").toString()));
    return CliRun.of(args);
  }

  @Test
  void listPromoteRollbackAndShow() {
    CliRun empty = treue("models", "list");
    assertEquals(1, empty.status());
    assertTrue(empty.err().contains("is empty"), empty.err());
    assertEquals(1, empty.err().lines().count(), empty.err());

    String v1;
    String v2;
    try (ModelRegistry registry = ModelRegistry.open(tmp.resolve("models").toString())) {
      v1 =
          registry
              .publish("churn", stagingWithAuc(tmp, "a", 0.8), QualityGate.defaults())
              .version();
      v2 =
          registry
              .publish("churn", stagingWithAuc(tmp, "b", 0.7), QualityGate.defaults())
              .version();
    }

    CliRun list = treue("models", "list");
    assertEquals(0, list.status(), list.err());
    assertTrue(list.out().contains("* " + v1), list.out());
    assertTrue(list.out().contains("  " + v2) && list.out().contains("0.7000"), list.out());

    CliRun promote = treue("models", "promote", "--version", v2);
    assertEquals(0, promote.status(), promote.err());
    assertTrue(promote.out().contains("promoted churn " + v2 + " (was " + v1 + ")"), promote.out());

    CliRun show = treue("models", "show");
    assertEquals(0, show.status(), show.err());
    assertTrue(
        show.out().contains(v2 + "  (current)")
            && show.out().contains("\"auc\" : 0.7")
            && show.out().contains("spec/features.txt"),
        show.out());

    CliRun rollback = treue("models", "rollback");
    assertEquals(0, rollback.status(), rollback.err());
    assertTrue(rollback.out().contains("current is now " + v1), rollback.out());

    CliRun again = treue("models", "rollback");
    assertEquals(1, again.status());
    assertTrue(again.err().contains("no earlier current 'churn' model"), again.err());

    CliRun unknown = treue("models", "promote", "--version", "nope");
    assertEquals(1, unknown.status());
    assertTrue(unknown.err().contains("no version 'nope'"), unknown.err());

    CliRun missingVersion = treue("models", "promote");
    assertEquals(2, missingVersion.status());
    assertTrue(missingVersion.err().contains("--version"), missingVersion.err());

    CliRun otherKind = treue("models", "list", "--kind", "offers");
    assertEquals(1, otherKind.status());
    assertTrue(otherKind.err().contains("kinds there: churn"), otherKind.err());
  }
}
