package dev.treue.serving.cli;

import dev.treue.core.cli.CommandLine;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;

/**
 * Entry point of the serving JVM: {@code ./treue <command> [options]} for the commands in
 * {@link ServingCommands}, run by the shared {@link CommandLine} (the same parsing and help as training).
 */
public final class ServingCli {
  private ServingCli() {}

  public static void main(String[] args) {
    System.setProperty(
        "java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s: %5$s%6$s%n");
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  /** Runs a command; returns the exit code. {@code serve} and {@code demo} block until the JVM is asked to stop. */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    return commandLine(env, out, err).run(Arrays.asList(args), out, err);
  }

  /** The serving JVM's command line. */
  static CommandLine commandLine(Map<String, String> env, PrintStream out, PrintStream err) {
    return new CommandLine("serving", ServingCommands.all(env, out, err));
  }
}
