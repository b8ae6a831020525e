package dev.treue.training.cli;

import dev.treue.core.cli.Command;
import java.util.List;

/** Every command the training JVM offers, in the order {@code ./treue --help} lists them. */
final class Commands {
  private Commands() {}

  static List<Command> all() {
    return List.of(
        // the order of a user's workflow: try it, bring data, train, score, manage models
        new dev.treue.training.demo.DemoCommand(),
        new dev.treue.training.generate.GenerateCommand(),
        new dev.treue.training.ingest.ImportCdnowCommand(),
        new dev.treue.training.ingest.ImportTransactionsCommand(),
        new dev.treue.training.ingest.ValidateCommand(),
        new dev.treue.training.churn.TrainChurnCommand(),
        new dev.treue.training.offers.TrainOffersCommand(),
        new dev.treue.training.clv.TrainClvCommand(),
        new dev.treue.training.score.ScoreCommand(),
        new dev.treue.training.materialize.MaterializeCommand(),
        new dev.treue.training.kpis.KpisCommand(),
        new dev.treue.training.uplift.UpliftCommand(),
        new dev.treue.training.triggers.TriggerSweepCommand(),
        new dev.treue.training.registry.ModelsListCommand(),
        new dev.treue.training.registry.ModelsShowCommand(),
        new dev.treue.training.registry.ModelsPromoteCommand(),
        new dev.treue.training.registry.ModelsRollbackCommand(),
        new dev.treue.training.registry.ModelsPullCommand(),
        new dev.treue.training.bench.FeatureBenchmarkCommand(),
        new dev.treue.training.materialize.MaterializeBenchmarkCommand(),
        new dev.treue.training.bench.ClvFitBenchmarkCommand());
  }
}
