package dev.treue.training.cli;

import java.util.List;

/** One {@code ./treue} command such as {@code generate} or {@code train churn}. */
public interface Command {

  /** The words that select the command, e.g. {@code "train churn"}. */
  String name();

  /** One line for the command list. */
  String summary();

  /** Every option the command reads, with defaults, for parsing and for {@code --help}. */
  List<Option> options();

  /**
   * Runs the command.
   *
   * @return the process exit status (0 = success)
   * @throws Exception any failure; the launcher prints its message on one line and exits non-zero
   */
  int run(Arguments args) throws Exception;
}
