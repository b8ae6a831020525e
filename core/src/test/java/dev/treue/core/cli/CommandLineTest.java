package dev.treue.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing, help and the command table of the command line both JVMs share. */
class CommandLineTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final List<String> ran = new ArrayList<>();

  private record Fake(String name, List<Option> options, List<String> ran) implements Command {
    @Override
    public String summary() {
      return "does " + name;
    }

    @Override
    public int run(Arguments args) {
      for (Option o : options) {
        ran.add(o.name() + "=" + args.get(o.name()));
      }
      return 0;
    }
  }

  private final CommandLine line =
      new CommandLine(
          "test",
          List.of(
              new Fake(
                  "load",
                  List.of(
                      Option.positional("file", "what to load"),
                      Option.of("tenant", "default", "who").shownAs("T"),
                      Option.flag("replace", "all of it")),
                  ran),
              new Fake("load all", List.of(Option.required("out", "where").shownAs("FILE")), ran)));

  private int run(String... args) {
    return line.run(
        List.of(args),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void positionalArgumentsOptionsAndFlagsAreParsed() {
    assertEquals(0, run("load", "--tenant=acme", "x.csv", "--replace"));
    assertEquals(List.of("file=x.csv", "tenant=acme", "replace=true"), ran);
    ran.clear();
    assertEquals(0, run("load", "y.csv"));
    assertEquals(List.of("file=y.csv", "tenant=default", "replace=false"), ran);
  }

  @Test
  void aRepeatableOptionCollectsEveryValueInOrderAndOthersKeepTheLast() {
    CommandLine pick =
        new CommandLine(
            "test",
            List.of(
                new Fake(
                    "pick",
                    List.of(
                        Option.of("kind", "all", "which").asRepeatable(),
                        Option.of("tenant", "default", "who")),
                    ran)));
    pick.run(
        List.of("pick", "--kind", "a", "--tenant", "x", "--kind=b,c", "--tenant", "y"),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(List.of("kind=a,b,c", "tenant=y"), ran);
    ran.clear();
    pick.run(
        List.of("pick"),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(List.of("kind=all", "tenant=default"), ran);
  }

  @Test
  void theLongestCommandWinsAndMistakesAreNamed() {
    assertEquals(0, run("load", "all", "--out", "o"));
    assertEquals(List.of("out=o"), ran);
    assertEquals(2, run("load", "all"));
    assertTrue(
        err().contains("treue load all: --out FILE is required, see ./treue load all --help"),
        err());
    assertEquals(2, run("load", "a", "b"));
    assertTrue(err().contains("unexpected argument 'b' for 'load'"), err());
    assertEquals(2, run("load", "a", "--tennant", "x"));
    assertTrue(err().contains("unknown option '--tennant' for 'load'"), err());
    assertEquals(2, run("unload"));
    assertTrue(err().contains("unknown command 'unload'"), err());
  }

  @Test
  void helpAndTheCommandTableComeFromTheCommands() {
    assertEquals(0, run("load", "--help"));
    String help = out.toString(StandardCharsets.UTF_8);
    assertTrue(
        help.startsWith("Usage: ./treue load FILE [--tenant T] [--replace]\ndoes load\n"), help);
    assertTrue(help.contains("--tenant T") && help.contains("(default: default)"), help);
    out.reset();
    assertEquals(0, run(CommandLine.TABLE_ARGUMENT));
    assertEquals(
        "test\tload\tdoes load\ntest\tload all\tdoes load all\n",
        out.toString(StandardCharsets.UTF_8));
    out.reset();
    assertEquals(2, run());
    assertTrue(
        out.toString(StandardCharsets.UTF_8)
            .contains("  load all --out FILE\n      does load all\n"));
  }

  @Test
  void helpNamesAValueByItsKindOrItsOption() {
    assertEquals("[--eval-days N]", Option.of("eval-days", "120", "h").synopsis());
    assertEquals("[--max-auc-drop X]", Option.of("max-auc-drop", "0.005", "h").synopsis());
    assertEquals("--data DATA", Option.required("data", "h").synopsis());
    assertEquals("[--as-of AS_OF]", Option.of("as-of", null, "h").synopsis());
    assertEquals("[--port PORT]", Option.of("port", "localhost", "h").synopsis());
    assertEquals("[--port N]", Option.of("port", "localhost", "h").shownAs("N").synopsis());
  }
}
