package dev.treue.training.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of the training JVM: {@code ./treue <command> [options]}. Picks the command whose
 * words match the longest prefix of the arguments, parses its options, runs it. Failures print one
 * line on stderr and exit non-zero (2 for usage errors, 1 for everything else).
 */
public final class TreueCli {
  private TreueCli() {}

  public static void main(String[] argv) {
    System.exit(run(Arrays.asList(argv), System.out, System.err));
  }

  /** Runs a command line and returns the exit status; used by {@link #main} and tests. */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    List<Command> commands = Commands.all();
    if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("help")) {
      printCommands(commands, out);
      return args.isEmpty() ? 2 : 0;
    }
    Command chosen = null;
    int words = 0;
    for (Command c : commands) {
      String[] parts = c.name().split(" ");
      if (parts.length > words && parts.length <= args.size()
          && Arrays.asList(parts).equals(args.subList(0, parts.length))) {
        chosen = c;
        words = parts.length;
      }
    }
    if (chosen == null) {
      err.println("treue: unknown command '" + String.join(" ", args.subList(0, Math.min(2, args.size())))
          + "'; run ./treue --help for the list");
      return 2;
    }
    List<String> rest = args.subList(words, args.size());
    if (rest.contains("--help") || rest.contains("-h")) {
      printOptions(chosen, out);
      return 0;
    }
    try {
      return chosen.run(Arguments.parse(chosen, rest));
    } catch (UsageException e) {
      err.println("treue " + chosen.name() + ": " + e.getMessage());
      return 2;
    } catch (Exception | Error e) {
      err.println("treue " + chosen.name() + ": " + oneLine(e));
      if (System.getenv("TREUE_DEBUG") != null) {
        e.printStackTrace(err);
      }
      return 1;
    }
  }

  private static String oneLine(Throwable e) {
    Throwable root = e;
    while (root.getMessage() == null && root.getCause() != null) {
      root = root.getCause();
    }
    String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return msg.replace('\n', ' ');
  }

  private static void printCommands(List<Command> commands, PrintStream out) {
    out.println("Usage: ./treue <command> [options]   (./treue <command> --help for its options)");
    out.println();
    out.println("Commands:");
    // These run in the serving JVM (Vert.x, Redis); the launcher sends them there.
    out.printf("  %-22s %s%n", "demo", "the whole product: Redis, generate, train, materialize, serve with a demo API key");
    out.printf("  %-22s %s%n", "serve", "run the scoring service (--port, --config, --registry)");
    out.printf("  %-22s %s%n", "hash-key", "print the SHA-256 of an API key for the service config");
    out.printf("  %-22s %s%n", "offers load", "load an offers file into the service's catalogue in Redis (--replace)");
    out.printf("  %-22s %s%n", "rankings export", "write the served rankings as the impressions table, for training");
    for (Command c : commands) {
      out.printf("  %-22s %s%n", c.name(), c.summary());
    }
    out.println();
    out.println("Environment: TREUE_HEAP (JVM heap, default 8g), TREUE_DEBUG (print stack traces).");
  }

  static void printOptions(Command c, PrintStream out) {
    out.println("Usage: ./treue " + c.name() + " [options]");
    out.println(c.summary());
    out.println();
    out.println("Options:");
    for (Option o : c.options()) {
      String value = o.flag() ? "" : " VALUE";
      String dflt = o.required() ? "(required)" : o.flag() ? "(flag)" : o.defaultValue() == null ? "(no default)" : o.defaultValue().isEmpty() ? "(default: empty)" : "(default: " + o.defaultValue() + ")";
      out.printf("  --%-28s %s %s%n", o.name() + value, o.help(), dflt);
    }
  }
}
