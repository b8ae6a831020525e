package dev.treue.core.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One JVM's {@code ./treue} command line: picks the command whose words match the longest prefix of the
 * arguments, parses its options, runs it. Failures print one line on stderr and exit non-zero (2 for usage
 * errors, 1 for everything else). {@code --command-table} prints the {@link CommandTable} rows the launcher
 * routes by.
 */
public final class CommandLine {
  /** The hidden argument that prints this JVM's command table instead of running a command. */
  public static final String TABLE_ARGUMENT = "--command-table";

  private final String jvm;
  private final List<Command> commands;

  /**
   * @param jvm the JVM's name in the command table ({@code training} or {@code serving})
   * @param commands every command this JVM runs, in the order help lists them
   */
  public CommandLine(String jvm, List<Command> commands) {
    this.jvm = jvm;
    this.commands = List.copyOf(commands);
  }

  /** The commands, in help order. */
  public List<Command> commands() {
    return commands;
  }

  /** Runs a command line and returns the exit status. */
  public int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty() || List.of("--help", "-h", "help").contains(args.get(0))) {
      printCommands(out);
      return args.isEmpty() ? 2 : 0;
    }
    if (args.get(0).equals(TABLE_ARGUMENT)) {
      out.print(CommandTable.rows(jvm, commands));
      return 0;
    }
    Command chosen = find(args);
    if (chosen == null) {
      err.println(
          "treue: unknown command '"
              + String.join(" ", args.subList(0, Math.min(2, args.size())))
              + "'; run ./treue --help for the list");
      return 2;
    }
    List<String> rest = args.subList(chosen.name().split(" ").length, args.size());
    if (rest.contains("--help") || rest.contains("-h")) {
      printHelp(chosen, out);
      return 0;
    }
    try {
      return chosen.run(Arguments.parse(chosen, rest));
    } catch (UsageException e) {
      err.println("treue " + chosen.name() + ": " + e.getMessage());
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("treue " + chosen.name() + ": interrupted");
      return 1;
    } catch (Exception | Error e) {
      err.println("treue " + chosen.name() + ": " + oneLine(e));
      if (System.getenv("TREUE_DEBUG") != null) {
        e.printStackTrace(err);
      }
      return 1;
    }
  }

  /** The command whose words are the longest prefix of the arguments, or null. */
  public Command find(List<String> args) {
    Command chosen = null;
    int words = 0;
    for (Command c : commands) {
      String[] parts = c.name().split(" ");
      if (parts.length > words
          && parts.length <= args.size()
          && Arrays.asList(parts).equals(args.subList(0, parts.length))) {
        chosen = c;
        words = parts.length;
      }
    }
    return chosen;
  }

  private static String oneLine(Throwable e) {
    Throwable root = e;
    while (root.getMessage() == null && root.getCause() != null) {
      root = root.getCause();
    }
    String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return msg.replace('\n', ' ');
  }

  /** The list {@code --help} prints: each command's synopsis and summary. */
  public void printCommands(PrintStream out) {
    out.println("Usage: ./treue <command> [options]   (./treue <command> --help for its options)");
    out.println();
    out.println("Commands (" + jvm + " JVM; ./treue --help lists every command):");
    for (Command c : commands) {
      out.println("  " + synopsis(c));
      out.println("      " + c.summary());
    }
  }

  /** A command's synopsis: its words, then its options as written, e.g. {@code serve [--port N]}. */
  public static String synopsis(Command c) {
    List<String> parts = new ArrayList<>(List.of(c.name()));
    for (Option o : c.options()) {
      parts.add(o.synopsis());
    }
    return String.join(" ", parts);
  }

  /** What {@code ./treue <command> --help} prints. */
  public static void printHelp(Command c, PrintStream out) {
    out.println("Usage: ./treue " + synopsis(c));
    out.println(c.summary());
    if (!c.options().isEmpty()) {
      out.println();
      out.println("Options:");
    }
    for (Option o : c.options()) {
      String shown =
          o.positional() ? o.valueName() : "--" + o.name() + (o.flag() ? "" : " " + o.valueName());
      String dflt =
          o.required()
              ? "(required)"
              : o.flag()
                  ? "(flag)"
                  : o.defaultValue() == null
                      ? "(no default)"
                      : o.defaultValue().isEmpty()
                          ? "(default: empty)"
                          : "(default: " + o.defaultValue() + ")";
      out.printf("  %-30s %s %s%n", shown, o.help(), dflt);
    }
    if (!c.details().isEmpty()) {
      out.println();
      out.print(c.details().endsWith("\n") ? c.details() : c.details() + "\n");
    }
  }
}
