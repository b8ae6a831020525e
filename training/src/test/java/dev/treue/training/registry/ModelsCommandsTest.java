package dev.treue.training.registry;

import static dev.treue.training.registry.RegistryFixtures.stagingWithAuc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.training.cli.TreueCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code models} commands through the real CLI entry point. */
class ModelsCommandsTest {
  @TempDir Path tmp;

  /** Exit status and what the command printed; commands print to System.out, so capture it. */
  private record Run(int status, String out, String err) {}

  private Run treue(String... words) {
    List<String> args = new ArrayList<>(Arrays.asList(words));
    args.addAll(List.of("--registry", tmp.resolve("models").toString()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream original = System.out;
    PrintStream capture = new PrintStream(out, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    int status;
    try {
      status = TreueCli.run(args, capture, new PrintStream(err, true, StandardCharsets.UTF_8));
    } finally {
      System.setOut(original);
    }
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void listPromoteRollbackAndShow() {
    Run empty = treue("models", "list");
    assertEquals(1, empty.status());
    assertTrue(empty.err().contains("is empty"), empty.err());
    assertEquals(1, empty.err().lines().count(), empty.err());

    String v1;
    String v2;
    try (ModelRegistry registry = ModelRegistry.open(tmp.resolve("models").toString())) {
      v1 = registry.publish("churn", stagingWithAuc(tmp, "a", 0.8), QualityGate.defaults()).version();
      v2 = registry.publish("churn", stagingWithAuc(tmp, "b", 0.7), QualityGate.defaults()).version();
    }

    Run list = treue("models", "list");
    assertEquals(0, list.status(), list.err());
    assertTrue(list.out().contains("* " + v1), list.out());
    assertTrue(list.out().contains("  " + v2) && list.out().contains("0.7000"), list.out());

    Run promote = treue("models", "promote", "--version", v2);
    assertEquals(0, promote.status(), promote.err());
    assertTrue(promote.out().contains("promoted churn " + v2 + " (was " + v1 + ")"), promote.out());

    Run show = treue("models", "show");
    assertEquals(0, show.status(), show.err());
    assertTrue(show.out().contains(v2 + "  (current)") && show.out().contains("\"auc\" : 0.7")
        && show.out().contains("spec/features.txt"), show.out());

    Run rollback = treue("models", "rollback");
    assertEquals(0, rollback.status(), rollback.err());
    assertTrue(rollback.out().contains("current is now " + v1), rollback.out());

    Run again = treue("models", "rollback");
    assertEquals(1, again.status());
    assertTrue(again.err().contains("no earlier current 'churn' model"), again.err());

    Run unknown = treue("models", "promote", "--version", "nope");
    assertEquals(1, unknown.status());
    assertTrue(unknown.err().contains("no version 'nope'"), unknown.err());

    Run missingVersion = treue("models", "promote");
    assertEquals(2, missingVersion.status());
    assertTrue(missingVersion.err().contains("--version"), missingVersion.err());

    Run otherKind = treue("models", "list", "--kind", "offers");
    assertEquals(1, otherKind.status());
    assertTrue(otherKind.err().contains("kinds there: churn"), otherKind.err());
  }
}
