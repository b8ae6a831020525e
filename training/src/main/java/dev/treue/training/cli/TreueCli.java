package dev.treue.training.cli;

import dev.treue.core.cli.CommandLine;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of the training JVM: {@code ./treue <command> [options]} for the commands in {@link Commands},
 * run by the shared {@link CommandLine}.
 */
public final class TreueCli {
  private TreueCli() {}

  public static void main(String[] argv) {
    System.exit(run(Arrays.asList(argv), System.out, System.err));
  }

  /** Runs a command line and returns the exit status; used by {@link #main} and tests. */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    return commandLine().run(args, out, err);
  }

  /** The training JVM's command line. */
  public static CommandLine commandLine() {
    return new CommandLine("training", Commands.all());
  }
}
