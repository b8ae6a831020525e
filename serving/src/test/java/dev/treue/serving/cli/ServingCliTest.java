package dev.treue.serving.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.serving.auth.ApiKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line: help, hash-key, and usage errors (serve itself is exercised through TreueServer). */
class ServingCliTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return ServingCli.run(
        args,
        Map.of(),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void helpExplainsTheCommands() {
    assertEquals(0, run("--help"));
    assertTrue(
        out.toString(StandardCharsets.UTF_8)
            .contains("serve [--port N] [--config FILE] [--registry DIR]"));
  }

  @Test
  void hashKeyPrintsTheSha256() {
    assertEquals(0, run("hash-key", "s3cret"));
    assertEquals(ApiKeys.sha256("s3cret"), out.toString(StandardCharsets.UTF_8).trim());
  }

  @Test
  void mistakesAreNamed() {
    assertEquals(2, run("serve", "--prot", "80"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown option '--prot'"));
    assertEquals(2, run("launch"));
    assertEquals(1, run("serve", "--config", "/no/such/file.json"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("/no/such/file.json"));
    assertEquals(1, run("serve", "--port", "http"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("port: expected a whole number"));
  }
}
