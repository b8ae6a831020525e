package dev.treue.core.cli;

import java.util.List;

/**
 * The launcher's routing table: one line per command, {@code jvm TAB words TAB summary}. Each JVM prints its
 * rows ({@code --command-table}); the launcher keeps them under {@code target/} after a build and sends
 * {@code ./treue <words> ...} to the JVM of the row with the longest matching words, so a new command needs
 * no launcher edit.
 */
public final class CommandTable {
  private CommandTable() {}

  /** The rows of one JVM's commands. */
  public static String rows(String jvm, List<Command> commands) {
    StringBuilder out = new StringBuilder();
    for (Command c : commands) {
      if (c.name().contains("\t") || c.summary().contains("\t") || c.summary().contains("\n")) {
        throw new IllegalStateException(
            "command '" + c.name() + "' has a tab or newline in its name or summary");
      }
      out.append(jvm).append('\t').append(c.name()).append('\t').append(c.summary()).append('\n');
    }
    return out.toString();
  }
}
