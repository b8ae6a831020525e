package dev.treue.training.generate;

import dev.treue.core.cli.Arguments;
import dev.treue.core.cli.Command;
import dev.treue.core.cli.Option;
import java.nio.file.Path;
import java.util.List;

/** {@code ./treue generate}: writes a synthetic loyalty programme with its known churn truth. */
public final class GenerateCommand implements Command {

  @Override
  public String name() {
    return "generate";
  }

  @Override
  public String summary() {
    return "generate a synthetic loyalty programme (customers, events, offers) with its true churn";
  }

  @Override
  public List<Option> options() {
    return List.of(
        Option.of("customers", "20000", "number of members"),
        Option.of("months", "24", "months of history ending on --end"),
        Option.of("seed", "42", "random seed; the same seed gives the same files"),
        Option.required("out", "output directory"),
        Option.of("end", "2026-06-30", "last day of the history (fixed so output is reproducible)"),
        Option.of("horizon", "90", "churn horizon in days for truth.csv"),
        Option.of(
            "warmup-days",
            String.valueOf(GeneratorConfig.WARMUP_DAYS),
            "members who joined before the history are simulated and written from this many days"
                + " before it (0: the events start with the history)"),
        Option.flag(
            "purchases-only",
            "a shop without a programme (no points, tiers, offers, app or email): orders.csv, a"
                + " plain shop export for import transactions, with truth.csv and latent.csv"),
        Option.of(
            "one-time-share",
            "0",
            "share of members who buy only once (they drop out after their first purchase day)"),
        Option.of(
            "holdout-share",
            "0",
            "share of members held out as a control group: sent no offers (0 <= share < 1; the"
                + " service's holdouts hash, so ./treue uplift finds them)"),
        Option.of("holdout-salt", "default", "salt of the control group's hash"),
        Option.of(
            "threads",
            String.valueOf(Math.max(1, Runtime.getRuntime().availableProcessors())),
            "worker threads (does not change the output)"));
  }

  @Override
  public int run(Arguments args) throws Exception {
    GeneratorConfig config;
    try {
      config =
          new GeneratorConfig(
              args.integer("customers"),
              args.integer("months"),
              args.longValue("seed"),
              args.date("end"),
              args.integer("horizon"),
              args.integer("threads"),
              args.integer("warmup-days"),
              args.flag("purchases-only"),
              args.decimal("one-time-share"),
              dev.treue.core.trigger.Holdout.of(
                  args.decimal("holdout-share"), args.string("holdout-salt")));
    } catch (IllegalArgumentException e) {
      throw new dev.treue.core.cli.UsageException(e.getMessage());
    }
    Path out = args.path("out");
    ProgrammeGenerator.Summary summary = new ProgrammeGenerator(config).run(out);
    System.out.println(summary.line() + " -> " + out);
    return 0;
  }
}
