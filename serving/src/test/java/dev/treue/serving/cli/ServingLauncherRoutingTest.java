package dev.treue.serving.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.cli.Command;
import dev.treue.core.cli.CommandLine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code treue} launcher sends every serving command to the serving JVM, by the table this JVM prints
 * ({@code --command-table}), and answers an unknown command with one message listing the commands.
 */
class ServingLauncherRoutingTest {
  @TempDir Path dir;

  @Test
  void everyServingCommandIsRoutedToTheServingJvm() throws Exception {
    Path table = table();
    List<Command> commands = ServingCli.commandLine(Map.of(), System.out, System.err).commands();
    for (Command c : commands) {
      List<String> args = new ArrayList<>(List.of("--route"));
      args.addAll(List.of(c.name().split(" ")));
      args.add("--help");
      assertEquals("serving\n", launcher(table, args).out, c.name());
    }
    String help = launcher(table, List.of("--help")).out;
    for (Command c : commands) {
      assertTrue(
          help.contains("  " + c.name() + " ") && help.contains(c.summary()),
          c.name() + " not in:\n" + help);
    }
  }

  @Test
  void anUnknownCommandGetsOneMessageListingTheCommands() throws Exception {
    Result r = launcher(table(), List.of("offers", "drop"));
    assertEquals(2, r.status);
    assertEquals(1, r.err.strip().lines().count(), r.err);
    assertTrue(
        r.err.contains("unknown command 'offers drop'")
            && r.err.contains("serve, webhooks, hash-key, offers load"),
        r.err);
  }

  private Path table() throws Exception {
    ByteArrayOutputStream rows = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(rows, true, StandardCharsets.UTF_8);
    assertEquals(
        0, ServingCli.run(new String[] {CommandLine.TABLE_ARGUMENT}, Map.of(), out, System.err));
    return Files.writeString(dir.resolve("serving.tsv"), rows.toString(StandardCharsets.UTF_8));
  }

  private record Result(int status, String out, String err) {}

  private Result launcher(Path table, List<String> args) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", root().resolve("treue").toString()));
    command.addAll(args);
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectOutput(dir.resolve("out").toFile())
            .redirectError(dir.resolve("err").toFile());
    pb.environment().put("TREUE_COMMAND_TABLES", table.toString());
    int status = pb.start().waitFor();
    return new Result(
        status, Files.readString(dir.resolve("out")), Files.readString(dir.resolve("err")));
  }

  private static Path root() {
    Path d = Path.of("").toAbsolutePath();
    while (d != null && !Files.isRegularFile(d.resolve("treue"))) {
      d = d.getParent();
    }
    assertTrue(d != null, "no treue launcher above " + Path.of("").toAbsolutePath());
    return d;
  }
}
