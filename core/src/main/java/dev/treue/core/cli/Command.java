package dev.treue.core.cli;

import java.util.List;

/** One {@code ./treue} command such as {@code generate}, {@code train churn} or {@code serve}. */
public interface Command {

  /** The words that select the command, e.g. {@code "train churn"}. */
  String name();

  /** One line for the command list. */
  String summary();

  /** Every option the command reads, with defaults, for parsing and for {@code --help}. */
  List<Option> options();

  /** More help printed after the options by {@code ./treue <command> --help}; empty by default. */
  default String details() {
    return "";
  }

  /**
   * Runs the command.
   *
   * @return the process exit status (0 = success)
   * @throws Exception any failure; the launcher prints its message on one line and exits non-zero
   */
  int run(Arguments args) throws Exception;
}
