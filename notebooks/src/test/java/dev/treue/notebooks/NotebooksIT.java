package dev.treue.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every committed notebook still runs top to bottom on this checkout's code, its own checks
 * included (a notebook ends with cells that assert the figures it shows): {@code ./treue notebooks
 * --execute} in a real Jupyter with the Java kernel, as a data scientist would run it. Installs
 * Debian's Jupyter when missing, like {@code .ci/run}.
 */
class NotebooksIT {
  private static final Path MODULE = Path.of("").toAbsolutePath();
  private static final Path SCRIPT = MODULE.resolveSibling("scripts").resolve("notebooks");

  private static List<Path> notebooks() throws IOException {
    try (Stream<Path> files = Files.list(MODULE)) {
      return files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
    }
  }

  @Test
  void everyNotebookRunsAndItsChecksHold() throws Exception {
    List<Path> notebooks = notebooks();
    assertFalse(notebooks.isEmpty(), "notebooks in " + MODULE);
    Path out = MODULE.resolve("target").resolve("it-executed");
    Path log = MODULE.resolve("target").resolve("notebooks-it.log");
    Process run =
        new ProcessBuilder(SCRIPT.toString(), "--execute", "--out", out.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean done = run.waitFor(30, TimeUnit.MINUTES);
    String output = Files.readString(log, StandardCharsets.UTF_8);
    if (!done) {
      run.destroyForcibly();
    }
    assertTrue(done, "notebooks still running after 30 minutes:\n" + tail(output));
    assertEquals(0, run.exitValue(), "a notebook failed:\n" + tail(output));
    for (Path nb : notebooks) {
      String name = nb.getFileName().toString();
      assertTrue(Files.exists(out.resolve(name)), "executed copy of " + name);
      assertTrue(
          Files.exists(out.resolve(name.replace(".ipynb", ".html"))), "HTML rendering of " + name);
    }
  }

  @Test
  void committedNotebooksCarryTheOutputsOfARun() throws IOException {
    for (Path nb : notebooks()) {
      String text = Files.readString(nb, StandardCharsets.UTF_8);
      // A notebook saved without outputs reads as code only on GitHub.
      assertTrue(
          text.contains("\"output_type\""),
          nb.getFileName() + " has no outputs: run ./treue notebooks --execute --update");
    }
  }

  private static String tail(String text) {
    return text.length() <= 20_000 ? text : text.substring(text.length() - 20_000);
  }
}
