package dev.treue.training.demo;

import dev.treue.core.cli.Arguments;
import dev.treue.core.cli.Command;
import dev.treue.core.cli.Option;
import dev.treue.store.RedisEndpoint;
import dev.treue.training.cli.TreueCli;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./treue demo-data}: the training half of {@code ./treue demo}, with the same commands a
 * user would type: generate a programme whose history ends yesterday, train the churn model and the
 * offer response model, and either load everyone into Redis (with {@code --redis}) or score everyone into an at-risk CSV.
 * The demo trains a lighter model than the defaults (fewer cutoffs and trees) to be ready in
 * minutes; the report shows what that costs against the baselines.
 */
public final class DemoCommand implements Command {

  @Override
  public String name() {
    return "demo-data";
  }

  @Override
  public String summary() {
    return "generate a small programme, train the churn and offer models, load Redis (or score to CSV): the training "
        + "half of demo";
  }

  @Override
  public List<Option> options() {
    return List.of(
        Option.of("customers", "20000", "members in the generated programme"),
        Option.of("months", "24", "months of history"),
        Option.of("end", "", "last day of the history yyyy-MM-dd (empty: yesterday, UTC)"),
        Option.of("seed", "42", "random seed"),
        Option.of("dir", "demo", "folder for the data, the registry and the at-risk list"),
        Option.of("train-cutoffs", "6", "monthly training cutoffs (train churn defaults to 12)"),
        Option.of(
            "trees",
            "250",
            "trees in the gradient-boosted candidate (train churn defaults to 400)"),
        Option.of(
            "offer-trees",
            "150",
            "trees in the offer model's gradient-boosted candidates (train offers "
                + "defaults to 300)"),
        Option.of(
            "redis",
            "",
            "load the states and the at-risk list into this Redis (empty: write atrisk.csv)"),
        Option.of("tenant", "demo", "tenant key prefix in Redis"),
        Option.of(
            "holdout-share",
            String.valueOf(DEMO_HOLDOUT_SHARE),
            "the control group the programme holds out of every contact (salt: the tenant id, as the"
                + " service's default); 0: none, and no uplift step"));
  }

  /**
   * The demo's control-group share; {@code ./treue demo} configures the service with it for the demo
   * tenant (salt: the tenant id), so the service holds out the members the generator held out.
   */
  public static final double DEMO_HOLDOUT_SHARE = 0.1;

  /** Days after the uplift's contact period its outcome window runs; the period is the 90 days before. */
  static final int UPLIFT_HORIZON_DAYS = 60;

  @Override
  public int run(Arguments a) {
    Path dir = a.path("dir").toAbsolutePath();
    String data = dir.resolve("data").toString();
    String registry = dir.resolve("models").toString();
    String work = dir.resolve("work").toString();
    String atRisk = dir.resolve("atrisk.csv").toString();
    String end =
        a.has("end")
            ? a.date("end").toString()
            : LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
    boolean redis = a.has("redis");
    if (redis) {
      RedisEndpoint.parse(a.string("redis"));
    }
    // with Redis, materialize computes the KPIs too; without it, a kpis step writes them to
    // DATA/kpis
    double holdoutShare = a.decimal("holdout-share");
    boolean uplift = holdoutShare > 0;
    int steps = (redis ? 4 : 5) + (uplift ? 1 : 0);
    step(
        "1/" + steps + " generate",
        List.of(
            "generate",
            "--customers",
            a.string("customers"),
            "--months",
            a.string("months"),
            "--end",
            end,
            "--seed",
            a.string("seed"),
            "--holdout-share",
            String.valueOf(holdoutShare),
            "--holdout-salt",
            a.string("tenant"),
            "--out",
            data));
    step(
        "2/" + steps + " train churn",
        List.of(
            "train",
            "churn",
            "--data",
            data,
            "--registry",
            registry,
            "--work",
            work,
            "--train-cutoffs",
            a.string("train-cutoffs"),
            "--trees",
            a.string("trees")));
    step(
        "3/" + steps + " train offers",
        List.of(
            "train",
            "offers",
            "--data",
            data,
            "--registry",
            registry,
            "--work",
            work,
            "--trees",
            a.string("offer-trees")));
    if (redis) {
      step(
          "4/" + steps + " materialize",
          List.of(
              "materialize",
              "--data",
              data,
              "--registry",
              registry,
              "--work",
              work,
              "--redis",
              a.string("redis"),
              "--tenant",
              a.string("tenant")));
    } else {
      step(
          "4/" + steps + " score",
          List.of(
              "score", "--data", data, "--registry", registry, "--work", work, "--out", atRisk));
    }
    if (!redis) {
      step(
          "5/" + steps + " kpis",
          List.of("kpis", "--data", data, "--registry", registry, "--work", work));
    }
    if (uplift) {
      // the last 90 days whose outcome window the data still covers
      LocalDate to = LocalDate.parse(end).minusDays(UPLIFT_HORIZON_DAYS);
      List<String> args =
          new ArrayList<>(
              List.of(
                  "uplift",
                  "--data",
                  data,
                  "--from",
                  to.minusDays(89).toString(),
                  "--to",
                  to.toString(),
                  "--horizon",
                  String.valueOf(UPLIFT_HORIZON_DAYS),
                  "--holdout-share",
                  String.valueOf(holdoutShare),
                  "--salt",
                  a.string("tenant"),
                  "--work",
                  work));
      if (redis) {
        args.addAll(List.of("--redis", a.string("redis"), "--tenant", a.string("tenant")));
      }
      step(steps + "/" + steps + " uplift", args);
    }
    System.out.println();
    System.out.println("Demo data ready.");
    System.out.println("  Data:          " + data);
    System.out.println("  Models:        ./treue models list --registry " + registry);
    System.out.println(
        "  Reports:       "
            + registry
            + "/churn/<version>/report.html and "
            + registry
            + "/offers/<version>/report.html (see 'Report:' above)");
    System.out.println(
        redis ? "  At-risk list:  in Redis, GET /v1/at-risk" : "  At-risk list:  " + atRisk);
    System.out.println(
        redis
            ? "  KPIs:          in Redis, GET /v1/kpis (and " + data + "/kpis)"
            : "  KPIs:          " + data + "/kpis/kpis.json");
    if (uplift) {
      System.out.println(
          redis
              ? "  Uplift:        in Redis, GET /v1/uplift (and " + data + "/uplift)"
              : "  Uplift:        " + data + "/uplift/uplift.json");
    }
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
