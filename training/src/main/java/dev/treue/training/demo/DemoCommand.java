package dev.treue.training.demo;

import dev.treue.training.cli.Arguments;
import dev.treue.training.cli.Command;
import dev.treue.training.cli.Option;
import dev.treue.training.cli.TreueCli;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ./treue demo}: the whole training side on a small generated programme, with the same
 * commands a user would type: generate, train churn, score. Prints where the report and the
 * at-risk list are.
 */
public final class DemoCommand implements Command {

  @Override
  public String name() {
    return "demo";
  }

  @Override
  public String summary() {
    return "generate a small programme, train the churn model, score everyone; print where the results are";
  }

  @Override
  public List<Option> options() {
    return List.of(
        Option.of("customers", "20000", "members in the generated programme"),
        Option.of("months", "24", "months of history"),
        Option.of("seed", "42", "random seed"),
        Option.of("dir", "demo", "folder for the data, the registry and the at-risk list"));
  }

  @Override
  public int run(Arguments a) {
    Path dir = a.path("dir").toAbsolutePath();
    String data = dir.resolve("data").toString();
    String registry = dir.resolve("models").toString();
    String work = dir.resolve("work").toString();
    String atRisk = dir.resolve("atrisk.csv").toString();
    step("1/3 generate", List.of("generate", "--customers", a.string("customers"), "--months", a.string("months"),
        "--seed", a.string("seed"), "--out", data));
    step("2/3 train churn", List.of("train", "churn", "--data", data, "--registry", registry, "--work", work));
    step("3/3 score", List.of("score", "--data", data, "--registry", registry, "--work", work, "--out", atRisk));
    System.out.println();
    System.out.println("Demo done.");
    System.out.println("  Data:          " + data);
    System.out.println("  Models:        ./treue models list --registry " + registry);
    System.out.println("  Report:        " + registry + "/churn/<version>/report.html (see 'Report:' above)");
    System.out.println("  At-risk list:  " + atRisk);
    return 0;
  }

  private static void step(String title, List<String> args) {
    System.out.println();
    System.out.println("== " + title + ": ./treue " + String.join(" ", args));
    int status = TreueCli.run(args, System.out, System.err);
    if (status != 0) {
      throw new IllegalStateException("demo step '" + title + "' failed with status " + status);
    }
  }
}
